//! A fake API on loopback for the tests of the API adapters (`send_authorized`, the reqwest
//! middleware, the tower layer): it records every request's path and headers and answers by
//! path.
//!
//! - `/ok`: 200;
//! - `/reject-first`: 401 to its first request, 200 after;
//! - `/reject`: always 401;
//! - `/away?to=<url>`: 307 to `<url>`.

use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use tokenspec_core::providers::Weightron;
use tokenspec_core::testing::{MockProvider, MockServer};

/// The API key the adapters' tests give Weightron's client (its `x-api-key` API header).
pub const API_KEY: &str = "key-abc-123";

/// A mock Weightron token endpoint, a fake API, and [`weightron`]'s client allowed to send
/// its token to the API's host and port.
///
/// # Panics
/// If a server cannot start.
pub async fn weightron_and_api() -> (MockServer, Api, Weightron) {
    let mock = MockProvider::for_plan(Weightron::plan())
        .start()
        .await
        .expect("mock");
    let api = Api::start().await.expect("api");
    let client = weightron(&mock, &format!("127.0.0.1:{}", api.port));
    (mock, api, client)
}

/// Weightron's built-in client on the mock token endpoint `mock`, which may send its token to
/// `allow` (`host` or `host:port`) besides the mock's own origin.
///
/// # Panics
/// If the configuration is refused (a bad `allow`).
pub fn weightron(mock: &MockServer, allow: &str) -> Weightron {
    Weightron::builder()
        .client_id(mock.credential("client_id").unwrap_or("id"))
        .client_secret(mock.credential("client_secret").unwrap_or("s"))
        .api_key(API_KEY)
        .base_url(mock.base_url())
        .allow_host(allow)
        .build()
        .expect("valid configuration")
}

/// One request the API received.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Its path.
    pub path: String,
    /// Its headers.
    pub headers: HeaderMap,
}

impl Seen {
    /// A header's value, if it is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The bearer token of its `Authorization` header.
    pub fn bearer(&self) -> Option<&str> {
        self.header("authorization")?.strip_prefix("Bearer ")
    }
}

/// A running fake API; dropping it stops the server.
pub struct Api {
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    /// Its port.
    pub port: u16,
    seen: Arc<Mutex<Vec<Seen>>>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for Api {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl Api {
    /// Starts an API on a free loopback port.
    ///
    /// # Errors
    /// When no port can be bound.
    pub async fn start() -> std::io::Result<Api> {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
        let addr = listener.local_addr()?;
        let seen = Arc::new(Mutex::new(Vec::new()));
        let app = Router::new().fallback(answer).with_state(Arc::clone(&seen));
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Api {
            url: format!("http://{addr}"),
            port: addr.port(),
            seen,
            task,
        })
    }

    /// Every request received, in order.
    pub fn seen(&self) -> Vec<Seen> {
        self.seen
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// How many requests went to `path`.
    pub fn count(&self, path: &str) -> usize {
        self.seen().iter().filter(|s| s.path == path).count()
    }
}

async fn answer(
    State(seen): State<Arc<Mutex<Vec<Seen>>>>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let path = uri.path().to_owned();
    let to = url::form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes())
        .find(|(k, _)| k == "to")
        .map(|(_, v)| v.into_owned());
    let earlier = {
        let mut seen = seen.lock().unwrap_or_else(PoisonError::into_inner);
        let earlier = seen.iter().filter(|s| s.path == path).count();
        seen.push(Seen {
            path: path.clone(),
            headers,
        });
        earlier
    };
    match (path.as_str(), to) {
        ("/reject", _) => StatusCode::UNAUTHORIZED.into_response(),
        ("/reject-first", _) if earlier == 0 => StatusCode::UNAUTHORIZED.into_response(),
        ("/away", Some(to)) => {
            (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, to)]).into_response()
        }
        _ => (StatusCode::OK, "ok").into_response(),
    }
}
