//! Test harness: plans loaded from YAML, and a recording axum server on 127.0.0.1:0.
#![allow(dead_code)] // each test file uses a different part

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, Uri};
use axum::response::IntoResponse;
use tokenspec_core::__private::{Builder, Plan};

/// Loads a spec from YAML text, panicking with the rendered diagnostics.
pub fn plan(yaml: &str) -> Arc<Plan> {
    match tokenspec_spec::load(yaml, "test.yaml") {
        Ok(spec) => Arc::new(spec.plan),
        Err(d) => panic!("bad test spec:\n{d:?}"),
    }
}

/// Loads one of the bundled specs in `specs/`.
pub fn bundled(name: &str) -> Arc<Plan> {
    let path = format!("{}/../../specs/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    plan(&std::fs::read_to_string(path).expect("bundled spec"))
}

/// A builder with slots set by name.
pub fn builder(plan: &Arc<Plan>, values: &[(&str, &str)]) -> Builder {
    let mut b = Builder::from_shared(plan.clone());
    for (name, value) in values {
        let i = plan
            .slot_index(name)
            .unwrap_or_else(|| panic!("no slot {name}"));
        b = b.set(i, (*value).to_owned());
    }
    b
}

/// A request the server received.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: Method,
    pub path: String,
    pub query: Option<String>,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn body_str(&self) -> &str {
        std::str::from_utf8(&self.body).expect("utf-8 body")
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    pub delay: Duration,
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Reply {
        Reply {
            status,
            headers: vec![("content-type", "application/json".to_owned())],
            body: body.to_string().into_bytes(),
            delay: Duration::ZERO,
        }
    }

    pub fn text(status: u16, body: &str) -> Reply {
        Reply {
            status,
            headers: vec![("content-type", "text/plain".to_owned())],
            body: body.as_bytes().to_vec(),
            delay: Duration::ZERO,
        }
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_owned()));
        self
    }

    pub fn delay(mut self, delay: Duration) -> Reply {
        self.delay = delay;
        self
    }
}

/// A running server: its base URL and everything it received.
pub struct Server {
    pub url: String,
    pub port: u16,
    requests: Arc<Mutex<Vec<Recorded>>>,
}

impl Server {
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    pub fn only(&self) -> Recorded {
        let all = self.requests();
        assert_eq!(all.len(), 1, "expected exactly one request: {all:?}");
        all.into_iter().next().unwrap()
    }
}

/// Starts a server that records every request and answers with `reply(request, index)`.
pub async fn serve(reply: impl Fn(&Recorded, usize) -> Reply + Send + Sync + 'static) -> Server {
    let requests: Arc<Mutex<Vec<Recorded>>> = Arc::default();
    let reply = Arc::new(reply);
    let seen = requests.clone();
    let app = Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let seen = seen.clone();
            let reply = reply.clone();
            async move {
                let recorded = Recorded {
                    method,
                    path: uri.path().to_owned(),
                    query: uri.query().map(str::to_owned),
                    headers,
                    body: body.to_vec(),
                };
                let index = {
                    let mut all = seen.lock().unwrap();
                    all.push(recorded.clone());
                    all.len() - 1
                };
                let r = reply(&recorded, index);
                tokio::time::sleep(r.delay).await;
                let mut headers = HeaderMap::new();
                for (name, value) in &r.headers {
                    headers.append(
                        HeaderName::from_static(name),
                        HeaderValue::from_str(value).unwrap(),
                    );
                }
                (StatusCode::from_u16(r.status).unwrap(), headers, r.body).into_response()
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move { axum::serve(listener, app).await });
    Server {
        url: format!("http://127.0.0.1:{port}"),
        port,
        requests,
    }
}

/// A plain OAuth 2 token response.
pub fn oauth_token(token: &str, expires_in: u64) -> Reply {
    Reply::json(
        200,
        serde_json::json!({"access_token": token, "token_type": "Bearer", "expires_in": expires_in}),
    )
}

/// An RFC 6749 client-credentials spec with form credentials.
pub const ACME: &str = r#"
tokenspec: 1
name: acme
style: oauth2
token:
  url: https://auth.acme.example/token
credentials:
  client_id: { in: form, secret: false }
  client_secret: { in: form }
"#;

/// [`ACME`] with a refresh grant.
pub fn acme_refreshing() -> String {
    format!(
        "{ACME}refresh:\n  params:\n    grant_type: refresh_token\n  token_param: refresh_token\n"
    )
}

/// A Weir token response: token `wt-N`.
pub fn weir_token(n: usize, expires_in: u64) -> Reply {
    Reply::json(
        200,
        serde_json::json!({"status": "success", "data": {"accessToken": format!("wt-{n}"), "expiresIn": expires_in}}),
    )
}

/// A server answering `reply(index)` and a Weir engine pointed at it, configured further.
pub async fn weir_engine_with(
    reply: impl Fn(usize) -> Reply + Send + Sync + 'static,
    configure: impl FnOnce(Builder) -> Builder,
) -> (Server, tokenspec_core::__private::Engine) {
    let server = serve(move |_, i| reply(i)).await;
    let engine = configure(weir_builder(&server.url)).build().unwrap();
    (server, engine)
}

/// A Weir builder with credentials, pointed at `url`.
pub fn weir_builder(url: &str) -> Builder {
    builder(&bundled("weir"), &[("client_id", "i"), ("secret_key", "s")]).base_url(url.to_owned())
}

/// Waits until `done()` holds (a background renewal landing), checking every few
/// milliseconds; panics after 10 s, which only a hang reaches.
pub async fn eventually(what: &str, mut done: impl FnMut() -> bool) {
    let start = std::time::Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// Polls `engine.access_token()` until it returns `token`: a background renewal has landed.
pub async fn serves(engine: &tokenspec_core::__private::Engine, token: &str) {
    let start = std::time::Instant::now();
    loop {
        if engine.access_token().await.unwrap().expose_secret() == token {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "still not serving {token}"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
}

/// Everything the tracing subscriber wrote, at TRACE level, for the whole test binary (the
/// subscriber is global: renewals log from tasks on the runtime's threads).
pub fn captured() -> Arc<Mutex<Vec<u8>>> {
    static LOG: std::sync::OnceLock<Arc<Mutex<Vec<u8>>>> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let log: Arc<Mutex<Vec<u8>>> = Arc::default();
        let sink = log.clone();
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || Sink(sink.clone()))
            .init();
        log
    })
    .clone()
}

/// The captured log as text.
pub fn log_text() -> String {
    String::from_utf8_lossy(&captured().lock().unwrap()).into_owned()
}

struct Sink(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
