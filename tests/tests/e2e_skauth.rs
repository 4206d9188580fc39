//! The `${API_URL}` provider ("skauth") end to end: the client generated from
//! `specs/skauth.yaml` against the server written by hand from its document
//! (`tokenspec_tests::servers::skauth`).

use std::time::Duration;

use tokenspec_core::ExposeSecret;
use tokenspec_tests::servers::{Server, skauth};
use tokenspec_tests::support::{assert_client, assert_send, http};

/// The provider's client, generated from the bundled spec.
#[tokenspec_core::token_client(spec = "../specs/skauth.yaml")]
struct Skauth;

/// A client whose `api_url` is the server's `/v1` (the document's `${API_URL}`): no
/// `base_url` override needed, the variable is the deployment's base.
fn client_with(server: &Server<skauth::Failure>, secret: &str) -> Skauth {
    Skauth::builder()
        .api_url(format!("{}/v1", server.url()))
        .client_id(skauth::CLIENT_ID)
        .client_secret(secret)
        .build()
        .expect("valid configuration")
}

fn client(server: &Server<skauth::Failure>) -> Skauth {
    client_with(server, skauth::CLIENT_SECRET)
}

#[test]
fn client_is_clone_send_sync_and_its_futures_are_send() {
    assert_client::<Skauth>();
    let skauth = Skauth::builder()
        .client_secret("s")
        .client_id("i")
        .api_url("http://127.0.0.1:9/v1")
        .build()
        .expect("valid configuration");
    drop(assert_send(skauth.fetch_token()));
    drop(assert_send(skauth.access_token()));
}

#[test]
fn plain_http_off_loopback_is_refused() {
    let error = Skauth::builder()
        .client_secret("s")
        .client_id("i")
        .api_url("http://api.example.com/v1")
        .build()
        .expect_err("plain http to a remote host");
    assert!(
        matches!(error, tokenspec_core::ConfigError::InsecureUrl { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn fetches_an_sk_token_with_form_credentials_and_no_grant_type() {
    let server = skauth::start().await.expect("server");
    let token = client(&server).fetch_token().await.expect("token");
    assert_eq!(server.violations(), Vec::<String>::new());
    let access = token.access_token.expose_secret();
    assert!(access.starts_with("sk-"), "opaque sk- token");
    assert_eq!(server.issued_tokens(), vec![access.to_owned()]);
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));
    assert_eq!(token.expires_in, Some(Duration::from_secs(3600)));

    let request = &server.token_requests()[0];
    assert_eq!(request.path, "/v1/auth/token");
    assert_eq!(
        request.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        request.form_value("grant_type"),
        None,
        "the document lists no grant_type"
    );
    assert_eq!(
        request.form_value("client_id").as_deref(),
        Some(skauth::CLIENT_ID)
    );
    assert_eq!(
        request.form_value("client_secret").as_deref(),
        Some(skauth::CLIENT_SECRET)
    );
}

#[tokio::test]
async fn data_as_a_json_string_is_accepted() {
    let server = skauth::start_with_string_data().await.expect("server");
    let token = client(&server).fetch_token().await.expect("token");
    assert_eq!(
        server.issued_tokens(),
        vec![token.access_token.expose_secret().to_owned()]
    );
    assert_eq!(token.expires_in, Some(Duration::from_secs(3600)));
}

#[tokio::test]
async fn every_documented_error_comes_back_as_its_variant() {
    let server = skauth::start().await.expect("server");
    let skauth = client(&server);
    type Check = fn(&SkauthError) -> bool;
    let cases: [(skauth::Failure, u16, Check); 7] = [
        (skauth::Failure::InvalidRequest, 400, |e| {
            matches!(e, SkauthError::InvalidRequest(_))
        }),
        (skauth::Failure::InvalidClient, 401, |e| {
            matches!(e, SkauthError::InvalidClient(_))
        }),
        (skauth::Failure::InvalidClientFlat, 401, |e| {
            matches!(e, SkauthError::InvalidClient(_))
        }),
        (skauth::Failure::Forbidden, 403, |e| {
            matches!(e, SkauthError::Forbidden(_))
        }),
        (skauth::Failure::NotFound, 404, |e| {
            matches!(e, SkauthError::NotFound(_))
        }),
        (skauth::Failure::ApiError, 500, |e| {
            matches!(e, SkauthError::ApiError(_))
        }),
        (skauth::Failure::ApiErrorFlat, 500, |e| {
            matches!(e, SkauthError::ApiError(_))
        }),
    ];
    for (failure, status, check) in cases {
        server.fail_next(failure);
        let error = skauth.fetch_token().await.expect_err("told to fail");
        assert!(check(&error), "{failure:?}: {error:?}");
        let provider = error.provider_error().expect("a provider error");
        assert_eq!(provider.status, status, "{failure:?}");
    }
    assert!(server.violations().is_empty(), "{:?}", server.violations());
}

#[tokio::test]
async fn error_envelopes_are_read_nested_flat_and_bare() {
    let server = skauth::start().await.expect("server");
    let skauth = client(&server);

    server.fail_next(skauth::Failure::ApiError);
    let nested = skauth.fetch_token().await.expect_err("500");
    let nested = nested.provider_error().expect("provider error").clone();
    assert_eq!(nested.code.as_deref(), Some("500999"));
    assert_eq!(
        nested.message.as_deref(),
        Some("Api Error, please contact customer service")
    );
    assert_eq!(nested.details.as_deref(), Some("API_ERROR"));

    server.fail_next(skauth::Failure::InvalidClientFlat);
    let flat = skauth.fetch_token().await.expect_err("401");
    let flat = flat.provider_error().expect("provider error").clone();
    assert_eq!(flat.code.as_deref(), Some("401021"));
    assert_eq!(flat.details.as_deref(), Some("invalid_client"));

    server.fail_next(skauth::Failure::Forbidden);
    let bare = skauth.fetch_token().await.expect_err("403");
    let bare = bare.provider_error().expect("provider error").clone();
    assert_eq!(
        bare.message.as_deref(),
        Some("Access forbidden for this resource.")
    );
    assert_eq!(bare.code, None);

    assert!(
        SkauthError::ApiError(nested).is_retryable(),
        "the spec marks 500999 retryable"
    );
}

#[tokio::test]
async fn wrong_secret_is_invalid_client() {
    let server = skauth::start().await.expect("server");
    let error = client_with(&server, "nope")
        .fetch_token()
        .await
        .expect_err("401");
    assert!(
        matches!(&error, SkauthError::InvalidClient(e) if e.status == 401),
        "{error:?}"
    );
}

#[tokio::test]
async fn access_token_is_cached_and_authorize_reaches_the_api() {
    let server = skauth::start().await.expect("server");
    let skauth = client(&server);
    for _ in 0..3 {
        skauth.access_token().await.expect("token");
    }
    assert_eq!(server.token_request_count(), 1);

    let http = http();
    let response = skauth
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
        format!("Bearer {}", server.issued_tokens()[0])
    );
}
