//! Node tree to [`Model`], key by key, recording every problem in the [`Ctxt`] and going on.
//!
//! Each section reader takes the section's node, walks its keys with [`keys`] (which reports
//! unknown keys with "did you mean"), and reads each value with the typed helpers in
//! [`value`], which report a wrong type as "expected X, found Y" at the value. A key whose
//! value is wrong is left `None` in the model, so later rules skip it instead of reporting a
//! second, derived error.

mod errors;
mod response;
mod token;
mod usage;
pub(crate) mod value;

use std::collections::HashMap;

use crate::diagnostic::{Ctxt, Loc};
use crate::model::{Model, Sp};
use crate::names::did_you_mean;
use crate::node::{Node, Value};

use value::{get_str, get_text};

const TOP_KEYS: &[&str] = &[
    "tokenspec",
    "name",
    "docs",
    "style",
    "variables",
    "token",
    "credentials",
    "response",
    "errors",
    "limits",
    "apply",
    "refresh",
];

/// Reads the whole spec from its root node.
pub(crate) fn read(cx: &Ctxt, root: &Node) -> Model {
    let mut model = Model::default();
    if !matches!(root.value, Value::Map(_)) {
        cx.error_hint(
            root.loc,
            format!("a spec must be a mapping, found {}", root.value.kind()),
            "a spec starts with `tokenspec: 1`, then `name:`, `token:` and `credentials:`",
        );
        return model;
    }
    let mut version_seen = false;
    let mut token_seen = false;
    let mut credentials_seen = false;
    let mut response_seen = false;
    let mut style_seen = false;
    keys(cx, root, "the spec", TOP_KEYS, |key, node| {
        match key.value.as_str() {
            "tokenspec" => {
                version_seen = true;
                read_version(cx, node);
            }
            "name" => model.name = get_str(cx, node, "name"),
            "docs" => model.docs = get_text(cx, node, "docs"),
            "style" => {
                style_seen = true;
                model.oauth2 = read_style(cx, node);
            }
            "variables" => model.variables = token::read_variables(cx, node),
            "token" => {
                token_seen = true;
                model.token = token::read_token(cx, key.loc, node);
            }
            "credentials" => {
                credentials_seen = true;
                model.credentials = token::read_credentials(cx, node);
            }
            "response" => {
                response_seen = true;
                model.response = response::read_response(cx, key.loc, node);
            }
            "errors" => model.errors = errors::read_errors(cx, node),
            "limits" => model.limits = usage::read_limits(cx, node),
            "apply" => model.apply = usage::read_apply(cx, node),
            "refresh" => model.refresh = usage::read_refresh(cx, key.loc, node),
            _ => {}
        }
    });
    let top = Loc::new(root.loc.line, root.loc.column, 0);
    let missing = |key: &str, hint: &str| {
        cx.error_hint(top, format!("missing required key `{key}`"), hint);
    };
    if !version_seen && !has_key(root, "tokenspec", TOP_KEYS) {
        missing("tokenspec", "add `tokenspec: 1` as the first key");
    }
    if model.name.is_none() && !has_key(root, "name", TOP_KEYS) {
        missing(
            "name",
            "add `name: <provider>` (snake_case, e.g. `name: acme`)",
        );
    }
    if !token_seen && !has_key(root, "token", TOP_KEYS) {
        missing("token", "add `token:` with at least `url:`");
    }
    if !credentials_seen && !has_key(root, "credentials", TOP_KEYS) {
        missing(
            "credentials",
            "add `credentials:` naming each credential and its placement (`in: basic-user`, ...)",
        );
    }
    // A misspelt `style` is reported already; do not add a missing `response` to it.
    if !response_seen && !style_seen && !has_key(root, "response", TOP_KEYS) {
        missing(
            "response",
            "add `response:` with at least `token: <path>`, or `style: oauth2` for RFC 6749 defaults",
        );
    }
    model
}

/// Whether the mapping `map` (whose known keys are `known`) has the key `name`, written right
/// or misspelt so that its unknown-key error already suggests `name`.
pub(crate) fn has_key(map: &Node, name: &str, known: &[&str]) -> bool {
    // A misspelt key (`urll`) is reported as unknown with "did you mean `url`?"; saying that
    // `url` is missing as well would be a second error for one typo.
    match &map.value {
        Value::Map(entries) => entries.iter().any(|(k, _)| match &k.value {
            Value::Str(s) => {
                s == name || (!known.contains(&s.as_str()) && did_you_mean(s, known) == Some(name))
            }
            _ => false,
        }),
        _ => false,
    }
}

fn read_version(cx: &Ctxt, node: &Node) {
    match &node.value {
        Value::Int(1) => {}
        Value::Int(n) => cx.error_hint(
            node.loc,
            format!("unsupported spec version {n}"),
            "this version of tokenspec reads `tokenspec: 1`",
        ),
        other => cx.error_hint(
            node.loc,
            format!(
                "expected the integer 1 for `tokenspec`, found {}",
                other.kind()
            ),
            "write `tokenspec: 1`",
        ),
    }
}

fn read_style(cx: &Ctxt, node: &Node) -> bool {
    let Some(style) = get_str(cx, node, "style") else {
        return false;
    };
    if style.value == "oauth2" {
        return true;
    }
    let hint = match did_you_mean(&style.value, &["oauth2"]) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "the only style is `oauth2`; leave `style` out to assume nothing".to_owned(),
    };
    cx.error_hint(style.loc, format!("unknown style `{}`", style.value), hint);
    false
}

/// Walks the keys of the mapping `node` (called `what` in messages), calling `f` for each
/// known key, and reporting unknown keys with "did you mean". Reports a non-mapping value.
pub(crate) fn keys(
    cx: &Ctxt,
    node: &Node,
    what: &str,
    known: &[&str],
    mut f: impl FnMut(&Sp<String>, &Node),
) {
    for (key, value) in entries(cx, node, what) {
        if known.contains(&key.value.as_str()) {
            f(&key, value);
        } else {
            unknown_key(cx, &key, what, known);
        }
    }
}

/// Reports an unknown key, suggesting the nearest known one.
pub(crate) fn unknown_key(cx: &Ctxt, key: &Sp<String>, what: &str, known: &[&str]) {
    let hint = match did_you_mean(&key.value, known) {
        Some(s) => format!("did you mean `{s}`?"),
        None => {
            let list: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            format!("expected one of {}", list.join(", "))
        }
    };
    cx.error_hint(
        key.loc,
        format!("unknown key `{}` in {what}", key.value),
        hint,
    );
}

/// The entries of a mapping with their keys as located strings. Reports a non-mapping value
/// (an empty value counts as an empty mapping), keys that are not scalars, and repeated keys
/// (the first one is kept).
pub(crate) fn entries<'a>(cx: &Ctxt, node: &'a Node, what: &str) -> Vec<(Sp<String>, &'a Node)> {
    let map = match &node.value {
        Value::Map(map) => map,
        Value::Null => return Vec::new(),
        other => {
            cx.error(
                node.loc,
                format!("expected a mapping for {what}, found {}", other.kind()),
            );
            return Vec::new();
        }
    };
    let mut out: Vec<(Sp<String>, &Node)> = Vec::with_capacity(map.len());
    // Where each name was first seen: a map, not a search of `out`, so a mapping with many
    // keys is read in linear time.
    let mut first_line: HashMap<String, usize> = HashMap::with_capacity(map.len());
    for (k, v) in map {
        let name = match &k.value {
            Value::Str(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Float(f) => f.to_string(),
            other => {
                cx.error(
                    k.loc,
                    format!("keys of {what} must be names, found {}", other.kind()),
                );
                continue;
            }
        };
        // The key's span is the key text; keep it to the name's length.
        let loc = Loc::new(k.loc.line, k.loc.column, name.chars().count());
        // YAML keys are unique; a repeated one would silently win or lose, so it is an error.
        if let Some(first) = first_line.get(&name) {
            cx.error_hint(
                loc,
                format!("duplicate key `{name}` in {what}"),
                format!("`{name}` is first set at line {first}"),
            );
            continue;
        }
        first_line.insert(name.clone(), loc.line);
        out.push((Sp::new(name, loc), v));
    }
    out
}
