//! Decoding the token response and the provider's error envelope.
//!
//! Paths of the token and its fields are relative to `response.root`; the success
//! discriminator and the error paths are read from the document itself (they belong to the
//! envelope), falling back to the root for the discriminator.

use std::time::{Duration, Instant, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use secrecy::SecretString;
use serde_json::Value;
use tokenspec_spec::plan::{FieldPlan, FieldType, JsonPath, Plan, Scalar, Text};

use crate::body::content_type;
use crate::error::{DecodeError, EngineError, ProviderError, UnexpectedResponse};
use crate::token::{FieldValue, RawToken};

/// A received response: status, headers, body (already capped).
pub(crate) struct Received<'a> {
    pub status: u16,
    pub headers: &'a HeaderMap,
    pub body: &'a [u8],
    pub issued_at: Instant,
}

/// Turns a response into a token or the error it stands for.
pub(crate) fn decode(plan: &Plan, r: &Received<'_>) -> Result<RawToken, EngineError> {
    let parsed = serde_json::from_slice::<Value>(r.body);
    if !(200..300).contains(&r.status) {
        return Err(error_response(plan, r, parsed.as_ref().ok()));
    }
    // serde_json's Display can quote the body; line and column cannot.
    let doc = parsed.map_err(|e| {
        unexpected(
            r,
            format!(
                "the body is not JSON (syntax error at line {}, column {})",
                e.line(),
                e.column()
            ),
        )
    })?;
    let rp = &plan.response;
    let root = root(&doc, &rp.root, rp.root_json_string)?;
    if let Some((path, expected)) = &rp.success {
        let found = get(&doc, path).or_else(|| get(&root, path));
        if !found.is_some_and(|v| scalar_eq(v, expected)) {
            let mut error = envelope(plan, r, Some(&doc));
            if error.message.is_none() {
                error.message = Some(format!(
                    "the response's `{}` does not say success",
                    show(path)
                ));
            }
            return Err(provider(plan, error));
        }
    }

    let token = match get(&root, &rp.token) {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        Some(Value::String(_)) => {
            return Err(decode_err(format!("`{}` is empty", show(&rp.token))));
        }
        Some(_) => return Err(wrong_type(&rp.token, "a string")),
        None => {
            return Err(decode_err(format!(
                "no access token at `{}`",
                show(&rp.token)
            )));
        }
    };
    let token_type = opt_string(&root, rp.token_type.as_ref())?;
    let scope = opt_string(&root, rp.scope.as_ref())?;
    let refresh_token = opt_string(&root, rp.refresh_token.as_ref())?.map(SecretString::from);
    let expires_in = match &rp.expires_in {
        Some(path) => seconds(&root, path)?,
        None => None,
    }
    .or(rp.default_lifetime.map(Duration::from_secs));
    let fields = rp
        .fields
        .iter()
        .map(|f| field(&root, f))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(RawToken {
        access_token: SecretString::from(token),
        token_type,
        expires_in,
        refresh_token,
        scope,
        fields,
        issued_at: r.issued_at,
    })
}

/// The object the token paths are relative to; a string holding JSON is parsed when the
/// spec allows it (seed 003 documents `data` as a json-string).
fn root(doc: &Value, path: &JsonPath, json_string: bool) -> Result<Value, EngineError> {
    match get(doc, path) {
        Some(Value::String(s)) if json_string => serde_json::from_str::<Value>(s)
            .ok()
            .filter(Value::is_object)
            .ok_or_else(|| {
                decode_err(format!(
                    "`{}` is a string that does not hold a JSON object",
                    show(path)
                ))
            }),
        Some(v) => Ok(v.clone()),
        None => Err(decode_err(format!("no `{}` object", show(path)))),
    }
}

/// The value at `path`; numeric segments index arrays. `null` counts as absent.
pub(crate) fn get<'v>(value: &'v Value, path: &[Text]) -> Option<&'v Value> {
    let mut at = value;
    for key in path {
        at = match at {
            Value::Object(map) => map.get(&**key)?,
            Value::Array(items) => items.get(key.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    (!at.is_null()).then_some(at)
}

fn scalar_eq(value: &Value, expected: &Scalar) -> bool {
    match expected {
        Scalar::String(s) => value.as_str() == Some(s),
        Scalar::Bool(b) => value.as_bool() == Some(*b),
        Scalar::Integer(i) => value.as_i64() == Some(*i),
    }
}

fn opt_string(root: &Value, path: Option<&JsonPath>) -> Result<Option<String>, EngineError> {
    let Some(path) = path else { return Ok(None) };
    match get(root, path) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(wrong_type(path, "a string")),
    }
}

/// A lifetime in seconds: a non-negative number or a string holding one.
fn seconds(root: &Value, path: &JsonPath) -> Result<Option<Duration>, EngineError> {
    let secs = match get(root, path) {
        None => return Ok(None),
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    match secs {
        // Saturating: an absurd lifetime is a very long one, not an error.
        Some(s) if s.is_finite() && s >= 0.0 => Ok(Some(
            Duration::try_from_secs_f64(s).unwrap_or(Duration::MAX),
        )),
        _ => Err(wrong_type(path, "a non-negative number of seconds")),
    }
}

fn field(root: &Value, f: &FieldPlan) -> Result<FieldValue, EngineError> {
    let Some(value) = get(root, &f.path) else {
        return if f.required {
            Err(decode_err(format!(
                "required field `{}` is missing at `{}`",
                f.name,
                show(&f.path)
            )))
        } else {
            Ok(FieldValue::Missing)
        };
    };
    let typed = match f.ty {
        FieldType::String => value.as_str().map(|s| {
            if f.secret {
                FieldValue::Secret(SecretString::from(s.to_owned()))
            } else {
                FieldValue::String(s.to_owned())
            }
        }),
        FieldType::Integer => match value {
            Value::String(s) => s.trim().parse::<i64>().ok(),
            v => v.as_i64(),
        }
        .map(FieldValue::Integer),
        FieldType::Number => match value {
            Value::String(s) => s.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
            v => v.as_f64(),
        }
        .map(FieldValue::Number),
        FieldType::Bool => value.as_bool().map(FieldValue::Bool),
        FieldType::Json => Some(FieldValue::Json(value.clone())),
    };
    typed.ok_or_else(|| {
        let expected = match f.ty {
            FieldType::String => "a string",
            FieldType::Integer => "an integer",
            FieldType::Number => "a number",
            FieldType::Bool => "a boolean",
            FieldType::Json => "JSON",
        };
        decode_err(format!(
            "field `{}` at `{}` is not {expected}",
            f.name,
            show(&f.path)
        ))
    })
}

/// An error status: the provider's envelope if the body has one (or a status-only variant
/// matches), otherwise an unexpected response.
fn error_response(plan: &Plan, r: &Received<'_>, doc: Option<&Value>) -> EngineError {
    let error = envelope(plan, r, doc);
    let has_envelope = error.code.is_some() || error.message.is_some();
    if has_envelope || status_variant(plan, r.status).is_some() {
        return provider(plan, error);
    }
    let reason = if doc.is_some() {
        "an error status without the provider's error envelope"
    } else {
        "an error status with a body that is not JSON"
    };
    unexpected(r, reason.to_owned())
}

/// Reads code, message, details and `Retry-After`.
fn envelope(plan: &Plan, r: &Received<'_>, doc: Option<&Value>) -> ProviderError {
    let ep = &plan.errors;
    let first_string = |paths: &[JsonPath]| {
        let doc = doc?;
        paths
            .iter()
            .find_map(|p| get(doc, p).and_then(Value::as_str).map(str::to_owned))
    };
    let code = doc.and_then(|doc| {
        ep.code.iter().find_map(|p| match get(doc, p)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    });
    // A body that is a bare JSON string is a message.
    let message = first_string(&ep.message).or_else(|| doc?.as_str().map(str::to_owned));
    ProviderError {
        status: r.status,
        code,
        message,
        details: first_string(&ep.details),
        retry_after: retry_after(r.headers, SystemTime::now()),
    }
}

/// Matches the error to a variant: by code over all variants, then by status among
/// status-only variants.
fn provider(plan: &Plan, error: ProviderError) -> EngineError {
    let variants = &plan.errors.variants;
    let by_code = error.code.as_ref().and_then(|code| {
        variants
            .iter()
            .position(|v| v.codes.iter().any(|c| c == code))
    });
    let variant = by_code.or_else(|| status_variant(plan, error.status));
    EngineError::Provider { variant, error }
}

fn status_variant(plan: &Plan, status: u16) -> Option<usize> {
    plan.errors
        .variants
        .iter()
        .position(|v| v.codes.is_empty() && v.statuses.contains(&status))
}

/// `Retry-After` as seconds or an HTTP date (RFC 9110 section 10.2.3).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(secs) = text.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = httpdate::parse_http_date(text).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

fn unexpected(r: &Received<'_>, reason: String) -> EngineError {
    EngineError::Unexpected(UnexpectedResponse {
        status: r.status,
        content_type: content_type(r.headers),
        reason,
        retry_after: retry_after(r.headers, SystemTime::now()),
    })
}

fn decode_err(reason: String) -> EngineError {
    EngineError::Decode(DecodeError::new(reason))
}

fn wrong_type(path: &[Text], expected: &str) -> EngineError {
    decode_err(format!("`{}` is not {expected}", show(path)))
}

/// A path as written in the spec (`data.accessToken`); `(root)` for the document.
fn show(path: &[Text]) -> String {
    if path.is_empty() {
        "(root)".to_owned()
    } else {
        path.join(".")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn headers(value: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        h
    }

    #[test]
    fn retry_after_seconds_or_http_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_400); // 07:26:40 GMT
        assert_eq!(
            retry_after(&headers("120"), now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:28:00 GMT"), now),
            Some(Duration::from_secs(80))
        );
        // A date in the past means now.
        assert_eq!(
            retry_after(&headers("Wed, 21 Oct 2015 07:00:00 GMT"), now),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn paths_index_objects_and_arrays_and_skip_null() {
        let doc = serde_json::json!({"a": [{"b": 1}], "n": null});
        let path = |p: &str| {
            p.split('.')
                .map(|k| Text::from(k.to_owned()))
                .collect::<Vec<_>>()
        };
        assert_eq!(get(&doc, &path("a.0.b")), Some(&serde_json::json!(1)));
        assert_eq!(get(&doc, &path("a.1.b")), None);
        assert_eq!(get(&doc, &path("n")), None);
        assert_eq!(get(&doc, &[]), Some(&doc));
    }
}
