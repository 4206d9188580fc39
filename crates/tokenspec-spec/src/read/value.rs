//! Typed readers of single values: each reports "expected X for `key`, found Y" at the value
//! and returns `None`, so the caller simply leaves the model field empty.

use crate::diagnostic::{Ctxt, Loc};
use crate::model::{Path, Sp};
use crate::node::{Node, Value};

/// A string (only a string: `name: 12` is an error).
pub(crate) fn get_str(cx: &Ctxt, node: &Node, what: &str) -> Option<Sp<String>> {
    match &node.value {
        Value::Str(s) => Some(Sp::new(s.clone(), node.loc)),
        other => {
            expected(cx, node, "a string", what, other);
            None
        }
    }
}

/// Free text (docs, examples): a string, or a number written unquoted.
pub(crate) fn get_text(cx: &Ctxt, node: &Node, what: &str) -> Option<String> {
    get_scalar(cx, node, what).map(|s| s.value)
}

/// Any scalar as text: a string, or an unquoted number or boolean (`value: 12`, `code: 400013`).
pub(crate) fn get_scalar(cx: &Ctxt, node: &Node, what: &str) -> Option<Sp<String>> {
    let text = match &node.value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Float(f) => f.to_string(),
        other => {
            expected(cx, node, "a string", what, other);
            return None;
        }
    };
    Some(Sp::new(text, node.loc))
}

/// `true` or `false`.
pub(crate) fn get_bool(cx: &Ctxt, node: &Node, what: &str) -> Option<Sp<bool>> {
    match &node.value {
        Value::Bool(b) => Some(Sp::new(*b, node.loc)),
        other => {
            expected(cx, node, "`true` or `false`", what, other);
            None
        }
    }
}

/// A non-negative integer that fits a `u64`.
pub(crate) fn get_u64(cx: &Ctxt, node: &Node, what: &str) -> Option<Sp<u64>> {
    match &node.value {
        Value::Int(i) => match u64::try_from(*i) {
            Ok(n) => Some(Sp::new(n, node.loc)),
            Err(_) => {
                cx.error(
                    node.loc,
                    format!("expected a non-negative integer for `{what}`, found {i}"),
                );
                None
            }
        },
        other => {
            expected(cx, node, "a non-negative integer", what, other);
            None
        }
    }
}

/// An HTTP status code, 100..=599.
pub(crate) fn get_status(cx: &Ctxt, node: &Node, what: &str) -> Option<Sp<u16>> {
    match &node.value {
        Value::Int(i) if (100..=599).contains(i) => {
            u16::try_from(*i).ok().map(|s| Sp::new(s, node.loc))
        }
        Value::Int(i) => {
            cx.error_hint(
                node.loc,
                format!("status {i} is not an HTTP status"),
                "HTTP statuses are 100..=599",
            );
            None
        }
        other => {
            expected(cx, node, "an HTTP status (100..=599)", what, other);
            None
        }
    }
}

/// One value or a list of them, each read by `one`.
pub(crate) fn one_or_many<T>(node: &Node, mut one: impl FnMut(&Node) -> Option<T>) -> Vec<T> {
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(one).collect(),
        _ => one(node).into_iter().collect(),
    }
}

/// A response path (`data.accessToken`), checked for empty segments and spaces.
pub(crate) fn get_path(cx: &Ctxt, node: &Node, what: &str) -> Option<Path> {
    let text = get_scalar(cx, node, what)?;
    parse_path(cx, &text.value, text.loc)
}

/// A path or a list of paths, tried in order.
pub(crate) fn get_paths(cx: &Ctxt, node: &Node, what: &str) -> Vec<Path> {
    one_or_many(node, |n| get_path(cx, n, what))
}

/// Splits `text` at dots; every segment must be non-empty and free of whitespace.
pub(crate) fn parse_path(cx: &Ctxt, text: &str, loc: Loc) -> Option<Path> {
    let hint = "paths are dot-separated keys, like `data.access_token`";
    if text.is_empty() {
        cx.error_hint(loc, "malformed path: it is empty", hint);
        return None;
    }
    if text.chars().any(char::is_whitespace) {
        cx.error_hint(
            loc,
            format!("malformed path `{text}`: it holds a space"),
            hint,
        );
        return None;
    }
    if text.starts_with('.') || text.ends_with('.') {
        cx.error_hint(
            loc,
            format!("malformed path `{text}`: it starts or ends with a dot"),
            hint,
        );
        return None;
    }
    let segments: Vec<String> = text.split('.').map(str::to_owned).collect();
    if segments.iter().any(String::is_empty) {
        cx.error_hint(loc, format!("malformed path `{text}`: empty segment"), hint);
        return None;
    }
    Some(Sp::new(segments, loc))
}

/// Reports a value of the wrong type.
pub(crate) fn expected(cx: &Ctxt, node: &Node, want: &str, what: &str, found: &Value) {
    cx.error(
        node.loc,
        format!("expected {want} for `{what}`, found {}", found.kind()),
    );
}
