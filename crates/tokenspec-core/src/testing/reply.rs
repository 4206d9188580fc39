//! The mock's answers, built from the plan's response and error paths.
//!
//! Nothing here knows any particular provider: the success document is assembled by writing
//! values at the plan's paths (then wrapped in the root, as a JSON string when the spec says
//! the root may be one), and error documents by writing the code and message at the first
//! path the plan's envelope reads them from.

use serde_json::{Map, Value, json};
use tokenspec_spec::plan::{FieldType, JsonPath, Plan, Scalar, Text, VariantPlan};

use super::check::Reject;

/// An HTTP answer, before it becomes a hyper response.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn json(status: u16, doc: &Value) -> Reply {
        Reply {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            body: doc.to_string().into_bytes(),
        }
    }
}

/// A token the mock hands out.
#[derive(Debug, Clone)]
pub(crate) struct Issued {
    pub token: String,
    pub refresh_token: Option<String>,
    pub lifetime_secs: u64,
    pub scope: Option<String>,
}

/// How a success document deviates from the plan's shape (for faults).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    Normal,
    /// Everything in place, `expires_in` 0.
    Expired,
    /// The token (and the other values) with the wrong JSON types.
    WrongTypes,
    /// No access token.
    NoToken,
}

/// A 200 in the plan's response shape.
pub(crate) fn success(plan: &Plan, issued: &Issued, shape: Shape) -> Reply {
    Reply::json(200, &success_doc(plan, issued, shape))
}

/// The success document, also cut short by the truncated-JSON fault.
pub(crate) fn success_doc(plan: &Plan, issued: &Issued, shape: Shape) -> Value {
    let rp = &plan.response;
    let wrong = shape == Shape::WrongTypes;
    let mut root = Value::Object(Map::new());
    if shape != Shape::NoToken {
        let token = if wrong {
            json!(12345)
        } else {
            json!(issued.token)
        };
        set(&mut root, &rp.token, token);
    }
    let mut put = |path: &Option<JsonPath>, value: Value| {
        if let Some(path) = path {
            set(&mut root, path, value);
        }
    };
    put(
        &rp.token_type,
        if wrong { json!(true) } else { json!("Bearer") },
    );
    let lifetime = if shape == Shape::Expired {
        0
    } else {
        issued.lifetime_secs
    };
    put(
        &rp.expires_in,
        if wrong {
            json!({ "seconds": lifetime })
        } else {
            json!(lifetime)
        },
    );
    if let Some(refresh) = &issued.refresh_token {
        put(&rp.refresh_token, json!(refresh));
    }
    if let Some(scope) = &issued.scope {
        put(&rp.scope, json!(scope));
    }
    for field in rp.fields.iter() {
        set(&mut root, &field.path, plausible(&field.name, field.ty));
    }

    let mut doc = if rp.root.is_empty() {
        root
    } else {
        let mut doc = Value::Object(Map::new());
        // The string form is the one seed 003 documents; the engine accepts both.
        let inner = if rp.root_json_string {
            Value::String(root.to_string())
        } else {
            root
        };
        set(&mut doc, &rp.root, inner);
        doc
    };
    if let Some((path, expected)) = &rp.success {
        let value = match expected {
            Scalar::String(s) => json!(s),
            Scalar::Bool(b) => json!(b),
            Scalar::Integer(i) => json!(i),
        };
        set(&mut doc, path, value);
    }
    doc
}

/// A value of the declared type, recognisable as the mock's.
fn plausible(name: &str, ty: FieldType) -> Value {
    match ty {
        FieldType::String => json!(format!("mock-{name}")),
        FieldType::Integer => json!(42),
        FieldType::Number => json!(1.5),
        FieldType::Bool => json!(true),
        FieldType::Json => json!({ "mock": name }),
    }
}

/// The answer to a rejected request: the spec's error envelope, with the variant (code and
/// status) the plan names for that kind of mistake, so the client maps it back to it.
pub(crate) fn rejection(plan: &Plan, kind: Reject, reason: &str) -> Reply {
    let (default_status, variant) = match kind {
        Reject::NotFound => (404, status_only(plan, 404)),
        Reject::MethodNotAllowed => (405, status_only(plan, 405)),
        Reject::BadRequest => (400, named(plan, "invalid_request", 400)),
        Reject::InvalidGrant => (400, named(plan, "invalid_grant", 0)),
        Reject::InvalidCredentials => (401, invalid_credentials(plan)),
    };
    error(plan, default_status, variant, reason)
}

/// An error status (faults), with the variant the plan names for that status, if any.
pub(crate) fn status_error(plan: &Plan, status: u16, message: &str) -> Reply {
    let variant = plan
        .errors
        .variants
        .iter()
        .find(|v| v.statuses.contains(&status));
    let mut reply = error(plan, status, variant, message);
    reply.status = status;
    reply
}

fn error(plan: &Plan, default_status: u16, variant: Option<&VariantPlan>, msg: &str) -> Reply {
    let status = variant
        .and_then(|v| v.statuses.first().copied())
        .unwrap_or(default_status);
    let code = variant.and_then(|v| v.codes.first()).map(|c| &**c);
    Reply::json(status, &envelope(plan, code, msg))
}

/// The error document: code and message at the first path the plan reads each from. A spec
/// without an envelope gets a bare JSON string, which the engine reads as the message.
fn envelope(plan: &Plan, code: Option<&str>, message: &str) -> Value {
    let ep = &plan.errors;
    if ep.code.is_empty() && ep.message.is_empty() {
        return json!(message);
    }
    let mut doc = Value::Object(Map::new());
    if let (Some(code), Some(path)) = (code, ep.code.first()) {
        set(&mut doc, path, json!(code));
    }
    if let Some(path) = ep.message.first() {
        set(&mut doc, path, json!(message));
    }
    doc
}

/// The variant standing for bad credentials: the one for 401, else the one whose name or
/// code says client, credential or unauthorized (skauth's `InvalidClient` has no status).
fn invalid_credentials(plan: &Plan) -> Option<&VariantPlan> {
    let variants = &plan.errors.variants;
    variants
        .iter()
        .find(|v| v.statuses.contains(&401))
        .or_else(|| {
            variants.iter().find(|v| {
                std::iter::once(&v.name).chain(v.codes.iter()).any(|s| {
                    let s = s.to_ascii_lowercase();
                    ["client", "credential", "unauthori"]
                        .iter()
                        .any(|w| s.contains(w))
                })
            })
        })
}

/// The variant with this RFC 6749 code, or named after it (`InvalidRequest`), or for this
/// status.
fn named<'p>(plan: &'p Plan, code: &str, status: u16) -> Option<&'p VariantPlan> {
    let camel: String = code
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    let variants = &plan.errors.variants;
    variants
        .iter()
        .find(|v| v.codes.iter().any(|c| c == code) || v.name == camel)
        .or_else(|| variants.iter().find(|v| v.statuses.contains(&status)))
}

/// A variant matched by status alone, which the engine picks for that status.
fn status_only(plan: &Plan, status: u16) -> Option<&VariantPlan> {
    plan.errors
        .variants
        .iter()
        .find(|v| v.codes.is_empty() && v.statuses.contains(&status))
}

/// A page a proxy or portal would serve instead of JSON.
pub(crate) fn html(status: u16) -> Reply {
    Reply {
        status,
        headers: vec![("content-type", "text/html; charset=utf-8".to_owned())],
        body: b"<!DOCTYPE html>\n<html><head><title>Bad Gateway</title></head>\
                <body><h1>Bad Gateway</h1><p>tokenspec mock: an HTML page instead of JSON.</p>\
                </body></html>\n"
            .to_vec(),
    }
}

/// The success document cut off halfway.
pub(crate) fn truncated(plan: &Plan, issued: &Issued) -> Reply {
    let mut reply = success(plan, issued, Shape::Normal);
    reply.body.truncate(reply.body.len() / 2);
    reply
}

/// A redirect to another path of the mock.
pub(crate) fn redirect() -> Reply {
    Reply {
        status: 302,
        headers: vec![("location", "/moved".to_owned())],
        body: Vec::new(),
    }
}

/// Writes `value` at `path` under `doc`, creating objects (and arrays for numeric segments)
/// on the way. A non-container in the way is replaced: the mock's documents are built from
/// scratch, so only two plan paths crossing each other can collide.
pub(crate) fn set(doc: &mut Value, path: &[Text], value: Value) {
    let Some((last, parents)) = path.split_last() else {
        *doc = value;
        return;
    };
    let mut at = doc;
    for key in parents {
        at = child(at, key);
    }
    *child(at, last) = value;
}

fn child<'v>(at: &'v mut Value, key: &str) -> &'v mut Value {
    // A huge index would allocate a huge array: past a small bound it is an object key.
    if let Some(index) = key.parse::<usize>().ok().filter(|i| *i < 1024) {
        if !at.is_array() {
            *at = Value::Array(Vec::new());
        }
        if let Value::Array(items) = at {
            if items.len() <= index {
                items.resize(index + 1, Value::Null);
            }
            return &mut items[index];
        }
    }
    if !at.is_object() {
        *at = Value::Object(Map::new());
    }
    match at {
        Value::Object(map) => map.entry(key.to_owned()).or_insert(Value::Null),
        // Made an object just above.
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(p: &str) -> Vec<Text> {
        p.split('.').map(|k| Text::from(k.to_owned())).collect()
    }

    #[test]
    fn set_builds_objects_and_arrays() {
        let mut doc = json!({});
        set(&mut doc, &path("data.accessToken"), json!("t"));
        set(&mut doc, &path("data.list.1.x"), json!(1));
        set(&mut doc, &path("status"), json!("success"));
        assert_eq!(
            doc,
            json!({"data": {"accessToken": "t", "list": [null, {"x": 1}]}, "status": "success"})
        );
    }
}
