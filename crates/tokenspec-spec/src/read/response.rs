//! The reader of `response`: where the token and its fields are.

use crate::diagnostic::{Ctxt, Loc};
use crate::model::{Field, Path, Response, Sp};
use crate::node::{Node, Value};
use crate::plan::{FieldType, Scalar};

use super::token::read_word;
use super::value::{get_bool, get_path, get_u64};
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
