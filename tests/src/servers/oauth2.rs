//! RFC 6749 pieces shared by the Weightron and Weavy servers, whose documents show no error
//! responses: both are assumed to answer RFC 6749 section 5.2 errors.

use axum::response::Response;
use serde_json::json;

use super::RecordedRequest;
use super::common::json_response;
use super::wire::{Wire, decode_basic};

/// An RFC 6749 §5.2 error response: 401 with `WWW-Authenticate` for `invalid_client`
/// (as §5.2 asks when the client tried HTTP authentication), 400 for the rest.
pub(crate) fn error(code: &str, description: &str) -> Response {
    let body = json!({ "error": code, "error_description": description });
    if code == "invalid_client" {
        let mut response = json_response(401, body);
        response.headers_mut().insert(
            axum::http::header::WWW_AUTHENTICATE,
            axum::http::HeaderValue::from_static("Basic realm=\"token\""),
        );
        response
    } else {
        json_response(400, body)
    }
}

/// A wire-format problem answered as `invalid_request`, the RFC's error for a malformed
/// request, with the problems in the description.
pub(crate) fn wire_error(message: &str) -> Response {
    error("invalid_request", message)
}

/// The client's credentials as they arrived: the readings that count as the same pair (a
/// Basic pair is read both form-decoded and raw).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClientAuth {
    readings: Vec<(String, String)>,
}

impl ClientAuth {
    /// Whether the client presented this id and secret.
    pub(crate) fn is(&self, client_id: &str, client_secret: &str) -> bool {
        self.readings
            .iter()
            .any(|(id, secret)| id == client_id && secret == client_secret)
    }
}

/// Reads the client's credentials from the form body and, when `basic_allowed`, from an
/// HTTP Basic header (RFC 6749 §2.3.1: form-encoded before base64; a raw pair is accepted
/// too, as Postman sends it). Using both at once is a wire error (§2.3: "MUST NOT use more
/// than one authentication method in each request").
pub(crate) fn client_auth(
    wire: &mut Wire<'_>,
    req: &RecordedRequest,
    form: &[(String, String)],
    basic_allowed: bool,
) -> Option<ClientAuth> {
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let in_form = (field("client_id"), field("client_secret"));
    let basic = req.header("authorization");
    match (in_form, basic) {
        ((Some(client_id), Some(client_secret)), None) => Some(ClientAuth {
            readings: vec![(client_id, client_secret)],
        }),
        ((None, None), Some(value)) if basic_allowed => match decode_basic(value) {
            Ok((user, password)) => Some(ClientAuth {
                readings: vec![
                    (form_decode(&user), form_decode(&password)),
                    (user, password),
                ],
            }),
            Err(e) => {
                wire.problem(e);
                None
            }
        },
        ((None, None), Some(_)) => {
            wire.problem("client credentials belong in the form body, not an Authorization header");
            None
        }
        ((None, None), None) => {
            wire.problem("missing client credentials (client_id and client_secret)");
            None
        }
        (_, Some(_)) => {
            wire.problem("client authenticated both in the body and by Authorization header");
            None
        }
        ((id, _), None) => {
            let missing = if id.is_none() {
                "client_id"
            } else {
                "client_secret"
            };
            wire.problem(format!("missing form field {missing}"));
            None
        }
    }
}

/// Undoes RFC 6749 §2.3.1's form encoding of a Basic user or password.
fn form_decode(value: &str) -> String {
    url::form_urlencoded::parse(format!("v={value}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}
