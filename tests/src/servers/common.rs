//! What every provider server shares: the running server handle, the request log, the queue
//! of errors to answer next, the tokens issued, and the protected echo route.

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

/// Largest request body a server reads; a token request is a few hundred bytes.
const BODY_LIMIT: usize = 1 << 20;

/// One HTTP request as a server received it, kept for the tests to inspect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordedRequest {
    /// HTTP method, upper case (`POST`).
    pub method: String,
    /// Path without the query (`/auth/token`).
    pub path: String,
    /// Raw query string, if the URL had one.
    pub query: Option<String>,
    /// Headers in arrival order, names lower case; values that are not UTF-8 are lossy.
    pub headers: Vec<(String, String)>,
    /// The body's bytes (empty when there was none).
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// Reads a request off the wire. A body that cannot be read is recorded as empty, and the
    /// reason returned beside it for the provider's wire checks.
    async fn read(req: Request) -> (RecordedRequest, Option<String>) {
        let (parts, body) = req.into_parts();
        let headers = parts
            .headers
            .iter()
            .map(|(name, value)| {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                (name.as_str().to_owned(), value)
            })
            .collect();
        let (body, error) = match axum::body::to_bytes(body, BODY_LIMIT).await {
            Ok(bytes) => (bytes.to_vec(), None),
            Err(e) => (Vec::new(), Some(format!("could not read the body: {e}"))),
        };
        let recorded = RecordedRequest {
            method: parts.method.as_str().to_owned(),
            path: parts.uri.path().to_owned(),
            query: parts.uri.query().map(str::to_owned),
            headers,
            body,
        };
        (recorded, error)
    }

    /// The value of the first header with this name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// How many headers of this name arrived (a repeated `Authorization` is a bug).
    pub fn header_count(&self, name: &str) -> usize {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .count()
    }

    /// The body decoded as `application/x-www-form-urlencoded` pairs, in order.
    pub fn form(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(&self.body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }

    /// The value of a form field of the body, if present.
    pub fn form_value(&self, name: &str) -> Option<String> {
        self.form()
            .into_iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v)
    }

    /// The body parsed as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// State shared by a provider's handler and the test's [`Server`] handle.
pub(crate) struct Common<F> {
    /// Path of the token endpoint, to count token requests.
    token_path: &'static str,
    requests: Mutex<Vec<RecordedRequest>>,
    failures: Mutex<VecDeque<F>>,
    violations: Mutex<Vec<String>>,
    issued: Mutex<Vec<String>>,
}

/// Locks a mutex even if a test thread panicked while holding it: the data is a log, and a
/// panic elsewhere must not hide what the server saw.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl<F> Common<F> {
    pub(crate) fn new(token_path: &'static str) -> Self {
        Common {
            token_path,
            requests: Mutex::default(),
            failures: Mutex::default(),
            violations: Mutex::default(),
            issued: Mutex::default(),
        }
    }

    /// The next queued failure, if a test asked for one.
    pub(crate) fn take_failure(&self) -> Option<F> {
        lock(&self.failures).pop_front()
    }

    /// Records a wire-format violation and returns the message for the 400 body.
    pub(crate) fn reject(&self, problems: &str) -> String {
        let message = format!("tokenspec test server: wrong wire format: {problems}");
        lock(&self.violations).push(message.clone());
        message
    }

    /// Issues a new token made by `make` from a sequence number (1, 2, ...).
    pub(crate) fn issue(&self, make: impl FnOnce(usize) -> String) -> String {
        let mut issued = lock(&self.issued);
        let token = make(issued.len() + 1);
        issued.push(token.clone());
        token
    }

    /// Whether `token` was issued by this server.
    pub(crate) fn is_issued(&self, token: &str) -> bool {
        lock(&self.issued).iter().any(|t| t == token)
    }

    /// The bearer token of a request, if it is one this server issued.
    pub(crate) fn valid_bearer<'r>(&self, req: &'r RecordedRequest) -> Option<&'r str> {
        let value = req.header("authorization")?;
        let (scheme, token) = value.split_once(' ')?;
        (scheme == "Bearer" && self.is_issued(token)).then_some(token)
    }

    /// `GET /api/echo`: a protected API route. Accepts only a bearer token this server issued
    /// and answers with the auth headers that arrived, so tests see what `authorize()` added.
    pub(crate) fn echo(&self, req: &RecordedRequest) -> Response {
        if req.method != "GET" {
            return json_response(405, json!({ "error": "method_not_allowed" }));
        }
        let seen = json!({
            "authorization": req.header("authorization"),
            "x-api-key": req.header("x-api-key"),
            "authorization_count": req.header_count("authorization"),
        });
        if req.header_count("authorization") == 1 && self.valid_bearer(req).is_some() {
            json_response(200, seen)
        } else {
            json_response(401, json!({ "error": "invalid_token", "seen": seen }))
        }
    }
}

/// A JSON response with this status.
pub(crate) fn json_response(status: u16, body: Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, axum::Json(body)).into_response()
}

/// A provider server's behaviour: what it answers for each request.
pub(crate) trait Provider: Send + Sync + 'static {
    /// The documented errors this provider can be told to answer next.
    type Failure: Send + 'static;
    /// The shared log and queues.
    fn common(&self) -> &Arc<Common<Self::Failure>>;
    /// Answers one request (already recorded). `body_error` is set when the body could not
    /// be read.
    fn answer(&self, req: &RecordedRequest, body_error: Option<String>) -> Response;
}

/// Records a request and hands it to the provider.
async fn handle<P: Provider>(State(provider): State<Arc<P>>, req: Request<Body>) -> Response {
    let (recorded, body_error) = RecordedRequest::read(req).await;
    lock(&provider.common().requests).push(recorded.clone());
    provider.answer(&recorded, body_error)
}

/// A running provider server on `127.0.0.1`. Stops when dropped.
pub struct Server<F> {
    addr: SocketAddr,
    common: Arc<Common<F>>,
    task: JoinHandle<()>,
}

impl<F> std::fmt::Debug for Server<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("addr", &self.addr).finish()
    }
}

impl<F: Send + 'static> Server<F> {
    /// Binds `127.0.0.1:0` and serves `provider` on the current tokio runtime.
    pub(crate) async fn start<P: Provider<Failure = F>>(provider: P) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let common = Arc::clone(provider.common());
        let router = axum::Router::new()
            .fallback(handle::<P>)
            .with_state(Arc::new(provider));
        let task = tokio::spawn(async move {
            // Serving ends only when the task is aborted on drop, or on a listener error,
            // which a test then sees as a refused connection.
            let _ = axum::serve(listener, router).await;
        });
        Ok(Server { addr, common, task })
    }

    /// Base URL of the server, `http://127.0.0.1:PORT`, without a trailing slash.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Makes the next token request fail with this documented error (queued: several calls
    /// fail that many requests, in order).
    pub fn fail_next(&self, failure: F) {
        lock(&self.common.failures).push_back(failure);
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.common.requests).clone()
    }

    /// The requests to the token endpoint's path.
    pub fn token_requests(&self) -> Vec<RecordedRequest> {
        let path = self.common.token_path;
        lock(&self.common.requests)
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }

    /// How many requests reached the token endpoint's path.
    pub fn token_request_count(&self) -> usize {
        self.token_requests().len()
    }

    /// Wire-format violations seen so far (each also answered with a 400). Empty when every
    /// request was well formed.
    pub fn violations(&self) -> Vec<String> {
        lock(&self.common.violations).clone()
    }

    /// The access tokens issued so far, in order.
    pub fn issued_tokens(&self) -> Vec<String> {
        lock(&self.common.issued).clone()
    }
}

impl<F> Drop for Server<F> {
    fn drop(&mut self) {
        self.task.abort();
    }
}
