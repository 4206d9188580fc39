//! Weavy (self-hosted), from `shared/seeds/004_42f82a1d3a61d03c.txt`.
//!
//! The document: `POST https://{your-weavy-url}/api/auth`, "Transmit the following parameters
//! in the request body using the application/x-www-form-urlencoded format": `grant_type`
//! ("Value must be set to client_credentials"), `client_id`, `client_secret`. Success is
//! `{"access_token","token_type":"Bearer","expires_in":3600}`. No error responses are
//! documented; RFC 6749 §5.2 is assumed.

use std::sync::Arc;

use axum::response::Response;
use serde_json::json;

use super::common::{Common, Provider, json_response};
use super::oauth2::{self, client_auth};
use super::wire::{Place, Wire};
use super::{RecordedRequest, Server};

/// The client id the server accepts ("the name or url of your application").
pub const CLIENT_ID: &str = "https://app.example.com/weavy-demo";
/// The client secret the server accepts; holds characters form encoding must escape.
pub const CLIENT_SECRET: &str = "weavy secret#&=+%";
/// Token path of the document.
pub const TOKEN_PATH: &str = "/api/auth";

/// The (assumed RFC 6749) errors the server can be told to answer next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 401 `invalid_client`.
    InvalidClient,
    /// 400 `invalid_request`.
    InvalidRequest,
    /// 400 `unsupported_grant_type`.
    UnsupportedGrantType,
}

struct Weavy {
    common: Arc<Common<Failure>>,
}

/// Starts a Weavy server on `127.0.0.1`.
pub async fn start() -> std::io::Result<Server<Failure>> {
    Server::start(Weavy {
        common: Arc::new(Common::new(TOKEN_PATH)),
    })
    .await
}

impl Weavy {
    fn token(&self, req: &RecordedRequest, body_error: Option<String>) -> Response {
        let mut wire = Wire::new(req, body_error);
        wire.method("POST");
        wire.content_type("application/x-www-form-urlencoded");
        wire.no_query();
        wire.secret_only_in("client id", CLIENT_ID, Place::Body);
        wire.secret_only_in("client secret", CLIENT_SECRET, Place::Body);
        let form = wire.form_fields(&["grant_type", "client_id", "client_secret"]);
        let grant_type = form
            .iter()
            .find(|(k, _)| k == "grant_type")
            .map(|(_, v)| v.as_str());
        if grant_type.is_none() {
            wire.problem("missing form field grant_type");
        }
        // The document puts the credentials in the body only.
        let client = client_auth(&mut wire, req, &form, false);
        if let Err(problems) = wire.finish() {
            return oauth2::wire_error(&self.common.reject(&problems));
        }
        match self.common.take_failure() {
            Some(Failure::InvalidClient) => {
                return oauth2::error("invalid_client", "Invalid client credentials");
            }
            Some(Failure::InvalidRequest) => {
                return oauth2::error("invalid_request", "The request is malformed");
            }
            Some(Failure::UnsupportedGrantType) => {
                return oauth2::error("unsupported_grant_type", "Grant type not supported");
            }
            None => {}
        }
        if grant_type != Some("client_credentials") {
            return oauth2::error("unsupported_grant_type", "must be client_credentials");
        }
        if !client.is_some_and(|c| c.is(CLIENT_ID, CLIENT_SECRET)) {
            return oauth2::error("invalid_client", "Invalid client credentials");
        }
        let token = self
            .common
            .issue(|n| format!("eyJhbGciOiJIUzI1NiJ9.weavy-{n}.sig"));
        json_response(
            200,
            json!({ "access_token": token, "token_type": "Bearer", "expires_in": 3600 }),
        )
    }
}

impl Provider for Weavy {
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
                json_response(
                    404,
                    json!({ "error": "not_found", "error_description": message }),
                )
            }
        }
    }
}
