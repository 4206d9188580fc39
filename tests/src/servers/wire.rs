//! Wire-format checks shared by the provider servers: each collects every problem of a
//! request, so one 400 names all of them.

use base64::Engine as _;
use serde_json::Value;

use super::RecordedRequest;

/// Where a credential belongs in the token request.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// In the HTTP Basic `Authorization` header.
    Basic,
    /// In the body (a form or JSON field).
    Body,
    /// Nowhere in the token request (an API key sent only on API calls).
    Nowhere,
}

/// Collects the wire-format problems of one request.
pub(crate) struct Wire<'r> {
    req: &'r RecordedRequest,
    problems: Vec<String>,
}

impl<'r> Wire<'r> {
    pub(crate) fn new(req: &'r RecordedRequest, body_error: Option<String>) -> Self {
        Wire {
            req,
            problems: body_error.into_iter().collect(),
        }
    }

    /// Records a problem found by the provider's own checks.
    pub(crate) fn problem(&mut self, problem: impl Into<String>) {
        self.problems.push(problem.into());
    }

    pub(crate) fn method(&mut self, expected: &str) {
        if self.req.method != expected {
            let got = &self.req.method;
            self.problem(format!("method must be {expected}, got {got}"));
        }
    }

    /// The `Content-Type` media type must be `essence` (parameters like charset allowed).
    pub(crate) fn content_type(&mut self, essence: &str) {
        match self.req.header("content-type") {
            None => self.problem(format!("missing Content-Type (expected {essence})")),
            Some(value) => {
                let media = value.split(';').next().unwrap_or_default().trim();
                if !media.eq_ignore_ascii_case(essence) {
                    self.problem(format!("Content-Type must be {essence}, got {value:?}"));
                }
            }
        }
    }

    pub(crate) fn no_query(&mut self) {
        if let Some(q) = &self.req.query {
            self.problem(format!("the URL must have no query string, got {q:?}"));
        }
    }

    pub(crate) fn empty_body(&mut self) {
        if !self.req.body.is_empty() {
            let n = self.req.body.len();
            self.problem(format!("the request must have no body, got {n} bytes"));
        }
    }

    pub(crate) fn no_header(&mut self, name: &str) {
        if self.req.header(name).is_some() {
            self.problem(format!("the token request must not carry a {name} header"));
        }
    }

    /// At most one header of this name.
    pub(crate) fn single_header(&mut self, name: &str) {
        if self.req.header_count(name) > 1 {
            self.problem(format!("the {name} header was sent more than once"));
        }
    }

    /// The body must be a well-formed form whose field names are all in `allowed`, each at
    /// most once. Returns the fields.
    pub(crate) fn form_fields(&mut self, allowed: &[&str]) -> Vec<(String, String)> {
        if std::str::from_utf8(&self.req.body).is_err() {
            self.problem("the form body is not UTF-8");
        }
        let fields = self.req.form();
        for (i, (name, _)) in fields.iter().enumerate() {
            if !allowed.contains(&name.as_str()) {
                self.problem(format!("unexpected form field {name:?}"));
            } else if fields[..i].iter().any(|(n, _)| n == name) {
                self.problem(format!("form field {name:?} sent twice"));
            }
        }
        fields
    }

    /// `secret` must appear only in its `place`: never in the query, in another header, or
    /// (when it does not belong in the body) in the body.
    pub(crate) fn secret_only_in(&mut self, what: &str, secret: &str, place: Place) {
        let req = self.req;
        if let Some(q) = &req.query {
            let decoded = url::form_urlencoded::parse(q.as_bytes())
                .any(|(k, v)| k.contains(secret) || v.contains(secret));
            if q.contains(secret) || decoded {
                self.problem(format!("the {what} leaked into the query string"));
            }
        }
        for (name, value) in &req.headers {
            let is_basic = name == "authorization" && place == Place::Basic;
            if is_basic {
                continue;
            }
            let in_basic = decode_basic(value).is_ok_and(|(u, p)| u == secret || p == secret);
            if value.contains(secret) || in_basic {
                self.problem(format!("the {what} leaked into the {name} header"));
            }
        }
        if place != Place::Body && body_contains(&req.body, secret) {
            self.problem(format!("the {what} leaked into the body"));
        }
    }

    /// Ok, or every problem joined for the 400 body.
    pub(crate) fn finish(self) -> Result<(), String> {
        if self.problems.is_empty() {
            Ok(())
        } else {
            Err(self.problems.join("; "))
        }
    }
}

/// Whether the body holds `secret`: raw, as a form value, or as a JSON string.
fn body_contains(body: &[u8], secret: &str) -> bool {
    fn json_contains(v: &Value, secret: &str) -> bool {
        match v {
            Value::String(s) => s.contains(secret),
            Value::Array(items) => items.iter().any(|i| json_contains(i, secret)),
            Value::Object(map) => map
                .iter()
                .any(|(k, v)| k.contains(secret) || json_contains(v, secret)),
            _ => false,
        }
    }
    let raw = String::from_utf8_lossy(body);
    raw.contains(secret)
        || url::form_urlencoded::parse(body).any(|(k, v)| k.contains(secret) || v.contains(secret))
        || serde_json::from_slice::<Value>(body).is_ok_and(|v| json_contains(&v, secret))
}

/// Decodes an HTTP Basic `Authorization` value (RFC 7617) into user and password, with no
/// further decoding: the base64 payload is `user:password` as sent.
pub(crate) fn decode_basic(value: &str) -> Result<(String, String), String> {
    let (scheme, payload) = value
        .split_once(' ')
        .ok_or_else(|| format!("Authorization {value:?} is not `Basic <base64>`"))?;
    if !scheme.eq_ignore_ascii_case("Basic") {
        return Err(format!(
            "Authorization scheme must be Basic, got {scheme:?}"
        ));
    }
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload.trim())
        .map_err(|e| format!("Basic payload is not standard base64: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| "Basic payload is not UTF-8".to_owned())?;
    let (user, password) = text
        .split_once(':')
        .ok_or_else(|| "Basic payload has no `:` between user and password".to_owned())?;
    Ok((user.to_owned(), password.to_owned()))
}
