//! Rules on the token request: placements against the body encoding, headers, Basic halves,
//! the URL's scheme and template variables, hosts, wire names and the refresh grant.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Ctxt, Loc};
use crate::model::{CredIn, Model, ParamIn, Sp};
use crate::names::{self, is_header_name, is_loopback_host, template_vars};
use crate::plan::BodyEncoding;
use crate::words::{PLACEMENTS, body_word, words};

/// The token request's body encoding, with the default (`form`) applied.
pub(super) fn body(m: &Model) -> BodyEncoding {
    m.token
        .as_ref()
        .and_then(|t| t.body.as_ref())
        .map_or(BodyEncoding::Form, |b| b.value)
}

/// A credential that is never sent anywhere is a setter that does nothing: surely a mistake.
pub(super) fn credentials_placed(cx: &Ctxt, m: &Model) {
    for c in m.credentials.iter().filter(|c| !c.place_written) {
        cx.error_hint(
            c.name.loc,
            format!("credential `{}` is declared but never placed", c.name.value),
            format!(
                "add `in:` with one of {}",
                words(PLACEMENTS).collect::<Vec<_>>().join(", ")
            ),
        );
    }
}

/// A JSON field in a form body (or the reverse) would be silently dropped on the wire.
pub(super) fn placement_matches_body(cx: &Ctxt, m: &Model) {
    let body = body(m);
    for c in &m.credentials {
        let Some(place) = &c.place else { continue };
        let needs = match place.value {
            CredIn::Json => BodyEncoding::Json,
            CredIn::Form => BodyEncoding::Form,
            _ => continue,
        };
        if needs != body {
            cx.error_hint(
                place.loc,
                format!(
                    "credential `{}` is placed `in: {}` but the token body is `{}`",
                    c.name.value,
                    place.value.as_str(),
                    body_word(body)
                ),
                format!(
                    "set `token.body: {}`, or place the credential to match the body",
                    body_word(needs)
                ),
            );
        }
    }
}

/// A body parameter in a request without a body would never be sent.
pub(super) fn body_params_need_body(cx: &Ctxt, m: &Model) {
    if body(m) != BodyEncoding::None {
        return;
    }
    let Some(token) = &m.token else { return };
    for p in token
        .params
        .iter()
        .filter(|p| p.place.value == ParamIn::Body)
    {
        cx.error_hint(
            p.name.loc,
            format!(
                "parameter `{}` goes in the body, but `token.body` is `none`",
                p.name.value
            ),
            "set `in: query` or `in: header`, or give the request a body",
        );
    }
}

/// A fixed parameter without a value would send nothing; only a settable one may start empty.
pub(super) fn params_have_values(cx: &Ctxt, m: &Model) {
    for p in m.token.iter().flat_map(|t| t.params.iter()) {
        if p.value.is_none() && !p.is_setter() {
            cx.error_hint(
                p.name.loc,
                format!("parameter `{}` has no `value`", p.name.value),
                "add `value:`, or `setter: true` to let the user set it",
            );
        }
    }
}

/// Header names are RFC 9110 tokens; anything else fails when the request is built.
pub(super) fn header_names(cx: &Ctxt, m: &Model) {
    let bad = |name: &Sp<String>| {
        if !is_header_name(&name.value) {
            cx.error_hint(
                name.loc,
                format!("`{}` is not a valid HTTP header name", name.value),
                "header names are letters, digits and !#$%&'*+-.^_`|~ (RFC 9110 token)",
            );
        }
    };
    if let Some(token) = &m.token {
        token.headers.iter().for_each(|(n, _)| bad(n));
        for p in token
            .params
            .iter()
            .filter(|p| p.place.value == ParamIn::Header)
        {
            bad(&p.name);
        }
    }
    for c in &m.credentials {
        let is_header = matches!(
            c.place.as_ref().map(|p| p.value),
            Some(CredIn::Header | CredIn::ApiHeader)
        );
        if let (true, Some(wire)) = (is_header, &c.wire_name) {
            bad(wire);
        }
    }
    if let Some(header) = m.apply.as_ref().and_then(|a| a.header.as_ref()) {
        bad(header);
    }
}

/// A header credential needs its wire name: credential names are snake_case, header names
/// rarely are, so guessing would send the wrong header.
pub(super) fn header_credentials_named(cx: &Ctxt, m: &Model) {
    for c in &m.credentials {
        let Some(place) = &c.place else { continue };
        if matches!(place.value, CredIn::Header | CredIn::ApiHeader) && c.wire_name.is_none() {
            cx.error_hint(
                place.loc,
                format!(
                    "credential `{}` is placed `in: {}` without a header `name`",
                    c.name.value,
                    place.value.as_str()
                ),
                "add `name: x-api-key` (the header's name on the wire)",
            );
        }
    }
}

/// Basic authentication has one username and one password; a second one would overwrite it.
pub(super) fn basic_halves_once(cx: &Ctxt, m: &Model) {
    for half in [CredIn::BasicUser, CredIn::BasicPassword] {
        let placed: Vec<_> = m
            .credentials
            .iter()
            .filter_map(|c| c.place.as_ref().filter(|p| p.value == half).map(|p| (c, p)))
            .collect();
        for (c, p) in placed.iter().skip(1) {
            cx.error_hint(
                p.loc,
                format!(
                    "credential `{}` is a second `{}`",
                    c.name.value,
                    half.as_str()
                ),
                format!(
                    "`{}` is already `{}`; HTTP Basic has one of each",
                    placed.first().map_or("", |(c, _)| c.name.value.as_str()),
                    half.as_str()
                ),
            );
        }
    }
}

/// Tokens and secrets must not cross the network in clear text, except to a local test server.
pub(super) fn url_scheme(cx: &Ctxt, m: &Model) {
    let Some(url) = m.token.as_ref().and_then(|t| t.url.as_ref()) else {
        return;
    };
    let text = url.value.as_str();
    if let Some(rest) = text.strip_prefix("http://") {
        let host = host_of(rest);
        if !host.starts_with('{') && !is_loopback_host(host) {
            cx.error_hint(
                url.loc,
                format!("plain-http token URL for host `{host}`, which is not loopback"),
                "use https://; plain http is only for 127.0.0.0/8, ::1 and localhost",
            );
        }
    } else if !text.starts_with("https://") && !text.starts_with('{') {
        cx.error_hint(
            url.loc,
            format!("token URL `{text}` is not an absolute https URL"),
            "write `https://host/path`, or start with a variable such as `{api_url}/token`",
        );
    }
}

/// The host part of what follows `scheme://`: up to the path, without user info or port.
pub(super) fn host_of(rest: &str) -> &str {
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = authority.rsplit('@').next().unwrap_or(authority);
    if host.starts_with('[') {
        return host
            .split(']')
            .next()
            .map_or(host, |h| h.trim_start_matches('['));
    }
    host.split(':').next().unwrap_or(host)
}

/// The location of a character offset inside a one-line string value: its column plus the
/// offset, past the opening quote when the value is quoted.
pub(super) fn inside(loc: Loc, offset: usize, len: usize, quoted: bool) -> Loc {
    Loc::new(loc.line, loc.column + offset + usize::from(quoted), len)
}

/// Whether a value's span is wider than its text: it was written in quotes.
pub(super) fn is_quoted(s: &Sp<String>) -> bool {
    s.loc.len >= s.value.chars().count() + 2
}

/// A `{name}` with no variable behind it could never be filled in at run time.
pub(super) fn url_variables_declared(cx: &Ctxt, m: &Model) {
    let declared: Vec<&str> = m.variables.iter().map(|v| v.name.value.as_str()).collect();
    // A set for the membership test, so a URL with many variables is checked in linear time.
    let known: HashSet<&str> = declared.iter().copied().collect();
    let mut texts: Vec<&Sp<String>> = Vec::new();
    if let Some(url) = m.token.as_ref().and_then(|t| t.url.as_ref()) {
        texts.push(url);
    }
    if let Some(apply) = &m.apply {
        texts.extend(apply.hosts.iter());
    }
    for text in texts {
        match template_vars(&text.value) {
            Err(offset) => cx.error_hint(
                inside(text.loc, offset, 1, is_quoted(text)),
                "unclosed `{` in a URL template",
                "write variables as `{name}`",
            ),
            Ok(vars) => {
                for (name, offset) in vars {
                    if known.contains(name.as_str()) {
                        continue;
                    }
                    let hint = match names::did_you_mean_among_few(&name, &declared) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("declare it under `variables:` as `{name}:`"),
                    };
                    cx.error_hint(
                        inside(text.loc, offset, name.chars().count() + 2, is_quoted(text)),
                        format!("URL template variable `{name}` is not declared"),
                        hint,
                    );
                }
            }
        }
    }
}

/// A declared variable that no URL uses is a required setter that does nothing.
pub(super) fn variables_used(cx: &Ctxt, m: &Model) {
    let mut used: HashSet<String> = HashSet::new();
    if let Some(url) = m.token.as_ref().and_then(|t| t.url.as_ref()) {
        used.extend(
            template_vars(&url.value)
                .unwrap_or_default()
                .into_iter()
                .map(|v| v.0),
        );
    }
    for h in m.apply.iter().flat_map(|a| a.hosts.iter()) {
        used.extend(
            template_vars(&h.value)
                .unwrap_or_default()
                .into_iter()
                .map(|v| v.0),
        );
    }
    for v in &m.variables {
        if !used.contains(&v.name.value) {
            cx.error_hint(
                v.name.loc,
                format!("variable `{}` is declared but never used", v.name.value),
                format!(
                    "use it in `token.url` as `{{{}}}`, or remove it",
                    v.name.value
                ),
            );
        }
    }
}

/// `apply.hosts` lists host names; a URL there would never match a request's host.
pub(super) fn hosts_are_hosts(cx: &Ctxt, m: &Model) {
    for h in m.apply.iter().flat_map(|a| a.hosts.iter()) {
        if h.value.is_empty() || h.value.contains(['/', ' ']) {
            cx.error_hint(
                h.loc,
                format!("`{}` is not a host name", h.value),
                "write the host only, like `api.example.com`",
            );
        }
    }
}

/// Where a value goes on the wire, for telling two values that would collide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Wire {
    /// A body field (form or JSON).
    Body,
    Query,
    Header,
}

/// Two values sent in the same body field, query parameter or header would overwrite each other.
pub(super) fn targets_unique(cx: &Ctxt, m: &Model) {
    let mut seen: HashMap<(Wire, String), String> = HashMap::new();
    let mut add = |kind: Wire, wire: String, who: &Sp<String>| {
        // Header names are case-insensitive.
        let key = if kind == Wire::Header {
            wire.to_ascii_lowercase()
        } else {
            wire.clone()
        };
        if let Some(first) = seen.get(&(kind, key.clone())) {
            cx.error_hint(
                who.loc,
                format!(
                    "`{}` is sent as `{wire}`, which `{first}` already fills",
                    who.value
                ),
                "give one of them another wire name",
            );
        } else {
            seen.insert((kind, key), who.value.clone());
        }
    };
    if let Some(token) = &m.token {
        for (name, _) in &token.headers {
            add(Wire::Header, name.value.clone(), name);
        }
        for p in &token.params {
            let kind = match p.place.value {
                ParamIn::Body => Wire::Body,
                ParamIn::Query => Wire::Query,
                ParamIn::Header => Wire::Header,
            };
            add(kind, p.name.value.clone(), &p.name);
        }
    }
    for c in &m.credentials {
        let wire = c
            .wire_name
            .as_ref()
            .map_or(&c.name.value, |w| &w.value)
            .clone();
        match c.place.as_ref().map(|p| p.value) {
            Some(CredIn::Json | CredIn::Form) => add(Wire::Body, wire, &c.name),
            Some(CredIn::Query) => add(Wire::Query, wire, &c.name),
            Some(CredIn::Header) => add(Wire::Header, wire, &c.name),
            _ => {}
        }
    }
}

/// A refresh grant needs a body to carry the refresh token, a refresh token to send, and
/// fixed parameters only (no setter exists for the refresh request).
pub(super) fn refresh_rules(cx: &Ctxt, m: &Model) {
    let Some(refresh) = &m.refresh else { return };
    if body(m) == BodyEncoding::None {
        cx.error_hint(
            refresh.key,
            "a refresh grant needs a request body, but `token.body` is `none`",
            "set `token.body: form` or `json`",
        );
    }
    let has_refresh_path = m.oauth2
        || m.response
            .as_ref()
            .is_some_and(|r| r.refresh_token.is_some());
    if !has_refresh_path {
        cx.error_hint(
            refresh.key,
            "a refresh grant needs `response.refresh_token`",
            "add `refresh_token: <path>` under `response`",
        );
    }
    for p in &refresh.params {
        if let Some(s) = p.setter.as_ref().filter(|s| s.value) {
            cx.error_hint(
                s.loc,
                "refresh parameters cannot have setters",
                "remove `setter`; refresh parameters are fixed",
            );
        }
        if p.place.value != ParamIn::Body || p.value.is_none() {
            cx.error_hint(
                p.name.loc,
                format!(
                    "refresh parameter `{}` must be a fixed body value",
                    p.name.value
                ),
                "write it as `name: value`",
            );
        }
    }
}
