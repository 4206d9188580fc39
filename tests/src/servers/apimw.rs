//! APIMW (api.apimw.com), from `shared/seeds/001_e8af082257451bdc.txt`.
//!
//! The document: `POST /v1/auth/token`, `Content-Type: application/json`, body
//! `{"api_key": "...", "api_secret": "..."}` (both required strings). Success (200) is
//! `{"success":true,"data":{"access_token","token_type":"Bearer","expires_in":3600,
//! "refresh_token"}}`; the one documented error is 401
//! `{"success":false,"error":{"code":"INVALID_CREDENTIALS","message":"Invalid API Key or Secret"}}`.

use std::sync::Arc;

use axum::response::Response;
use serde_json::{Value, json};

use super::common::{Common, Provider, json_response};
use super::wire::{Place, Wire};
use super::{RecordedRequest, Server};

/// The API key the server accepts.
pub const API_KEY: &str = "ak_live_demo123";
/// The API secret the server accepts; holds a quote and a backslash, which JSON must escape.
pub const API_SECRET: &str = "sk_live \"q\" \\ secret";
/// Token path of the document.
pub const TOKEN_PATH: &str = "/v1/auth/token";

/// The documented errors the server can be told to answer next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 401 `INVALID_CREDENTIALS`.
    InvalidCredentials,
}

struct Apimw {
    common: Arc<Common<Failure>>,
}

/// Starts an APIMW server on `127.0.0.1`.
pub async fn start() -> std::io::Result<Server<Failure>> {
    Server::start(Apimw {
        common: Arc::new(Common::new(TOKEN_PATH)),
    })
    .await
}

fn error(status: u16, code: &str, message: &str) -> Response {
    json_response(
        status,
        json!({ "success": false, "error": { "code": code, "message": message } }),
    )
}

fn invalid_credentials() -> Response {
    error(401, "INVALID_CREDENTIALS", "Invalid API Key or Secret")
}

/// Reads the two required string fields of the JSON body, recording every problem.
fn body_fields(wire: &mut Wire<'_>, req: &RecordedRequest) -> Option<(String, String)> {
    let Some(Value::Object(body)) = req.json() else {
        wire.problem("the body must be a JSON object");
        return None;
    };
    for name in body.keys() {
        if name != "api_key" && name != "api_secret" {
            wire.problem(format!("unexpected body field {name:?}"));
        }
    }
    let field = |wire: &mut Wire<'_>, name: &str| match body.get(name) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => {
            wire.problem(format!("{name} must be a string, got {other}"));
            None
        }
        None => {
            wire.problem(format!("missing required body field {name}"));
            None
        }
    };
    let key = field(wire, "api_key");
    let secret = field(wire, "api_secret");
    key.zip(secret)
}

impl Apimw {
    fn token(&self, req: &RecordedRequest, body_error: Option<String>) -> Response {
        let mut wire = Wire::new(req, body_error);
        wire.method("POST");
        wire.content_type("application/json");
        wire.no_query();
        wire.no_header("authorization");
        wire.secret_only_in("API key", API_KEY, Place::Body);
        wire.secret_only_in("API secret", API_SECRET, Place::Body);
        let credentials = body_fields(&mut wire, req);
        if let Err(problems) = wire.finish() {
            let message = self.common.reject(&problems);
            return error(400, "WIRE_FORMAT", &message);
        }
        if let Some(Failure::InvalidCredentials) = self.common.take_failure() {
            return invalid_credentials();
        }
        if credentials != Some((API_KEY.to_owned(), API_SECRET.to_owned())) {
            return invalid_credentials();
        }
        let token = self
            .common
            .issue(|n| format!("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.apimw-{n}.sig"));
        json_response(
            200,
            json!({
                "success": true,
                "data": {
                    "access_token": token,
                    "token_type": "Bearer",
                    "expires_in": 3600,
                    "refresh_token": "rt_abc123xyz456",
                },
            }),
        )
    }
}

impl Provider for Apimw {
    type Failure = Failure;

    fn common(&self) -> &Arc<Common<Failure>> {
        &self.common
    }

    fn answer(&self, req: &RecordedRequest, body_error: Option<String>) -> Response {
        match req.path.as_str() {
            TOKEN_PATH => self.token(req, body_error),
            "/api/echo" => self.common.echo(req),
            _ => {
                let message = self.common.reject(&format!("no route {}", req.path));
                error(404, "NOT_FOUND", &message)
            }
        }
    }
}
