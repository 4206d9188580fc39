//! A received request, read into plain parts the checks and the recorder share.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use tokenspec_spec::plan::BodyEncoding;
use url::form_urlencoded;

/// A request as the mock received it.
#[derive(Debug, Clone)]
pub(crate) struct Incoming {
    pub method: String,
    /// The path, still percent-encoded.
    pub path: String,
    /// Decoded query pairs, in order.
    pub query: Vec<(String, String)>,
    /// Headers in order; names lowercase (as hyper gives them).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// The Basic credentials of an `Authorization` header.
pub(crate) struct Basic {
    pub user: String,
    pub password: String,
}

impl Incoming {
    /// The first value of header `name` (case-insensitive).
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// How many times header `name` was sent.
    pub(crate) fn header_count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .count()
    }

    /// The media type of `Content-Type`, lowercase, without parameters.
    pub(crate) fn media_type(&self) -> Option<String> {
        let ct = self.header("content-type")?;
        let media = ct.split(';').next().unwrap_or_default();
        Some(media.trim().to_ascii_lowercase())
    }

    /// Decodes an `Authorization: Basic` header. With `form_encoded`, user and password
    /// are form-decoded after splitting at the first `:` (RFC 6749 section 2.3.1), so a `:`
    /// inside either survives.
    pub(crate) fn basic(&self, form_encoded: bool) -> Result<Option<Basic>, String> {
        let Some(value) = self.header("authorization") else {
            return Ok(None);
        };
        let Some(encoded) = value
            .strip_prefix("Basic ")
            .or_else(|| value.strip_prefix("basic "))
        else {
            return Ok(None);
        };
        let bytes = STANDARD
            .decode(encoded.trim())
            .map_err(|_| "the Basic credentials are not valid base64".to_owned())?;
        let text = String::from_utf8(bytes)
            .map_err(|_| "the Basic credentials are not UTF-8".to_owned())?;
        let (user, password) = text
            .split_once(':')
            .ok_or_else(|| "the Basic credentials have no `:`".to_owned())?;
        let decode = |s: &str| -> String {
            if form_encoded {
                form_urlencoded::parse(format!("x={s}").as_bytes())
                    .next()
                    .map(|(_, v)| v.into_owned())
                    .unwrap_or_default()
            } else {
                s.to_owned()
            }
        };
        Ok(Some(Basic {
            user: decode(user),
            password: decode(password),
        }))
    }

    /// The body's fields as the spec's encoding reads them. `Ok(None)` means no body at all.
    pub(crate) fn body_fields(
        &self,
        encoding: BodyEncoding,
    ) -> Result<Option<Vec<(String, String)>>, String> {
        match encoding {
            BodyEncoding::None => {
                if self.body.is_empty() {
                    Ok(None)
                } else {
                    Err("the spec sends no body, but the request has one".to_owned())
                }
            }
            BodyEncoding::Form => {
                if self.media_type().as_deref() != Some("application/x-www-form-urlencoded") {
                    return Err(
                        "the spec sends a form body: Content-Type must be application/x-www-form-urlencoded"
                            .to_owned(),
                    );
                }
                Ok(Some(
                    form_urlencoded::parse(&self.body)
                        .map(|(k, v)| (k.into_owned(), v.into_owned()))
                        .collect(),
                ))
            }
            BodyEncoding::Json => {
                if self.media_type().as_deref() != Some("application/json") {
                    return Err(
                        "the spec sends a JSON body: Content-Type must be application/json"
                            .to_owned(),
                    );
                }
                let value: serde_json::Value = serde_json::from_slice(&self.body)
                    .map_err(|_| "the body is not JSON".to_owned())?;
                let serde_json::Value::Object(map) = value else {
                    return Err("the JSON body is not an object".to_owned());
                };
                map.into_iter()
                    .map(|(k, v)| match v {
                        serde_json::Value::String(s) => Ok((k, s)),
                        _ => Err(format!("JSON body field `{k}` is not a string")),
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map(Some)
            }
        }
    }
}
