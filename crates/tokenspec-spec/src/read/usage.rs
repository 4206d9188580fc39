//! Readers of how the token endpoint and the token are used: `limits` (the endpoint's rate
//! limit), `apply` (how the token goes on API requests) and `refresh` (the refresh grant).

use crate::diagnostic::{Ctxt, Loc};
use crate::model::{Apply, Refresh, Sp};
use crate::node::{Node, Value};

use super::keys;
use super::token::read_params;
use super::value::{get_str, one_or_many};

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
