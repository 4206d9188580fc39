//! The built-in clients (`tokenspec_core::providers`) end to end, one test per provider:
//! a token, a cached token applied to the server's protected route, one documented error.
//! The `e2e_<provider>` files test the same specs in depth through the attribute macro.

use tokenspec_core::providers::{
    Apimw, ApimwError, Skauth, SkauthError, Weavy, WeavyError, Weightron, WeightronError, Weir,
    WeirError,
};
use tokenspec_tests::servers::{Server, apimw, skauth, weavy, weightron, weir};
use tokenspec_tests::support::{assert_client, http};

#[test]
fn built_in_clients_are_clone_send_sync() {
    assert_client::<Weir>();
    assert_client::<Apimw>();
    assert_client::<Weightron>();
    assert_client::<Skauth>();
    assert_client::<Weavy>();
}

/// GETs `path` on the server through `authorize`, and checks that the API accepted the
/// token and that exactly one token was requested.
async fn api_accepts<F: Send + 'static>(
    server: &Server<F>,
    path: &str,
    authorize: impl AsyncFnOnce(
        tokenspec_core::reqwest::RequestBuilder,
    ) -> Result<tokenspec_core::reqwest::RequestBuilder, String>,
) {
    let request = authorize(http().get(format!("{}{path}", server.url())))
        .await
        .unwrap_or_else(|e| panic!("authorize: {e}"));
    let response = request.send().await.expect("sent");
    assert_eq!(response.status().as_u16(), 200, "{path}");
    assert_eq!(
        server.token_request_count(),
        1,
        "authorize fetched one token"
    );
    assert_eq!(server.violations(), Vec::<String>::new());
}

#[tokio::test]
async fn weir() {
    let server = weir::start().await.expect("server");
    let client = Weir::builder()
        .client_id(weir::CLIENT_ID)
        .secret_key(weir::SECRET_KEY)
        .base_url(server.url())
        .build()
        .expect("config");
    api_accepts(&server, "/api/echo", async |r| {
        client.authorize(r).await.map_err(|e| e.to_string())
    })
    .await;
    server.fail_next(weir::Failure::RateLimitExceeded);
    let error = client.fetch_token().await.expect_err("429");
    assert!(
        matches!(error, WeirError::RateLimitExceeded(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn apimw() {
    let server = apimw::start().await.expect("server");
    let client = Apimw::builder()
        .api_key(apimw::API_KEY)
        .api_secret(apimw::API_SECRET)
        .base_url(server.url())
        .build()
        .expect("config");
    api_accepts(&server, "/api/echo", async |r| {
        client.authorize(r).await.map_err(|e| e.to_string())
    })
    .await;
    server.fail_next(apimw::Failure::InvalidCredentials);
    let error = client.fetch_token().await.expect_err("401");
    assert!(
        matches!(error, ApimwError::InvalidCredentials(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn weightron() {
    let server = weightron::start().await.expect("server");
    let client = Weightron::builder()
        .client_id(weightron::CLIENT_ID)
        .client_secret(weightron::CLIENT_SECRET)
        .api_key(weightron::API_KEY)
        .base_url(server.url())
        .build()
        .expect("config");
    api_accepts(&server, "/access", async |r| {
        client.authorize(r).await.map_err(|e| e.to_string())
    })
    .await;
    server.fail_next(weightron::Failure::InvalidScope);
    let error = client.fetch_token().await.expect_err("400");
    assert!(
        matches!(error, WeightronError::InvalidScope(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn skauth() {
    let server = skauth::start_with_string_data().await.expect("server");
    let client = Skauth::builder()
        .api_url(format!("{}/v1", server.url()))
        .client_id(skauth::CLIENT_ID)
        .client_secret(skauth::CLIENT_SECRET)
        .build()
        .expect("config");
    api_accepts(&server, "/api/echo", async |r| {
        client.authorize(r).await.map_err(|e| e.to_string())
    })
    .await;
    let token = client.access_token().await.expect("cached");
    assert!(token.expose_secret().starts_with("sk-"));
    server.fail_next(skauth::Failure::NotFound);
    let error = client.fetch_token().await.expect_err("404");
    assert!(matches!(error, SkauthError::NotFound(_)), "{error:?}");
}

#[tokio::test]
async fn weavy() {
    let server = weavy::start().await.expect("server");
    let client = Weavy::builder()
        .host("weavy.example.com")
        .client_id(weavy::CLIENT_ID)
        .client_secret(weavy::CLIENT_SECRET)
        .base_url(server.url())
        .build()
        .expect("config");
    api_accepts(&server, "/api/echo", async |r| {
        client.authorize(r).await.map_err(|e| e.to_string())
    })
    .await;
    server.fail_next(weavy::Failure::InvalidClient);
    let error = client.fetch_token().await.expect_err("401");
    assert!(matches!(error, WeavyError::InvalidClient(_)), "{error:?}");
}
