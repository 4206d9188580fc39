//! [`RecordedRequest`]: what the mock received, with secrets redacted.
//!
//! Redaction works two ways, because tests look at requests that are wrong as often as at
//! right ones: by position (whatever stands where the plan places a secret slot or the
//! refresh token is replaced, whatever its value) and by value (the configured secrets are
//! replaced wherever they appear, so a client that puts a secret in the wrong place does
//! not leak it into a test's output either).

use tokenspec_spec::plan::{BodyEncoding, Placement, Plan, Source, Target};
use url::form_urlencoded;

use super::fault::Fault;
use super::incoming::Incoming;

/// What stands in a recorded request in place of a secret.
pub const REDACTED: &str = "[REDACTED]";

/// A request the mock received, secrets replaced by [`REDACTED`].
///
/// An `Authorization: Basic` header is recorded as `Basic [REDACTED]` when it carries a
/// secret; [`basic_user`](Self::basic_user) keeps its user part when that is not secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// HTTP method (`POST`).
    pub method: String,
    /// Path, as received (percent-encoded).
    pub path: String,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    /// Headers in order, names lowercase.
    pub headers: Vec<(String, String)>,
    /// The body as text (re-encoded after redaction when it is a form or JSON object).
    pub body: String,
    /// The user of an `Authorization: Basic` header ([`REDACTED`] if the spec makes it
    /// secret).
    pub basic_user: Option<String>,
    /// Why the mock refused the request, if it did (names places and setters, never
    /// values).
    pub rejection: Option<String>,
    /// The fault the mock served instead of its normal answer, if any.
    pub fault: Option<Fault>,
}

impl RecordedRequest {
    /// The first value of header `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The first value of query parameter `name`.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Field `name` of a form body, or string field `name` of a JSON object body.
    pub fn body_field(&self, name: &str) -> Option<String> {
        if let Ok(serde_json::Value::Object(map)) = serde_json::from_str(&self.body) {
            return map.get(name)?.as_str().map(str::to_owned);
        }
        form_urlencoded::parse(self.body.as_bytes())
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.into_owned())
    }

    /// Whether the mock accepted the request as the plan's token request (it may still have
    /// answered with a fault).
    pub fn accepted(&self) -> bool {
        self.rejection.is_none()
    }
}

/// Knows where the plan puts secrets and which secret values the mock was configured with.
#[derive(Debug, Clone)]
pub(crate) struct Redactor {
    targets: Vec<Target>,
    values: Vec<String>,
    body: BodyEncoding,
    basic_form_encode: bool,
}

impl Redactor {
    pub(crate) fn new(plan: &Plan, expected: &[Option<String>]) -> Redactor {
        let secret = |p: &Placement| matches!(p.source, Source::Slot(i) if plan.slots.get(i).is_some_and(|s| s.secret));
        let refresh = plan.refresh.iter();
        let mut targets: Vec<Target> = plan
            .placements
            .iter()
            .chain(refresh.clone().flat_map(|r| r.placements.iter()))
            .filter(|p| secret(p))
            .map(|p| p.target.clone())
            .chain(refresh.map(|r| r.token_target.clone()))
            .collect();
        targets.dedup();
        // Very short values would shred unrelated text; the mock's defaults are long.
        let values = plan
            .slots
            .iter()
            .zip(expected)
            .filter(|(s, _)| s.secret)
            .filter_map(|(_, v)| v.clone())
            .filter(|v| v.len() >= 3)
            .flat_map(|v| {
                let form: String = form_urlencoded::byte_serialize(v.as_bytes()).collect();
                [v, form]
            })
            .collect();
        Redactor {
            targets,
            values,
            body: plan.body,
            basic_form_encode: plan.basic_form_encode,
        }
    }

    fn is_secret(&self, target: &Target) -> bool {
        self.targets.contains(target)
    }

    /// Replaces every configured secret value in `text`.
    fn scrub(&self, text: &str) -> String {
        self.values
            .iter()
            .fold(text.to_owned(), |t, v| t.replace(v.as_str(), REDACTED))
    }

    pub(crate) fn record(
        &self,
        req: &Incoming,
        rejection: Option<String>,
        fault: Option<Fault>,
    ) -> RecordedRequest {
        let basic_secret =
            self.is_secret(&Target::BasicUser) || self.is_secret(&Target::BasicPassword);
        let basic_user = req.basic(self.basic_form_encode).ok().flatten().map(|b| {
            match self.is_secret(&Target::BasicUser) {
                true => REDACTED.to_owned(),
                false => self.scrub(&b.user),
            }
        });
        let headers = req
            .headers
            .iter()
            .map(|(name, value)| {
                let is_basic = name.eq_ignore_ascii_case("authorization")
                    && value.to_ascii_lowercase().starts_with("basic ");
                let value = if is_basic && basic_secret {
                    format!("Basic {REDACTED}")
                } else if self
                    .targets
                    .iter()
                    .any(|t| matches!(t, Target::Header(h) if h.eq_ignore_ascii_case(name)))
                {
                    REDACTED.to_owned()
                } else {
                    self.scrub(value)
                };
                (name.clone(), value)
            })
            .collect();
        let query = req
            .query
            .iter()
            .map(|(k, v)| (k.clone(), self.value(Target::Query(k.clone().into()), v)))
            .collect();
        RecordedRequest {
            method: req.method.clone(),
            path: self.scrub(&req.path),
            query,
            headers,
            body: self.body(req),
            basic_user,
            rejection,
            fault,
        }
    }

    fn value(&self, target: Target, value: &str) -> String {
        if self.is_secret(&target) {
            REDACTED.to_owned()
        } else {
            self.scrub(value)
        }
    }

    /// The body with secret fields replaced, re-encoded as it came; anything unreadable is
    /// scrubbed as text.
    fn body(&self, req: &Incoming) -> String {
        let encoding = match self.body {
            BodyEncoding::None => req.media_type().map_or(BodyEncoding::None, |m| match m {
                m if m == "application/json" => BodyEncoding::Json,
                m if m == "application/x-www-form-urlencoded" => BodyEncoding::Form,
                _ => BodyEncoding::None,
            }),
            other => other,
        };
        let field = |k: &str, v: &str| self.value(Target::Body(k.to_owned().into()), v);
        match encoding {
            BodyEncoding::Json => {
                if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice(&req.body) {
                    let map: serde_json::Map<_, _> = map
                        .into_iter()
                        .map(|(k, v)| {
                            let v = match v {
                                serde_json::Value::String(s) => field(&k, &s).into(),
                                // Kept as is unless a secret hides inside.
                                other => {
                                    let text = other.to_string();
                                    let scrubbed = self.scrub(&text);
                                    if scrubbed == text {
                                        other
                                    } else {
                                        scrubbed.into()
                                    }
                                }
                            };
                            (k, v)
                        })
                        .collect();
                    return serde_json::Value::Object(map).to_string();
                }
            }
            BodyEncoding::Form => {
                if let Ok(text) = std::str::from_utf8(&req.body) {
                    let mut out = form_urlencoded::Serializer::new(String::new());
                    for (k, v) in form_urlencoded::parse(text.as_bytes()) {
                        out.append_pair(&k, &field(&k, &v));
                    }
                    return out.finish();
                }
            }
            BodyEncoding::None => {}
        }
        self.scrub(&String::from_utf8_lossy(&req.body))
    }
}
