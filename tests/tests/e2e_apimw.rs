//! APIMW end to end: the client generated from `specs/apimw.yaml` against the server written
//! by hand from APIMW's document (`tokenspec_tests::servers::apimw`), over real HTTP.

use std::time::Duration;

use serde_json::json;
use tokenspec_core::{ConfigError, ExposeSecret};
use tokenspec_tests::servers::{Server, apimw};
use tokenspec_tests::support::{assert_client, assert_send, http};

/// APIMW's client, generated from the bundled spec.
#[tokenspec_core::token_client(spec = "../specs/apimw.yaml")]
struct Apimw;

fn client(server: &Server<apimw::Failure>) -> Apimw {
    Apimw::builder()
        .api_key(apimw::API_KEY)
        .api_secret(apimw::API_SECRET)
        .base_url(server.url())
        .build()
        .expect("valid configuration")
}

#[test]
fn client_is_clone_send_sync_and_its_futures_are_send() {
    assert_client::<Apimw>();
    let apimw = Apimw::builder()
        .api_key("k")
        .api_secret("s")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("valid configuration");
    drop(assert_send(apimw.fetch_token()));
    drop(assert_send(apimw.access_token()));
}

#[tokio::test]
async fn fetches_a_token_with_a_json_body() {
    let server = apimw::start().await.expect("server");
    let token = client(&server).fetch_token().await.expect("token");

    assert_eq!(server.violations(), Vec::<String>::new());
    assert_eq!(
        server.issued_tokens(),
        vec![token.access_token.expose_secret().to_owned()]
    );
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));
    assert_eq!(token.expires_in, Some(Duration::from_secs(3600)));
    let refresh = token.refresh_token.as_ref().expect("refresh token");
    assert_eq!(refresh.expose_secret(), "rt_abc123xyz456");

    let request = &server.token_requests()[0];
    assert_eq!(request.method, "POST");
    assert_eq!(request.path, apimw::TOKEN_PATH);
    assert_eq!(request.header("content-type"), Some("application/json"));
    assert_eq!(request.header("authorization"), None);
    // The secret's quote and backslash arrive intact through JSON escaping.
    assert_eq!(
        request.json(),
        Some(json!({ "api_key": apimw::API_KEY, "api_secret": apimw::API_SECRET }))
    );
}

#[tokio::test]
async fn invalid_credentials_is_its_variant() {
    let server = apimw::start().await.expect("server");
    let apimw = Apimw::builder()
        .api_key(apimw::API_KEY)
        .api_secret("wrong")
        .base_url(server.url())
        .build()
        .expect("valid configuration");
    match apimw.fetch_token().await {
        Err(ApimwError::InvalidCredentials(e)) => {
            assert_eq!(e.status, 401);
            assert_eq!(e.code.as_deref(), Some("INVALID_CREDENTIALS"));
            assert_eq!(e.message.as_deref(), Some("Invalid API Key or Secret"));
        }
        other => panic!("expected InvalidCredentials, got {other:?}"),
    }

    let apimw = client(&server);
    server.fail_next(apimw::Failure::InvalidCredentials);
    let error = apimw.fetch_token().await.expect_err("401");
    assert!(
        matches!(error, ApimwError::InvalidCredentials(_)),
        "{error:?}"
    );
    assert!(server.violations().is_empty(), "{:?}", server.violations());
}

#[tokio::test]
async fn access_token_is_cached_and_authorize_reaches_the_api() {
    let server = apimw::start().await.expect("server");
    let apimw = client(&server);
    let first = apimw.access_token().await.expect("token");
    let second = apimw.clone().access_token().await.expect("token");
    assert_eq!(first.expose_secret(), second.expose_secret());
    assert_eq!(server.token_request_count(), 1);

    let http = http();
    let response = apimw
        .authorize(http.get(format!("{}/api/echo", server.url())))
        .await
        .expect("authorized")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status().as_u16(), 200);
    let seen: serde_json::Value = response.json().await.expect("json");
    assert_eq!(
        seen["authorization"],
        format!("Bearer {}", first.expose_secret())
    );
    assert_eq!(
        server.token_request_count(),
        1,
        "authorize used the cached token"
    );

    let error = apimw
        .authorize(http.get("https://api.apimw.example.org/v1/things"))
        .await
        .expect_err("not an APIMW host");
    assert!(
        matches!(
            error,
            ApimwError::Config(ConfigError::HostNotAllowed { .. })
        ),
        "{error:?}"
    );
}
