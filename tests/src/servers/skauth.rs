//! The `${API_URL}` provider ("skauth"), from `shared/seeds/003_c3b6b9736f1d4340.txt`.
//!
//! The document: `POST /v1/auth/token` (called as `${API_URL}/auth/token`, so `${API_URL}` is
//! this server's URL plus `/v1`), `Content-Type: application/x-www-form-urlencoded`, body
//! `client_id` and `client_secret`, no `grant_type` listed (the document is silent on one:
//! accepted, and visible in [`Server::requests`]). Success is `{"data":{"access_token":"sk-…",
//! "token_type":"Bearer","expires_in":3600}}`; the schema calls `data` a json-string, so
//! [`start_with_string_data`] answers `data` as a string holding that JSON. Errors: 400
//! `400013`/`invalid_request`, 401 `401021`/`invalid_client`, 500 `500999`/`API_ERROR`, nested
//! under `error` in the samples and listed flat in the schema text (both can be answered);
//! 403 and 404 carry only an `error` string.

use std::sync::Arc;

use axum::response::Response;
use serde_json::{Value, json};

use super::common::{Common, Provider, json_response};
use super::wire::{Place, Wire};
use super::{RecordedRequest, Server};

/// The client id the server accepts.
pub const CLIENT_ID: &str = "YOUR_CLIENT_ID-demo";
/// The client secret the server accepts; holds characters form encoding must escape.
pub const CLIENT_SECRET: &str = "sk secret+&=%";
/// Token path of the document.
pub const TOKEN_PATH: &str = "/v1/auth/token";

/// The documented errors the server can be told to answer next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 400, `error.code` `400013` (`invalid_request`).
    InvalidRequest,
    /// 401, `error.code` `401021` (`invalid_client`), nested as in the sample.
    InvalidClient,
    /// 401 with `code`, `code_reason`, `message` at the top level, as the schema text lists them.
    InvalidClientFlat,
    /// 403 with a bare `error` string.
    Forbidden,
    /// 404 with a bare `error` string.
    NotFound,
    /// 500, `error.code` `500999` (`API_ERROR`), nested as in the sample.
    ApiError,
    /// 500 with the fields flat, as the schema text lists them.
    ApiErrorFlat,
}

struct Skauth {
    common: Arc<Common<Failure>>,
    /// Answer `data` as a string holding JSON (the schema's "json-string").
    string_data: bool,
}

/// Starts a server that answers `data` as an object (the document's sample).
pub async fn start() -> std::io::Result<Server<Failure>> {
    start_inner(false).await
}

/// Starts a server that answers `data` as a string holding JSON (the document's schema).
pub async fn start_with_string_data() -> std::io::Result<Server<Failure>> {
    start_inner(true).await
}

async fn start_inner(string_data: bool) -> std::io::Result<Server<Failure>> {
    Server::start(Skauth {
        common: Arc::new(Common::new(TOKEN_PATH)),
        string_data,
    })
    .await
}

fn nested(status: u16, code: &str, reason: &str, message: &str) -> Response {
    json_response(
        status,
        json!({ "error": { "code": code, "code_reason": reason, "message": message } }),
    )
}

fn flat(status: u16, code: &str, reason: &str, message: &str) -> Response {
    json_response(
        status,
        json!({ "code": code, "code_reason": reason, "message": message }),
    )
}

const INVALID_CLIENT: &str = "Invalid client_id, client_secret, or session_key";
const API_ERROR: &str = "Api Error, please contact customer service";

fn answer_failure(failure: Failure) -> Response {
    match failure {
        Failure::InvalidRequest => nested(
            400,
            "400013",
            "invalid_request",
            "Missing or invalid parameters",
        ),
        Failure::InvalidClient => nested(401, "401021", "invalid_client", INVALID_CLIENT),
        Failure::InvalidClientFlat => flat(401, "401021", "invalid_client", INVALID_CLIENT),
        Failure::Forbidden => forbidden(),
        Failure::NotFound => not_found(),
        Failure::ApiError => nested(500, "500999", "API_ERROR", API_ERROR),
        Failure::ApiErrorFlat => flat(500, "500999", "API_ERROR", API_ERROR),
    }
}

fn forbidden() -> Response {
    json_response(
        403,
        json!({ "error": "Access forbidden for this resource." }),
    )
}

fn not_found() -> Response {
    json_response(404, json!({ "error": "Resource or endpoint not found." }))
}

impl Skauth {
    fn token(&self, req: &RecordedRequest, body_error: Option<String>) -> Response {
        let mut wire = Wire::new(req, body_error);
        wire.method("POST");
        wire.content_type("application/x-www-form-urlencoded");
        wire.no_query();
        wire.no_header("authorization");
        wire.secret_only_in("client id", CLIENT_ID, Place::Body);
        wire.secret_only_in("client secret", CLIENT_SECRET, Place::Body);
        let form = wire.form_fields(&["client_id", "client_secret", "grant_type"]);
        let field = |name: &str| {
            form.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        for name in ["client_id", "client_secret"] {
            if field(name).is_none() {
                wire.problem(format!("missing form field {name}"));
            }
        }
        if let Err(problems) = wire.finish() {
            // The document's own answer to "Missing or invalid parameters", with the detail.
            let message = self.common.reject(&problems);
            return nested(400, "400013", "invalid_request", &message);
        }
        if let Some(failure) = self.common.take_failure() {
            return answer_failure(failure);
        }
        if field("client_id") != Some(CLIENT_ID) || field("client_secret") != Some(CLIENT_SECRET) {
            return answer_failure(Failure::InvalidClient);
        }
        // `sk-` and 32 hex digits, as the sample `sk-418e41a74ca2e7d941fa4456d73dbed7`.
        let token = self
            .common
            .issue(|n| format!("sk-418e41a74ca2e7d941fa4456{:08x}", n));
        let data = json!({ "access_token": token, "token_type": "Bearer", "expires_in": 3600 });
        let data = if self.string_data {
            Value::String(data.to_string())
        } else {
            data
        };
        json_response(200, json!({ "data": data }))
    }
}

impl Provider for Skauth {
    type Failure = Failure;

    fn common(&self) -> &Arc<Common<Failure>> {
        &self.common
    }

    fn answer(&self, req: &RecordedRequest, body_error: Option<String>) -> Response {
        match req.path.as_str() {
            TOKEN_PATH => self.token(req, body_error),
            "/api/echo" => self.common.echo(req),
            _ => {
                self.common.reject(&format!("no route {}", req.path));
                not_found()
            }
        }
    }
}
