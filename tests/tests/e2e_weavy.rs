//! Weavy end to end: the client generated from `specs/weavy.yaml` against the server written
//! by hand from Weavy's document (`tokenspec_tests::servers::weavy`).

use std::time::Duration;

use tokenspec_core::{ConfigError, ExposeSecret};
use tokenspec_tests::servers::{Server, weavy};
use tokenspec_tests::support::{assert_client, assert_send, closed_url, http};

/// Weavy's client, generated from the bundled spec.
#[tokenspec_core::token_client(spec = "../specs/weavy.yaml")]
struct Weavy;

/// The spec's URL is `https://{host}/api/auth`; the local server speaks plain http, so the
/// base URL is overridden (scheme, host and port) and the path stays the spec's.
fn client_with(server: &Server<weavy::Failure>, secret: &str) -> Weavy {
    Weavy::builder()
        .host("weavy.example.com")
        .client_id(weavy::CLIENT_ID)
        .client_secret(secret)
        .base_url(server.url())
        .build()
        .expect("valid configuration")
}

fn client(server: &Server<weavy::Failure>) -> Weavy {
    client_with(server, weavy::CLIENT_SECRET)
}

#[test]
fn client_is_clone_send_sync_and_its_futures_are_send() {
    assert_client::<Weavy>();
    let weavy = Weavy::builder()
        .client_secret("s")
        .host("weavy.example.com")
        .client_id("i")
        .build()
        .expect("valid configuration");
    drop(assert_send(weavy.fetch_token()));
    drop(assert_send(weavy.access_token()));
}

#[tokio::test]
async fn fetches_a_token_with_a_client_credentials_form() {
    let server = weavy::start().await.expect("server");
    let token = client(&server).fetch_token().await.expect("token");
    assert_eq!(server.violations(), Vec::<String>::new());
    assert_eq!(
        server.issued_tokens(),
        vec![token.access_token.expose_secret().to_owned()]
    );
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));
    assert_eq!(token.expires_in, Some(Duration::from_secs(3600)));

    let request = &server.token_requests()[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, "/api/auth");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(request.header("authorization"), None);
    assert_eq!(
        request.form_value("grant_type").as_deref(),
        Some("client_credentials")
    );
    assert_eq!(
        request.form_value("client_id").as_deref(),
        Some(weavy::CLIENT_ID)
    );
    assert_eq!(
        request.form_value("client_secret").as_deref(),
        Some(weavy::CLIENT_SECRET)
    );
}

#[tokio::test]
async fn errors_come_back_as_their_rfc_6749_variants() {
    let server = weavy::start().await.expect("server");
    let error = client_with(&server, "wrong")
        .fetch_token()
        .await
        .expect_err("401");
    match &error {
        WeavyError::InvalidClient(e) => {
            assert_eq!(e.status, 401);
            assert_eq!(e.code.as_deref(), Some("invalid_client"));
            assert_eq!(e.message.as_deref(), Some("Invalid client credentials"));
        }
        other => panic!("expected InvalidClient, got {other:?}"),
    }

    let weavy = client(&server);
    server.fail_next(weavy::Failure::InvalidRequest);
    let error = weavy.fetch_token().await.expect_err("400");
    assert!(matches!(error, WeavyError::InvalidRequest(_)), "{error:?}");
    server.fail_next(weavy::Failure::UnsupportedGrantType);
    let error = weavy.fetch_token().await.expect_err("400");
    assert!(
        matches!(error, WeavyError::UnsupportedGrantType(_)),
        "{error:?}"
    );
    assert!(server.violations().is_empty(), "{:?}", server.violations());
}

#[tokio::test]
async fn access_token_is_cached_and_authorize_reaches_the_api() {
    let server = weavy::start().await.expect("server");
    let weavy = client(&server);
    let http = http();
    for _ in 0..3 {
        let response = weavy
            .authorize(http.get(format!("{}/api/echo", server.url())))
            .await
            .expect("authorized")
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status().as_u16(), 200);
    }
    assert_eq!(server.token_request_count(), 1);
    let echo = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/api/echo")
        .expect("seen");
    let token = &server.issued_tokens()[0];
    assert_eq!(
        echo.header("authorization"),
        Some(format!("Bearer {token}").as_str())
    );

    let error = weavy
        .authorize(http.get("https://other-weavy.example.com/api/users"))
        .await
        .expect_err("another deployment");
    assert!(
        matches!(
            error,
            WeavyError::Config(ConfigError::HostNotAllowed { .. })
        ),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let weavy = Weavy::builder()
        .host("weavy.example.com")
        .client_id(weavy::CLIENT_ID)
        .client_secret(weavy::CLIENT_SECRET)
        .base_url(closed_url().await.expect("port"))
        .build()
        .expect("valid configuration");
    let error = weavy.fetch_token().await.expect_err("nothing listens");
    assert!(matches!(error, WeavyError::Transport(_)), "{error:?}");
}
