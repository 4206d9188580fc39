//! Builds the token request from a plan's placements.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};
use tokenspec_spec::plan::{BodyEncoding, Method, Placement, Plan, Source, Target};
use url::Url;
use url::form_urlencoded;

use crate::error::ConfigError;

/// The values a request is built from.
pub(crate) struct Inputs<'a> {
    pub plan: &'a Plan,
    /// Slot values after defaults; `None` for an optional parameter left unset.
    pub values: &'a [Option<SecretString>],
    /// The token URL after substitution and the base URL override.
    pub url: &'a Url,
}

/// A value resolved for one placement, with whether it is secret.
struct Value<'a> {
    text: &'a str,
    secret: bool,
    /// Setter name or spec parameter, for error messages.
    label: &'a str,
}

impl<'a> Inputs<'a> {
    fn value(&self, placement: &'a Placement) -> Option<Value<'a>> {
        match &placement.source {
            Source::Fixed(text) => Some(Value {
                text,
                secret: false,
                label: target_name(&placement.target),
            }),
            Source::Slot(i) => {
                let slot = self.plan.slots.get(*i)?;
                let text = self.values.get(*i)?.as_ref()?.expose_secret();
                Some(Value {
                    text,
                    secret: slot.secret,
                    label: &slot.name,
                })
            }
        }
    }
}

fn target_name(target: &Target) -> &str {
    match target {
        Target::BasicUser => "basic user",
        Target::BasicPassword => "basic password",
        Target::Body(n) | Target::Query(n) | Target::Header(n) => n,
    }
}

/// Builds the request: `placements` (the token request's, or the refresh grant's), plus an
/// `extra` value (the refresh token) at its target.
pub(crate) fn build(
    inputs: &Inputs<'_>,
    placements: &[Placement],
    extra: Option<(&Target, &SecretString)>,
) -> Result<reqwest::Request, ConfigError> {
    let extra_placement = extra.map(|(target, value)| {
        (
            target,
            Value {
                text: value.expose_secret(),
                secret: true,
                label: "refresh_token",
            },
        )
    });
    let all = placements
        .iter()
        .filter_map(|p| inputs.value(p).map(|v| (&p.target, v)))
        .chain(extra_placement);

    let mut url = inputs.url.clone();
    let mut headers = reqwest::header::HeaderMap::new();
    let mut basic_user: Option<Value<'_>> = None;
    let mut basic_password: Option<Value<'_>> = None;
    let mut fields: Vec<(&str, &str)> = Vec::new();
    for (target, value) in all {
        match target {
            Target::BasicUser => basic_user = Some(value),
            Target::BasicPassword => basic_password = Some(value),
            Target::Body(name) => fields.push((name, value.text)),
            Target::Query(name) => {
                url.query_pairs_mut().append_pair(name, value.text);
            }
            Target::Header(name) => {
                let name = header_name(name)?;
                let header = header_value(value.text, value.secret, value.label)?;
                headers.append(name, header);
            }
        }
    }

    if basic_user.is_some() || basic_password.is_some() {
        // RFC 7617: the user id ends at the first `:`. Unencoded, `a:b` with secret `s` is
        // read as user `a`, password `b:s`.
        if let Some(user) = &basic_user
            && !inputs.plan.basic_form_encode
            && user.text.contains(':')
        {
            return Err(ConfigError::InvalidValue {
                setter: user.label.to_owned(),
                place: "a Basic user id (it holds a `:`, which would end it)".to_owned(),
            });
        }
        let encode = |v: Option<Value<'_>>| -> String {
            let text = v.map_or("", |v| v.text);
            if inputs.plan.basic_form_encode {
                form_urlencoded::byte_serialize(text.as_bytes()).collect()
            } else {
                text.to_owned()
            }
        };
        let pair = format!("{}:{}", encode(basic_user), encode(basic_password));
        let header = header_value(
            &format!("Basic {}", STANDARD.encode(pair)),
            true,
            "basic credentials",
        )?;
        headers.insert(AUTHORIZATION, header);
    }

    let body = match inputs.plan.body {
        BodyEncoding::None => None,
        BodyEncoding::Json => {
            let object: serde_json::Map<String, serde_json::Value> = fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), serde_json::Value::from(*v)))
                .collect();
            default_header(&mut headers, CONTENT_TYPE, "application/json");
            Some(serde_json::Value::Object(object).to_string())
        }
        BodyEncoding::Form => {
            let mut form = form_urlencoded::Serializer::new(String::new());
            for (k, v) in &fields {
                form.append_pair(k, v);
            }
            default_header(
                &mut headers,
                CONTENT_TYPE,
                "application/x-www-form-urlencoded",
            );
            Some(form.finish())
        }
    };
    default_header(&mut headers, ACCEPT, "application/json");

    let mut request = reqwest::Request::new(method(inputs.plan.method), url);
    *request.headers_mut() = headers;
    if let Some(body) = body {
        *request.body_mut() = Some(body.into());
    }
    Ok(request)
}

fn method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
    }
}

/// Sets a header unless the spec already sets it (Weir's fixed `Content-Type`).
fn default_header(headers: &mut reqwest::header::HeaderMap, name: HeaderName, value: &'static str) {
    if !headers.contains_key(&name) {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

pub(crate) fn header_name(name: &str) -> Result<HeaderName, ConfigError> {
    HeaderName::from_bytes(name.as_bytes()).map_err(|_| ConfigError::InvalidValue {
        setter: name.to_owned(),
        place: "a header name".to_owned(),
    })
}

/// A header value, marked sensitive when secret so HTTP/2 never indexes it and `Debug`
/// redacts it.
pub(crate) fn header_value(
    text: &str,
    secret: bool,
    label: &str,
) -> Result<HeaderValue, ConfigError> {
    let mut value = HeaderValue::from_str(text).map_err(|_| ConfigError::InvalidValue {
        setter: label.to_owned(),
        place: "a header value".to_owned(),
    })?;
    value.set_sensitive(secret);
    Ok(value)
}
