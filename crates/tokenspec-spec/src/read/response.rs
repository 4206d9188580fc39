//! Readers of `response`, `errors`, `limits`, `apply` and `refresh`.

use crate::diagnostic::{Ctxt, Loc};
use crate::model::{Apply, Errors, Field, Path, Refresh, Response, Sp, Variant};
use crate::node::{Node, Value};
use crate::plan::{FieldType, Scalar};

use super::token::{read_params, read_word};
use super::value::{
    get_bool, get_path, get_paths, get_scalar, get_status, get_str, get_text, get_u64, one_or_many,
};
use super::{entries, keys};

const RESPONSE_KEYS: &[&str] = &[
    "root",
    "success",
    "token",
    "token_type",
    "expires_in",
    "refresh_token",
    "scope",
    "lifetime",
    "fields",
];

/// `response:` where the token and its fields are.
pub(crate) fn read_response(cx: &Ctxt, key: Loc, node: &Node) -> Option<Response> {
    let mut r = Response {
        key,
        ..Response::default()
    };
    keys(cx, node, "`response`", RESPONSE_KEYS, |k, v| {
        match k.value.as_str() {
            "root" => read_root(cx, v, &mut r),
            "success" => r.success = read_success(cx, v),
            "token" => {
                r.token_written = true;
                r.token = get_path(cx, v, "response.token");
            }
            "token_type" => r.token_type = get_path(cx, v, "response.token_type"),
            "expires_in" => r.expires_in = get_path(cx, v, "response.expires_in"),
            "refresh_token" => r.refresh_token = get_path(cx, v, "response.refresh_token"),
            "scope" => r.scope = get_path(cx, v, "response.scope"),
            "lifetime" => r.lifetime = get_u64(cx, v, "response.lifetime"),
            "fields" => r.fields = read_fields(cx, v),
            _ => {}
        }
    });
    Some(r)
}

/// `root: data` or `root: { path: data, json_string: true }`.
fn read_root(cx: &Ctxt, node: &Node, r: &mut Response) {
    if !matches!(node.value, Value::Map(_)) {
        r.root = get_path(cx, node, "response.root");
        return;
    }
    let mut path = None;
    keys(
        cx,
        node,
        "`response.root`",
        &["path", "json_string"],
        |k, v| match k.value.as_str() {
            "path" => path = get_path(cx, v, "response.root.path"),
            "json_string" => {
                r.root_json_string =
                    get_bool(cx, v, "response.root.json_string").is_some_and(|b| b.value);
            }
            _ => {}
        },
    );
    if path.is_none() && !super::has_key(node, "path", &["path", "json_string"]) {
        cx.error_hint(
            node.loc,
            "missing required key `path` in `response.root`",
            "add `path: <path>`, e.g. `{ path: data, json_string: true }`",
        );
    }
    r.root = path;
}

/// `success: { path: status, equals: success }`.
fn read_success(cx: &Ctxt, node: &Node) -> Option<(Path, Sp<Scalar>)> {
    let mut path = None;
    let mut equals = None;
    keys(
        cx,
        node,
        "`response.success`",
        &["path", "equals"],
        |k, v| match k.value.as_str() {
            "path" => path = get_path(cx, v, "response.success.path"),
            "equals" => equals = read_scalar(cx, v),
            _ => {}
        },
    );
    for (key, present) in [("path", path.is_some()), ("equals", equals.is_some())] {
        if !present && !super::has_key(node, key, &["path", "equals"]) {
            cx.error_hint(
                node.loc,
                format!("missing required key `{key}` in `response.success`"),
                "write `success: { path: status, equals: success }`",
            );
        }
    }
    Some((path?, equals?))
}

fn read_scalar(cx: &Ctxt, node: &Node) -> Option<Sp<Scalar>> {
    let scalar = match &node.value {
        Value::Str(s) => Scalar::String(s.clone().into()),
        Value::Bool(b) => Scalar::Bool(*b),
        Value::Int(i) => match i64::try_from(*i) {
            Ok(i) => Scalar::Integer(i),
            Err(_) => Scalar::String(i.to_string().into()),
        },
        other => {
            cx.error(
                node.loc,
                format!(
                    "expected a string, boolean or integer for `response.success.equals`, found {}",
                    other.kind()
                ),
            );
            return None;
        }
    };
    Some(Sp::new(scalar, node.loc))
}

const FIELD_KEYS: &[&str] = &["path", "type", "required", "secret"];

/// `fields:` name → a path, or `{ path, type, required, secret }`.
fn read_fields(cx: &Ctxt, node: &Node) -> Vec<Field> {
    let mut out = Vec::new();
    for (name, value) in entries(cx, node, "`response.fields`") {
        let what = format!("response.fields.{}", name.value);
        if !matches!(value.value, Value::Map(_)) {
            if let Some(path) = get_path(cx, value, &what) {
                out.push(Field {
                    name,
                    path,
                    ty: FieldType::String,
                    required: false,
                    secret: None,
                });
            }
            continue;
        }
        let mut path = None;
        let mut ty = None;
        let mut required = false;
        let mut secret = None;
        keys(
            cx,
            value,
            &format!("`{what}`"),
            FIELD_KEYS,
            |k, v| match k.value.as_str() {
                "path" => path = get_path(cx, v, &format!("{what}.path")),
                "type" => {
                    ty = read_word(
                        cx,
                        v,
                        &format!("{what}.type"),
                        &[
                            ("string", FieldType::String),
                            ("integer", FieldType::Integer),
                            ("number", FieldType::Number),
                            ("bool", FieldType::Bool),
                            ("json", FieldType::Json),
                        ],
                    );
                }
                "required" => {
                    required =
                        get_bool(cx, v, &format!("{what}.required")).is_some_and(|b| b.value);
                }
                "secret" => secret = get_bool(cx, v, &format!("{what}.secret")),
                _ => {}
            },
        );
        // The path defaults to the field's own name at the root.
        let path = path.unwrap_or_else(|| Sp::new(vec![name.value.clone()], name.loc));
        out.push(Field {
            name,
            path,
            ty: ty.as_ref().map_or(FieldType::String, |t| t.value),
            required,
            secret,
        });
    }
    out
}

const ERRORS_KEYS: &[&str] = &["code", "message", "details", "variants"];

/// `errors:` the error envelope and the named errors.
pub(crate) fn read_errors(cx: &Ctxt, node: &Node) -> Option<Errors> {
    let mut e = Errors::default();
    keys(cx, node, "`errors`", ERRORS_KEYS, |k, v| {
        match k.value.as_str() {
            "code" => e.code = Some(get_paths(cx, v, "errors.code")),
            "message" => e.message = Some(get_paths(cx, v, "errors.message")),
            "details" => e.details = Some(get_paths(cx, v, "errors.details")),
            "variants" => e.variants = Some(read_variants(cx, v)),
            _ => {}
        }
    });
    Some(e)
}

const VARIANT_KEYS: &[&str] = &["code", "status", "name", "retry", "docs"];

fn read_variants(cx: &Ctxt, node: &Node) -> Vec<Variant> {
    let items = match &node.value {
        Value::Seq(items) => items,
        Value::Null => return Vec::new(),
        other => {
            cx.error_hint(
                node.loc,
                format!(
                    "expected a list for `errors.variants`, found {}",
                    other.kind()
                ),
                "write each variant as a list item: `- code: INVALID_CREDENTIALS`",
            );
            return Vec::new();
        }
    };
    let mut out = Vec::new();
    for item in items {
        if !matches!(item.value, Value::Map(_)) {
            cx.error(
                item.loc,
                format!(
                    "expected a mapping for a variant of `errors.variants`, found {}",
                    item.value.kind()
                ),
            );
            continue;
        }
        let mut v = Variant {
            loc: Loc::new(item.loc.line, item.loc.column, 0),
            codes: Vec::new(),
            statuses: Vec::new(),
            matcher_written: false,
            name: None,
            retry: false,
            docs: None,
        };
        keys(
            cx,
            item,
            "a variant of `errors.variants`",
            VARIANT_KEYS,
            |k, n| match k.value.as_str() {
                "code" => {
                    v.matcher_written = true;
                    v.codes = one_or_many(n, |c| get_scalar(cx, c, "code"));
                }
                "status" => {
                    v.matcher_written = true;
                    v.statuses = one_or_many(n, |s| get_status(cx, s, "status"));
                }
                "name" => v.name = get_str(cx, n, "name"),
                "retry" => v.retry = get_bool(cx, n, "retry").is_some_and(|b| b.value),
                "docs" => v.docs = get_text(cx, n, "docs"),
                _ => {}
            },
        );
        out.push(v);
    }
    out
}

/// `limits: { rate: 10/minute }`.
pub(crate) fn read_limits(cx: &Ctxt, node: &Node) -> Option<Sp<(u32, u64)>> {
    let mut rate = None;
    keys(cx, node, "`limits`", &["rate"], |_, v| {
        rate = get_str(cx, v, "limits.rate").and_then(|s| parse_rate(cx, &s));
    });
    rate
}

fn parse_rate(cx: &Ctxt, text: &Sp<String>) -> Option<Sp<(u32, u64)>> {
    let bad = || {
        cx.error_hint(
            text.loc,
            format!("malformed rate `{}`", text.value),
            "write N/second, N/minute or N/hour, e.g. `10/minute`",
        );
    };
    let Some((n, unit)) = text.value.split_once('/') else {
        bad();
        return None;
    };
    let per = match unit.trim() {
        "second" => 1,
        "minute" => 60,
        "hour" => 3600,
        _ => {
            bad();
            return None;
        }
    };
    match n.trim().parse::<u32>() {
        Ok(n) if n > 0 => Some(Sp::new((n, per), text.loc)),
        _ => {
            bad();
            None
        }
    }
}

/// `apply: { header, scheme, hosts }`.
pub(crate) fn read_apply(cx: &Ctxt, node: &Node) -> Option<Apply> {
    let mut a = Apply::default();
    keys(
        cx,
        node,
        "`apply`",
        &["header", "scheme", "hosts"],
        |k, v| match k.value.as_str() {
            "header" => a.header = get_str(cx, v, "apply.header"),
            "scheme" => {
                a.scheme = match &v.value {
                    Value::Null => Some(Sp::new(None, v.loc)),
                    _ => get_str(cx, v, "apply.scheme").map(|s| {
                        let scheme = (s.value != "none").then_some(s.value);
                        Sp::new(scheme, s.loc)
                    }),
                };
            }
            "hosts" => a.hosts = one_or_many(v, |h| get_str(cx, h, "apply.hosts")),
            _ => {}
        },
    );
    Some(a)
}

/// `refresh: { params, token_param }`.
pub(crate) fn read_refresh(cx: &Ctxt, key: Loc, node: &Node) -> Option<Refresh> {
    let mut r = Refresh {
        key,
        params: Vec::new(),
        token_param: None,
    };
    keys(
        cx,
        node,
        "`refresh`",
        &["params", "token_param"],
        |k, v| match k.value.as_str() {
            "params" => r.params = read_params(cx, v, "refresh.params"),
            "token_param" => r.token_param = get_str(cx, v, "refresh.token_param"),
            _ => {}
        },
    );
    if r.token_param.is_none() && !super::has_key(node, "token_param", &["params", "token_param"]) {
        cx.error_hint(
            key,
            "missing required key `token_param` in `refresh`",
            "add `token_param: refresh_token` (the body field carrying the refresh token)",
        );
    }
    Some(r)
}
