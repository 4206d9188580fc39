//! Weir end to end: the client generated from `specs/weir.yaml` against the server written by
//! hand from Weir's document (`tokenspec_tests::servers::weir`), over real HTTP on loopback.

use std::time::Duration;

use base64::Engine as _;
use tokenspec_core::{ConfigError, ExposeSecret};
use tokenspec_tests::servers::{Server, weir};
use tokenspec_tests::support::{assert_client, assert_send, closed_url, http};

/// Weir's client, generated from the bundled spec.
#[tokenspec_core::token_client(spec = "../specs/weir.yaml")]
struct Weir;

fn client(server: &Server<weir::Failure>) -> Weir {
    Weir::builder()
        .client_id(weir::CLIENT_ID)
        .secret_key(weir::SECRET_KEY)
        .base_url(server.url())
        .build()
        .expect("valid configuration")
}

#[test]
fn client_is_clone_send_sync_and_its_futures_are_send() {
    assert_client::<Weir>();
    let weir = Weir::builder()
        .client_id("id")
        .secret_key("secret")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("valid configuration");
    // Never polled: only their types are checked.
    drop(assert_send(weir.fetch_token()));
    drop(assert_send(weir.access_token()));
    drop(assert_send(
        weir.authorize(http().get("http://127.0.0.1:9")),
    ));
}

#[tokio::test]
async fn fetches_a_token_with_basic_auth_and_no_body() {
    let server = weir::start().await.expect("server");
    let token = client(&server).fetch_token().await.expect("token");

    assert_eq!(server.violations(), Vec::<String>::new());
    assert_eq!(
        server.issued_tokens(),
        vec![token.access_token.expose_secret().to_owned()]
    );
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));
    assert_eq!(token.expires_in, Some(Duration::from_secs(3600)));
    assert!(token.expires_at().is_some());

    let requests = server.token_requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert!(request.body.is_empty(), "no body");
    // The document's btoa(`${clientId}:${secretKey}`): the raw pair, no form encoding.
    let pair = format!("{}:{}", weir::CLIENT_ID, weir::SECRET_KEY);
    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(pair)
    );
    assert_eq!(request.header("authorization"), Some(expected.as_str()));
}

#[tokio::test]
async fn wrong_credentials_are_invalid_credentials() {
    let server = weir::start().await.expect("server");
    let weir = Weir::builder()
        .client_id(weir::CLIENT_ID)
        .secret_key("not the secret")
        .base_url(server.url())
        .build()
        .expect("valid configuration");
    match weir.fetch_token().await {
        Err(WeirError::InvalidCredentials(e)) => {
            assert_eq!(e.status, 401);
            assert_eq!(e.code.as_deref(), Some("INVALID_CREDENTIALS"));
            assert_eq!(e.message.as_deref(), Some("Invalid client credentials"));
            assert_eq!(
                e.details.as_deref(),
                Some("The provided client ID or secret key is invalid")
            );
        }
        other => panic!("expected InvalidCredentials, got {other:?}"),
    }
    assert!(server.violations().is_empty(), "{:?}", server.violations());
}

#[tokio::test]
async fn documented_errors_come_back_as_their_variants() {
    let server = weir::start().await.expect("server");
    let weir = client(&server);

    server.fail_next(weir::Failure::InvalidCredentials);
    let error = weir.fetch_token().await.expect_err("401");
    assert!(
        matches!(error, WeirError::InvalidCredentials(_)),
        "{error:?}"
    );
    assert!(!error.is_retryable());

    server.fail_next(weir::Failure::RateLimitExceeded);
    let error = weir.fetch_token().await.expect_err("429");
    match &error {
        WeirError::RateLimitExceeded(e) => {
            assert_eq!(e.status, 429);
            assert_eq!(e.code.as_deref(), Some("RATE_LIMIT_EXCEEDED"));
        }
        other => panic!("expected RateLimitExceeded, got {other:?}"),
    }
    assert!(error.is_retryable(), "the spec marks the 429 worth a retry");
    assert!(error.to_string().contains("RATE_LIMIT_EXCEEDED"), "{error}");

    weir.fetch_token()
        .await
        .expect("the server fails only the requests it was told to");
}

#[tokio::test]
async fn the_client_keeps_to_ten_requests_a_minute() {
    let server = weir::start().await.expect("server");
    let weir = client(&server);
    for i in 0..weir::RATE_LIMIT {
        weir.fetch_token()
            .await
            .unwrap_or_else(|e| panic!("request {i}: {e}"));
    }
    let error = weir
        .fetch_token()
        .await
        .expect_err("the 11th request in a minute");
    assert!(matches!(error, WeirError::RateLimited(_)), "{error:?}");
    assert_eq!(
        server.token_request_count(),
        weir::RATE_LIMIT,
        "refused before sending"
    );
}

#[tokio::test]
async fn access_token_is_cached_and_shared_by_clones() {
    let server = weir::start().await.expect("server");
    let weir = client(&server);
    let first = weir.access_token().await.expect("token");
    let again = weir.access_token().await.expect("token");
    let clone = weir.clone();
    let from_clone = clone.access_token().await.expect("token");
    assert_eq!(server.token_request_count(), 1);
    assert_eq!(first.expose_secret(), again.expose_secret());
    assert_eq!(first.expose_secret(), from_clone.expose_secret());
    assert_eq!(first.token_type(), Some("Bearer"));

    // fetch_token bypasses the cache.
    weir.fetch_token().await.expect("token");
    assert_eq!(server.token_request_count(), 2);
}

#[tokio::test]
async fn authorize_adds_the_bearer_token_the_api_accepts() {
    let server = weir::start().await.expect("server");
    let weir = client(&server);
    let http = http();
    let request = weir
        .authorize(http.get(format!("{}/api/echo", server.url())))
        .await
        .expect("authorized");
    let response = request.send().await.expect("sent");
    assert_eq!(response.status().as_u16(), 200);
    let seen: serde_json::Value = response.json().await.expect("json");
    let token = &server.issued_tokens()[0];
    assert_eq!(seen["authorization"], format!("Bearer {token}"));
    assert_eq!(seen["authorization_count"], 1);
    assert_eq!(server.token_request_count(), 1);
}

#[tokio::test]
async fn authorize_refuses_a_host_the_token_may_not_go_to() {
    let server = weir::start().await.expect("server");
    let weir = client(&server);
    let http = http();
    let error = weir
        .authorize(http.get("https://elsewhere.example/api"))
        .await
        .expect_err("not an API host of Weir");
    assert!(
        matches!(&error, WeirError::Config(ConfigError::HostNotAllowed { host, .. }) if host == "elsewhere.example"),
        "{error:?}"
    );
    assert_eq!(
        server.requests().len(),
        0,
        "no token requested for a refused host"
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let weir = Weir::builder()
        .client_id(weir::CLIENT_ID)
        .secret_key(weir::SECRET_KEY)
        .base_url(closed_url().await.expect("port"))
        .build()
        .expect("valid configuration");
    let error = weir.fetch_token().await.expect_err("nothing listens");
    assert!(matches!(error, WeirError::Transport(_)), "{error:?}");
}

#[tokio::test]
async fn no_secret_shows_in_debug_or_errors() {
    let server = weir::start().await.expect("server");
    let weir = client(&server);
    let token = weir.fetch_token().await.expect("token");
    server.fail_next(weir::Failure::InvalidCredentials);
    let error = weir.fetch_token().await.expect_err("401");
    let issued = &server.issued_tokens()[0];
    for text in [
        format!("{weir:?}"),
        format!("{token:?}"),
        format!("{error:?}"),
        error.to_string(),
    ] {
        assert!(!text.contains(weir::SECRET_KEY), "{text}");
        assert!(!text.contains(issued.as_str()), "{text}");
    }
}
