//! Weightron end to end: the client generated from `specs/weightron.yaml` against the server
//! written by hand from Weightron's document (`tokenspec_tests::servers::weightron`).

use std::time::Duration;

use tokenspec_core::{ConfigError, ExposeSecret};
use tokenspec_tests::servers::{Server, weightron};
use tokenspec_tests::support::{assert_client, assert_send, http};

/// Weightron's client, generated from the bundled spec.
#[tokenspec_core::token_client(spec = "../specs/weightron.yaml")]
struct Weightron;

/// A client of `server` with this secret and, if given, this scope instead of the default.
fn client_with(
    server: &Server<weightron::Failure>,
    secret: &str,
    scope: Option<&str>,
) -> Weightron {
    let builder = Weightron::builder()
        .client_id(weightron::CLIENT_ID)
        .client_secret(secret)
        .api_key(weightron::API_KEY)
        .base_url(server.url());
    let builder = match scope {
        Some(scope) => builder.scope(scope),
        None => builder,
    };
    builder.build().expect("valid configuration")
}

fn client(server: &Server<weightron::Failure>) -> Weightron {
    client_with(server, weightron::CLIENT_SECRET, None)
}

#[test]
fn client_is_clone_send_sync_and_its_futures_are_send() {
    assert_client::<Weightron>();
    let weightron = Weightron::builder()
        .api_key("k")
        .client_secret("s")
        .client_id("i")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("valid configuration");
    drop(assert_send(weightron.fetch_token()));
    drop(assert_send(weightron.access_token()));
}

#[tokio::test]
async fn fetches_a_token_with_a_form_body_and_the_openid_scope() {
    let server = weightron::start().await.expect("server");
    let token = client(&server).fetch_token().await.expect("token");

    assert_eq!(server.violations(), Vec::<String>::new());
    assert_eq!(
        server.issued_tokens(),
        vec![token.access_token.expose_secret().to_owned()]
    );
    assert_eq!(
        token.expires_in,
        Some(Duration::from_secs(weightron::EXPIRES_IN))
    );
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));
    assert!(token.refresh_token.is_none(), "no offline_access asked");

    let request = &server.token_requests()[0];
    assert_eq!(request.method, "POST");
    assert_eq!(
        request.header("x-api-key"),
        None,
        "the API key is not for the token request"
    );
    let mut form = request.form();
    form.sort();
    let mut expected = vec![
        ("client_id".to_owned(), weightron::CLIENT_ID.to_owned()),
        (
            "client_secret".to_owned(),
            weightron::CLIENT_SECRET.to_owned(),
        ),
        ("grant_type".to_owned(), "client_credentials".to_owned()),
        ("scope".to_owned(), "openid".to_owned()),
    ];
    expected.sort();
    assert_eq!(form, expected);
}

#[tokio::test]
async fn offline_access_scope_brings_a_refresh_token() {
    let server = weightron::start().await.expect("server");
    let weightron = client_with(
        &server,
        weightron::CLIENT_SECRET,
        Some("openid offline_access"),
    );
    let token = weightron.fetch_token().await.expect("token");
    assert!(token.refresh_token.is_some());
    assert_eq!(
        server.token_requests()[0].form_value("scope").as_deref(),
        Some("openid offline_access")
    );
}

#[tokio::test]
async fn errors_come_back_as_their_rfc_6749_variants() {
    let server = weightron::start().await.expect("server");

    let weightron = client_with(&server, weightron::CLIENT_SECRET, Some("profile"));
    let error = weightron
        .fetch_token()
        .await
        .expect_err("not an accepted scope");
    match &error {
        WeightronError::InvalidScope(e) => {
            assert_eq!(e.status, 400);
            assert_eq!(e.code.as_deref(), Some("invalid_scope"));
        }
        other => panic!("expected InvalidScope, got {other:?}"),
    }

    let weightron = client_with(&server, "wrong", None);
    let error = weightron.fetch_token().await.expect_err("wrong secret");
    assert!(
        matches!(&error, WeightronError::InvalidClient(e) if e.status == 401),
        "{error:?}"
    );

    let weightron = client(&server);
    for (failure, check) in [
        (
            weightron::Failure::InvalidClient,
            (|e| matches!(e, WeightronError::InvalidClient(_))) as fn(&WeightronError) -> bool,
        ),
        (weightron::Failure::InvalidScope, |e| {
            matches!(e, WeightronError::InvalidScope(_))
        }),
        (weightron::Failure::InvalidRequest, |e| {
            matches!(e, WeightronError::InvalidRequest(_))
        }),
        (weightron::Failure::UnsupportedGrantType, |e| {
            matches!(e, WeightronError::UnsupportedGrantType(_))
        }),
    ] {
        server.fail_next(failure);
        let error = weightron.fetch_token().await.expect_err("told to fail");
        assert!(check(&error), "{failure:?}: {error:?}");
    }
    assert!(server.violations().is_empty(), "{:?}", server.violations());
}

#[tokio::test]
async fn authorize_sends_the_bearer_token_and_the_api_key_to_access() {
    let server = weightron::start().await.expect("server");
    let weightron = client(&server);
    let http = http();

    let response = weightron
        .authorize(http.get(format!("{}/access", server.url())))
        .await
        .expect("authorized")
        .send()
        .await
        .expect("sent");
    assert_eq!(
        response.status().as_u16(),
        200,
        "/access needs both headers"
    );
    let body: serde_json::Value = response.json().await.expect("json");
    assert_eq!(body["data"][0]["_id"], "66840a91a752c27bf3c886f2");

    let access = server
        .requests()
        .into_iter()
        .find(|r| r.path == "/access")
        .expect("seen");
    let token = &server.issued_tokens()[0];
    assert_eq!(
        access.header("authorization"),
        Some(format!("Bearer {token}").as_str())
    );
    assert_eq!(access.header("x-api-key"), Some(weightron::API_KEY));

    // Cached: the second API call needs no new token.
    let again = weightron
        .authorize(http.get(format!("{}/access", server.url())))
        .await
        .expect("authorized")
        .send()
        .await
        .expect("sent");
    assert_eq!(again.status().as_u16(), 200);
    assert_eq!(server.token_request_count(), 1);
}

#[tokio::test]
async fn the_token_host_is_not_an_api_host() {
    let server = weightron::start().await.expect("server");
    let weightron = client(&server);
    let http = http();
    // The spec sends the token to api.weightron.cloud only, not to the auth host.
    let error = weightron
        .authorize(http.get("https://auth.weightron.cloud/access"))
        .await
        .expect_err("refused");
    assert!(
        matches!(&error, WeightronError::Config(ConfigError::HostNotAllowed { host, .. }) if host == "auth.weightron.cloud"),
        "{error:?}"
    );
    assert_eq!(server.requests().len(), 0);
}
