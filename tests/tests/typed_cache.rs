//! The typed cached token: `cached_token()` and `with_cached_token` give the spec's typed
//! token, with its `response.fields`, from the cache (no request on a hit), renewed with
//! the token; setters take `&str`, `String` and `SecretString`. Against a token server on
//! loopback that numbers its tokens, so each renewal's fields differ.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::routing::post;
use serde_json::{Value, json};
use tokenspec_core::clock::ManualClock;
use tokenspec_core::{ExposeSecret, SecretString};

/// The client of `typed/sforce.yaml`: `instance_url`, `signature` and `serial` on its token.
#[tokenspec_core::token_client(spec = "tests/typed/sforce.yaml")]
struct Sforce;

const CLIENT_ID: &str = "typed-client";
const CLIENT_SECRET: &str = "typed-secret-value";

/// A token server: token `n` (from 1) is `token-n`, on instance `https://na-n.sforce.example`,
/// lasting an hour; it records each request's form body.
struct TokenServer {
    url: String,
    state: Arc<Served>,
}

#[derive(Default)]
struct Served {
    count: AtomicUsize,
    bodies: Mutex<Vec<String>>,
}

impl TokenServer {
    async fn start() -> TokenServer {
        let state = Arc::new(Served::default());
        let app = axum::Router::new()
            .route("/services/oauth2/token", post(issue))
            .with_state(Arc::clone(&state));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind a loopback port");
        let addr = listener.local_addr().expect("local address");
        tokio::spawn(async move { axum::serve(listener, app).await });
        TokenServer {
            url: format!("http://{addr}"),
            state,
        }
    }

    fn requests(&self) -> usize {
        self.state.count.load(Ordering::SeqCst)
    }

    fn bodies(&self) -> Vec<String> {
        self.state.bodies.lock().expect("not poisoned").clone()
    }
}

async fn issue(State(state): State<Arc<Served>>, body: String) -> axum::Json<Value> {
    state.bodies.lock().expect("not poisoned").push(body);
    let n = state.count.fetch_add(1, Ordering::SeqCst) + 1;
    axum::Json(json!({
        "access_token": format!("token-{n}"),
        "token_type": "Bearer",
        "expires_in": 3600,
        "instance_url": format!("https://na-{n}.sforce.example"),
        "signature": format!("sig-{n}"),
        "meta": { "serial": n },
    }))
}

fn client(server: &TokenServer, clock: &ManualClock) -> Sforce {
    Sforce::builder()
        .client_id(CLIENT_ID)
        .client_secret(CLIENT_SECRET.to_owned())
        .base_url(&server.url)
        .clock(clock.clone())
        .build()
        .expect("valid configuration")
}

#[tokio::test]
async fn the_cached_token_has_the_typed_fields_without_another_request() {
    let server = TokenServer::start().await;
    let sforce = client(&server, &ManualClock::new());

    let token = sforce.cached_token().await.expect("a token");
    assert_eq!(token.instance_url, "https://na-1.sforce.example");
    assert_eq!(token.serial, 1);
    assert_eq!(
        token.signature.as_ref().map(|s| s.expose_secret()),
        Some("sig-1")
    );
    assert_eq!(token.access_token.expose_secret(), "token-1");
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));
    assert_eq!(server.requests(), 1);

    // Every later read is served from the cache: owned, borrowed, untyped, from a clone.
    let again = sforce.cached_token().await.expect("a token");
    assert!(Arc::ptr_eq(&token, &again), "the same typed token, shared");
    let url = sforce
        .with_cached_token(|t| t.instance_url.clone())
        .await
        .expect("a token");
    assert_eq!(url, "https://na-1.sforce.example");
    let untyped = sforce.clone().access_token().await.expect("a token");
    assert_eq!(untyped.expose_secret(), token.access_token.expose_secret());
    assert_eq!(server.requests(), 1, "no request on a cache hit");
}

#[tokio::test]
async fn the_typed_fields_are_renewed_with_the_token() {
    let server = TokenServer::start().await;
    let clock = ManualClock::new();
    let sforce = client(&server, &clock);
    let first = sforce.cached_token().await.expect("a token");
    assert_eq!(first.serial, 1);

    // Expired: the next read renews, and the typed token is the new one's.
    clock.advance(Duration::from_secs(3600));
    let second = sforce.cached_token().await.expect("a renewed token");
    assert_eq!(server.requests(), 2);
    assert_eq!(second.serial, 2);
    assert_eq!(second.instance_url, "https://na-2.sforce.example");
    assert_eq!(second.access_token.expose_secret(), "token-2");
    let borrowed = sforce
        .with_cached_token(|t| (t.serial, t.access_token.expose_secret().to_owned()))
        .await
        .expect("a token");
    assert_eq!(borrowed, (2, "token-2".to_owned()));
    // The owned handle of the old token still reads the old fields.
    assert_eq!(first.instance_url, "https://na-1.sforce.example");

    // Invalidated (the API rejected it): the typed token follows the untyped one.
    let untyped = sforce.access_token().await.expect("a token");
    assert_eq!(untyped.expose_secret(), "token-2");
    assert!(sforce.invalidate(&untyped));
    let third = sforce.cached_token().await.expect("a renewed token");
    assert_eq!((third.serial, server.requests()), (3, 3));

    // `fetch_token` always asks, and caches what it got, typed.
    let fetched = sforce.fetch_token().await.expect("a token");
    assert_eq!(fetched.serial, 4);
    let cached = sforce.cached_token().await.expect("a token");
    assert_eq!((cached.serial, server.requests()), (4, 4));
}

#[test]
fn the_blocking_client_has_the_owned_typed_token() {
    let server_runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let server = server_runtime.block_on(TokenServer::start());
    let sforce = client(&server, &ManualClock::new())
        .into_blocking()
        .expect("a blocking client");
    let token = sforce.cached_token().expect("a token");
    assert_eq!(token.instance_url, "https://na-1.sforce.example");
    assert_eq!(sforce.cached_token().expect("a token").serial, 1);
    assert_eq!(server.requests(), 1);
}

#[tokio::test]
async fn setters_take_str_string_and_secret_string() {
    let server = TokenServer::start().await;
    let owned_id = CLIENT_ID.to_owned();
    let from_vault = SecretString::from(CLIENT_SECRET);
    let by_secret = Sforce::builder()
        .client_id(&owned_id)
        .client_secret(from_vault)
        .base_url(server.url.as_str())
        .build()
        .expect("valid configuration");
    let held = SecretString::from(CLIENT_SECRET);
    let by_ref = Sforce::builder()
        .client_id(std::borrow::Cow::Borrowed(CLIENT_ID))
        .client_secret(&held)
        .base_url(server.url.clone())
        .build()
        .expect("valid configuration");
    // Neither the builder's nor the client's `Debug` shows the secret.
    let shown = format!("{:?} {by_secret:?}", Sforce::builder().client_secret(&held));
    assert!(!shown.contains(CLIENT_SECRET), "{shown}");

    by_secret.access_token().await.expect("a token");
    by_ref.access_token().await.expect("a token");
    let bodies = server.bodies();
    assert_eq!(bodies.len(), 2);
    for body in bodies {
        let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes())
            .into_owned()
            .collect();
        assert!(
            form.contains(&("client_id".to_owned(), CLIENT_ID.to_owned())),
            "{form:?}"
        );
        assert!(
            form.contains(&("client_secret".to_owned(), CLIENT_SECRET.to_owned())),
            "the secret set from a SecretString reaches the provider: {form:?}"
        );
    }
}
