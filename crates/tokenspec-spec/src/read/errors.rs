//! The reader of `errors`: the error envelope and the named errors.

use crate::diagnostic::{Ctxt, Loc};
use crate::model::{Errors, Variant};
use crate::node::{Node, Value};

use super::keys;
use super::value::{get_bool, get_paths, get_scalar, get_status, get_str, get_text, one_or_many};

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
