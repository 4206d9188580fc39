//! Weir (api.weir.ai), from `shared/seeds/000_63e8414b964afeab.txt`.
//!
//! The document: `POST /auth/token` with `-u client_id:secret_key` (HTTP Basic, the example
//! computes `btoa(`${clientId}:${secretKey}`)`, so the pair is base64'd as is, with no form
//! encoding), `Content-Type: application/json` and no body. Success is
//! `{"data":{"accessToken","expiresIn":3600,"tokenType":"Bearer"},"message","status":"success"}`;
//! errors are `{"error":{"code","message","details"},"status":"error"}` with
//! `INVALID_CREDENTIALS` (401) and `RATE_LIMIT_EXCEEDED` (429, "10 requests per minute").

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use axum::response::Response;
use serde_json::json;

use super::common::{Common, Provider, json_response};
use super::wire::{Place, Wire, decode_basic};
use super::{RecordedRequest, Server};

/// The client id the server accepts.
pub const CLIENT_ID: &str = "weir-demo-client";
/// The secret key the server accepts. Holds characters that RFC 6749 form encoding would
/// change (space, `:`, `+`, `/`, `%`), so a client that form-encodes before base64 fails.
pub const SECRET_KEY: &str = "wk live:s3cr+t/%7E";
/// Token path of the document.
pub const TOKEN_PATH: &str = "/auth/token";
/// Token requests allowed per minute (the 429 example's details).
pub const RATE_LIMIT: usize = 10;

/// The documented errors the server can be told to answer next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// 401 `INVALID_CREDENTIALS`.
    InvalidCredentials,
    /// 429 `RATE_LIMIT_EXCEEDED`.
    RateLimitExceeded,
}

struct Weir {
    common: Arc<Common<Failure>>,
    /// Arrival times of token requests in the last minute, for the documented rate limit.
    window: Mutex<VecDeque<Instant>>,
}

/// Starts a Weir server on `127.0.0.1`.
pub async fn start() -> std::io::Result<Server<Failure>> {
    Server::start(Weir {
        common: Arc::new(Common::new(TOKEN_PATH)),
        window: Mutex::default(),
    })
    .await
}

fn error(status: u16, code: &str, message: &str, details: &str) -> Response {
    json_response(
        status,
        json!({
            "error": { "code": code, "message": message, "details": details },
            "status": "error",
        }),
    )
}

fn invalid_credentials() -> Response {
    error(
        401,
        "INVALID_CREDENTIALS",
        "Invalid client credentials",
        "The provided client ID or secret key is invalid",
    )
}

fn rate_limit_exceeded() -> Response {
    error(
        429,
        "RATE_LIMIT_EXCEEDED",
        "Too many token generation requests",
        "Rate limit of 10 requests per minute exceeded",
    )
}

impl Weir {
    /// Counts this request against the 10-a-minute limit; false when over it.
    fn within_rate_limit(&self) -> bool {
        let mut window = self.window.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        while window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= Duration::from_secs(60))
        {
            window.pop_front();
        }
        window.push_back(now);
        window.len() <= RATE_LIMIT
    }

    fn token(&self, req: &RecordedRequest, body_error: Option<String>) -> Response {
        if !self.within_rate_limit() {
            return rate_limit_exceeded();
        }
        let mut wire = Wire::new(req, body_error);
        wire.method("POST");
        wire.content_type("application/json");
        wire.empty_body();
        wire.no_query();
        wire.single_header("authorization");
        wire.secret_only_in("client id", CLIENT_ID, Place::Basic);
        wire.secret_only_in("secret key", SECRET_KEY, Place::Basic);
        let credentials = match req.header("authorization") {
            None => {
                wire.problem("missing Authorization: Basic base64(client_id:secret_key)");
                None
            }
            Some(value) => match decode_basic(value) {
                Ok(pair) => Some(pair),
                Err(e) => {
                    wire.problem(e);
                    None
                }
            },
        };
        if let Err(problems) = wire.finish() {
            let message = self.common.reject(&problems);
            return error(400, "WIRE_FORMAT", &message, "see message");
        }
        match self.common.take_failure() {
            Some(Failure::InvalidCredentials) => return invalid_credentials(),
            Some(Failure::RateLimitExceeded) => return rate_limit_exceeded(),
            None => {}
        }
        if credentials != Some((CLIENT_ID.to_owned(), SECRET_KEY.to_owned())) {
            return invalid_credentials();
        }
        let token = self.common.issue(|n| {
            format!("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ3ZWlyIjo{n}fQ.weir-sig-{n}")
        });
        json_response(
            200,
            json!({
                "data": { "accessToken": token, "expiresIn": 3600, "tokenType": "Bearer" },
                "message": "Access token generated successfully",
                "status": "success",
            }),
        )
    }
}

impl Provider for Weir {
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
                error(404, "NOT_FOUND", &message, "see message")
            }
        }
    }
}
