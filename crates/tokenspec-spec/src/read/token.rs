//! Readers of `variables`, `token` (with its params) and `credentials`.

use crate::diagnostic::{Ctxt, Loc};
use crate::model::{Credential, Param, ParamIn, SlotDocs, Sp, Token, Variable};
use crate::names::did_you_mean;
use crate::node::{Node, Value};
use crate::plan::{BodyEncoding, Method};
use crate::words::{BODIES, PARAM_PLACES, PLACEMENTS};

use super::value::{get_bool, get_scalar, get_str, get_text};
use super::{entries, keys};

/// `variables:` name → `{ docs, example, env }` (or just the docs as a string, or nothing).
pub(crate) fn read_variables(cx: &Ctxt, node: &Node) -> Vec<Variable> {
    let mut out = Vec::new();
    for (name, value) in entries(cx, node, "`variables`") {
        let what = format!("`variables.{}`", name.value);
        let meta = match &value.value {
            Value::Null => SlotDocs::default(),
            Value::Str(s) => SlotDocs {
                docs: Some(s.clone()),
                ..SlotDocs::default()
            },
            _ => read_slot_docs(cx, value, &what, &["docs", "example", "env"], |_, _| {}),
        };
        out.push(Variable { name, meta });
    }
    out
}

/// Reads a mapping holding `docs`, `example` and `env` among `known` keys; the other known
/// keys go to `other`.
fn read_slot_docs(
    cx: &Ctxt,
    node: &Node,
    what: &str,
    known: &[&str],
    mut other: impl FnMut(&Sp<String>, &Node),
) -> SlotDocs {
    let mut meta = SlotDocs::default();
    keys(cx, node, what, known, |key, value| {
        match key.value.as_str() {
            "docs" => meta.docs = get_text(cx, value, "docs"),
            "example" => meta.example = get_text(cx, value, "example"),
            "env" => meta.env = get_str(cx, value, "env"),
            _ => other(key, value),
        }
    });
    meta
}

const TOKEN_KEYS: &[&str] = &[
    "url",
    "method",
    "body",
    "basic_form_encode",
    "headers",
    "params",
];

/// `token:` the token request.
pub(crate) fn read_token(cx: &Ctxt, key: Loc, node: &Node) -> Option<Token> {
    let mut token = Token::default();
    keys(cx, node, "`token`", TOKEN_KEYS, |k, value| {
        match k.value.as_str() {
            "url" => token.url = get_str(cx, value, "token.url"),
            "method" => token.method = read_method(cx, value),
            "body" => token.body = read_body(cx, value),
            "basic_form_encode" => {
                token.basic_form_encode = get_bool(cx, value, "token.basic_form_encode");
            }
            "headers" => token.headers = read_headers(cx, value),
            "params" => token.params = read_params(cx, value, "token.params"),
            _ => {}
        }
    });
    if token.url.is_none() && !super::has_key(node, "url", TOKEN_KEYS) {
        cx.error_hint(
            key,
            "missing required key `url` in `token`",
            "add `url: https://...` under `token`",
        );
    }
    Some(token)
}

/// A word from a fixed list, reporting an unknown one with "did you mean".
pub(crate) fn read_word<T: Copy>(
    cx: &Ctxt,
    node: &Node,
    what: &str,
    words: &[(&str, T)],
) -> Option<Sp<T>> {
    let text = get_str(cx, node, what)?;
    if let Some((_, v)) = words.iter().find(|(w, _)| *w == text.value) {
        return Some(Sp::new(*v, text.loc));
    }
    let names: Vec<&str> = words.iter().map(|(w, _)| *w).collect();
    let hint = match did_you_mean(&text.value, &names) {
        Some(s) => format!("did you mean `{s}`?"),
        None => {
            let list: Vec<String> = names.iter().map(|w| format!("`{w}`")).collect();
            format!("expected one of {}", list.join(", "))
        }
    };
    cx.error_hint(
        text.loc,
        format!("unknown value `{}` for `{what}`", text.value),
        hint,
    );
    None
}

fn read_method(cx: &Ctxt, node: &Node) -> Option<Sp<Method>> {
    read_word(
        cx,
        node,
        "token.method",
        &[
            ("GET", Method::Get),
            ("POST", Method::Post),
            ("PUT", Method::Put),
        ],
    )
}

fn read_body(cx: &Ctxt, node: &Node) -> Option<Sp<BodyEncoding>> {
    read_word(cx, node, "token.body", BODIES)
}

fn read_headers(cx: &Ctxt, node: &Node) -> Vec<(Sp<String>, Sp<String>)> {
    entries(cx, node, "`token.headers`")
        .into_iter()
        .filter_map(|(name, value)| {
            let what = format!("token.headers.{}", name.value);
            get_scalar(cx, value, &what).map(|v| (name, v))
        })
        .collect()
}

const PARAM_KEYS: &[&str] = &["value", "in", "setter", "docs", "example", "env"];

/// `params:` name → a fixed value, or `{ value, in, setter, docs, example, env }`.
pub(crate) fn read_params(cx: &Ctxt, node: &Node, section: &str) -> Vec<Param> {
    let mut out = Vec::new();
    for (name, value) in entries(cx, node, &format!("`{section}`")) {
        let what = format!("{section}.{}", name.value);
        let place_default = Sp::new(ParamIn::Body, name.loc);
        if !matches!(value.value, Value::Map(_)) {
            // Short form: a fixed body field.
            if let Some(v) = get_scalar(cx, value, &what) {
                out.push(Param {
                    name,
                    value: Some(v),
                    place: place_default,
                    setter: None,
                    meta: SlotDocs::default(),
                });
            }
            continue;
        }
        let mut param_value = None;
        let mut place = place_default;
        let mut setter = None;
        let meta = read_slot_docs(cx, value, &format!("`{what}`"), PARAM_KEYS, |k, v| match k
            .value
            .as_str()
        {
            "value" => param_value = get_scalar(cx, v, &format!("{what}.value")),
            "in" => {
                if let Some(p) = read_word(cx, v, &format!("{what}.in"), PARAM_PLACES) {
                    place = p;
                }
            }
            "setter" => setter = get_bool(cx, v, &format!("{what}.setter")),
            _ => {}
        });
        out.push(Param {
            name,
            value: param_value,
            place,
            setter,
            meta,
        });
    }
    out
}

const CREDENTIAL_KEYS: &[&str] = &["in", "secret", "name", "env", "docs", "example"];

/// `credentials:` name → `{ in, secret, name, env, docs, example }`, or just the placement
/// (`client_id: basic-user`).
pub(crate) fn read_credentials(cx: &Ctxt, node: &Node) -> Vec<Credential> {
    let mut out = Vec::new();
    for (name, value) in entries(cx, node, "`credentials`") {
        let what = format!("credentials.{}", name.value);
        let mut place = None;
        let mut place_written = !matches!(value.value, Value::Map(_) | Value::Null);
        let mut secret = None;
        let mut wire_name = None;
        let mut meta = SlotDocs::default();
        match &value.value {
            Value::Map(_) => {
                let in_what = format!("{what}.in");
                meta =
                    read_slot_docs(
                        cx,
                        value,
                        &format!("`{what}`"),
                        CREDENTIAL_KEYS,
                        |k, v| match k.value.as_str() {
                            "in" => {
                                place_written = true;
                                place = read_word(cx, v, &in_what, PLACEMENTS);
                            }
                            "secret" => secret = get_bool(cx, v, &format!("{what}.secret")),
                            "name" => wire_name = get_str(cx, v, &format!("{what}.name")),
                            _ => {}
                        },
                    );
            }
            Value::Str(_) => place = read_word(cx, value, &format!("{what}.in"), PLACEMENTS),
            // `client_id:` with nothing: declared, never placed (reported by `check`).
            Value::Null => {}
            other => super::value::expected(cx, value, "a mapping", &what, other),
        }
        let cred = Credential {
            name,
            place,
            place_written,
            secret,
            wire_name,
            meta,
        };
        out.push(cred);
    }
    out
}
