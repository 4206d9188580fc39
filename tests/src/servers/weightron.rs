//! Weightron Cloud, from `shared/seeds/002_c45097bb764b9160.txt`.
//!
//! The document: `POST https://auth.weightron.cloud/oidc/token`, body
//! `x-www-form-urlencoded` with `grant_type`, `client_id`, `client_secret` and an optional
//! `scope`; its Postman section authenticates the client with Basic instead, so both are
//! accepted (not both at once). "An API Key is not required for the token request": an
//! `x-api-key` there is a leak. "openid is required for all requests" and `offline_access` is
//! "the only accepted optional value": a scope without `openid`, or with anything else, is
//! `invalid_scope`. Success is `{"access_token","expires_in":300,"token_type":"Bearer"}`.
//! Errors are not documented; RFC 6749 §5.2 is assumed.
//!
//! The API (`api.weightron.cloud`, here the same server) needs `Authorization: Bearer` and
//! `x-api-key` on every call; `GET /access` answers the documented sample.

use std::sync::Arc;

use axum::response::Response;
use serde_json::json;

use super::common::{Common, Provider, json_response};
use super::oauth2::{self, client_auth};
use super::wire::{Place, Wire};
use super::{RecordedRequest, Server};

/// The client id the server accepts.
pub const CLIENT_ID: &str = "weightron-demo-client";
/// The client secret the server accepts; holds characters form encoding must escape.
pub const CLIENT_SECRET: &str = "wt secret&=+%/\u{e4}";
/// The API key every API call must carry in `x-api-key`.
pub const API_KEY: &str = "wt-api-key-0001";
/// Token path of the document.
pub const TOKEN_PATH: &str = "/oidc/token";
/// Token lifetime of the document ("Tokens are only valid for 5 minutes").
pub const EXPIRES_IN: u64 = 300;

/// The (assumed RFC 6749) errors the server can be told to answer next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 401 `invalid_client`.
    InvalidClient,
    /// 400 `invalid_scope`.
    InvalidScope,
    /// 400 `invalid_request`.
    InvalidRequest,
    /// 400 `unsupported_grant_type`.
    UnsupportedGrantType,
}

struct Weightron {
    common: Arc<Common<Failure>>,
}

/// Starts a Weightron server (token endpoint and API) on `127.0.0.1`.
pub async fn start() -> std::io::Result<Server<Failure>> {
    Server::start(Weightron {
        common: Arc::new(Common::new(TOKEN_PATH)),
    })
    .await
}

/// Checks the scope against the Postman section's rule; the problem, if any.
fn scope_problem(scope: Option<&str>) -> Option<String> {
    let Some(scope) = scope else {
        return Some("openid is required for all requests".to_owned());
    };
    let scopes: Vec<&str> = scope.split(' ').collect();
    if let Some(other) = scopes
        .iter()
        .find(|s| **s != "openid" && **s != "offline_access")
    {
        return Some(format!("scope {other:?} is not accepted"));
    }
    (!scopes.contains(&"openid")).then(|| "openid is required for all requests".to_owned())
}

impl Weightron {
    fn token(&self, req: &RecordedRequest, body_error: Option<String>) -> Response {
        let mut wire = Wire::new(req, body_error);
        wire.method("POST");
        wire.content_type("application/x-www-form-urlencoded");
        wire.no_query();
        wire.single_header("authorization");
        wire.no_header("x-api-key");
        wire.secret_only_in("API key", API_KEY, Place::Nowhere);
        let form = wire.form_fields(&["grant_type", "client_id", "client_secret", "scope"]);
        let field = |name: &str| {
            form.iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.as_str())
        };
        let place = if req.header("authorization").is_some() {
            Place::Basic
        } else {
            Place::Body
        };
        wire.secret_only_in("client secret", CLIENT_SECRET, place);
        let grant_type = field("grant_type");
        if grant_type.is_none() {
            wire.problem("missing form field grant_type");
        }
        let client = client_auth(&mut wire, req, &form, true);
        if let Err(problems) = wire.finish() {
            return oauth2::wire_error(&self.common.reject(&problems));
        }
        match self.common.take_failure() {
            Some(Failure::InvalidClient) => {
                return oauth2::error("invalid_client", "Client authentication failed");
            }
            Some(Failure::InvalidScope) => {
                return oauth2::error("invalid_scope", "The requested scope is invalid");
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
            return oauth2::error("unsupported_grant_type", "only client_credentials");
        }
        if !client.is_some_and(|c| c.is(CLIENT_ID, CLIENT_SECRET)) {
            return oauth2::error("invalid_client", "Client authentication failed");
        }
        let scope = field("scope");
        if let Some(problem) = scope_problem(scope) {
            return oauth2::error("invalid_scope", &problem);
        }
        let token = self
            .common
            .issue(|n| format!("eyJhbGciOiJSUzI1NiJ9.weightron-{n}.sig"));
        let mut body = json!({
            "access_token": token,
            "expires_in": EXPIRES_IN,
            "token_type": "Bearer",
        });
        // offline_access asks for a refresh token (the document's "Refresh Tokens").
        if scope.is_some_and(|s| s.split(' ').any(|s| s == "offline_access")) {
            body["refresh_token"] = json!("wt-refresh-token");
        }
        json_response(200, body)
    }

    /// `GET /access`: "The Authorization and x-api-key headers are required for all request
    /// to the API." The 401 bodies are assumed (the document shows none).
    fn access(&self, req: &RecordedRequest) -> Response {
        if req.method != "GET" {
            return json_response(405, json!({ "message": "Method Not Allowed" }));
        }
        if self.common.valid_bearer(req).is_none() {
            return json_response(401, json!({ "message": "Invalid or missing access token" }));
        }
        if req.header("x-api-key") != Some(API_KEY) {
            return json_response(401, json!({ "message": "Invalid or missing API key" }));
        }
        json_response(
            200,
            json!({
                "timestamp": "2024-09-20T15:06:20.323Z",
                "data": [{
                    "_id": "66840a91a752c27bf3c886f2",
                    "name": "Documentation Example",
                    "expiry": "2030-09-20T22:59:59.999Z",
                    "company": {},
                }],
            }),
        )
    }
}

impl Provider for Weightron {
    type Failure = Failure;

    fn common(&self) -> &Arc<Common<Failure>> {
        &self.common
    }

    fn answer(&self, req: &RecordedRequest, body_error: Option<String>) -> Response {
        match req.path.as_str() {
            TOKEN_PATH => self.token(req, body_error),
            "/access" => self.access(req),
            "/api/echo" => self.common.echo(req),
            _ => {
                let message = self.common.reject(&format!("no route {}", req.path));
                json_response(404, json!({ "message": message }))
            }
        }
    }
}
