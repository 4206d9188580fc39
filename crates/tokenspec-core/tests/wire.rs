//! The token request on the wire: placements, encodings, URLs.

mod common;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use common::{Reply, builder, bundled, oauth_token, plan, serve};
use serde_json::json;

fn weir_ok() -> Reply {
    Reply::json(
        200,
        json!({"status": "success", "data": {"accessToken": "wt-1", "tokenType": "Bearer", "expiresIn": 3600}}),
    )
}

#[tokio::test]
async fn weir_basic_header_without_form_encoding_and_no_body() {
    let server = serve(|_, _| weir_ok()).await;
    let plan = bundled("weir");
    let engine = builder(&plan, &[("client_id", "my id"), ("secret_key", "se:cr/et")])
        .base_url(server.url.clone())
        .build()
        .unwrap();
    let token = engine.fetch_token().await.unwrap();
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));
    let req = server.only();
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/auth/token");
    let expected = format!("Basic {}", STANDARD.encode("my id:se:cr/et"));
    assert_eq!(req.header("authorization"), Some(expected.as_str()));
    assert_eq!(req.header("content-type"), Some("application/json"));
    assert!(req.body.is_empty());
}

#[tokio::test]
async fn basic_header_with_rfc6749_form_encoding() {
    let server = serve(|_, _| oauth_token("t", 60)).await;
    let plan = plan(
        r#"
tokenspec: 1
name: acme
style: oauth2
token:
  url: https://auth.acme.example/oauth/token
credentials:
  client_id: { in: basic-user, secret: false }
  client_secret: { in: basic-password }
"#,
    );
    assert!(plan.basic_form_encode);
    let engine = builder(
        &plan,
        &[("client_id", "a b:c"), ("client_secret", "p@ss/w:rd+é")],
    )
    .base_url(server.url.clone())
    .build()
    .unwrap();
    engine.fetch_token().await.unwrap();
    let req = server.only();
    let expected = format!(
        "Basic {}",
        STANDARD.encode("a+b%3Ac:p%40ss%2Fw%3Ard%2B%C3%A9")
    );
    assert_eq!(req.header("authorization"), Some(expected.as_str()));
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.body_str(), "grant_type=client_credentials");
}

#[tokio::test]
async fn apimw_json_body() {
    let server = serve(|_, _| {
        Reply::json(
            200,
            json!({"success": true, "data": {"access_token": "at", "token_type": "Bearer",
                   "expires_in": 3600, "refresh_token": "rt"}}),
        )
    })
    .await;
    let plan = bundled("apimw");
    let engine = builder(&plan, &[("api_key", "k\"1"), ("api_secret", "s2")])
        .base_url(server.url.clone())
        .build()
        .unwrap();
    let token = engine.fetch_token().await.unwrap();
    assert!(token.refresh_token.is_some());
    let req = server.only();
    assert_eq!(req.path, "/v1/auth/token");
    assert_eq!(req.header("content-type"), Some("application/json"));
    let body: serde_json::Value = serde_json::from_slice(&req.body).unwrap();
    assert_eq!(body, json!({"api_key": "k\"1", "api_secret": "s2"}));
}

#[tokio::test]
async fn skauth_form_body_and_templated_url() {
    let server = serve(|_, _| {
        Reply::json(
            200,
            json!({"data": {"access_token": "sk-1", "token_type": "Bearer", "expires_in": 7200}}),
        )
    })
    .await;
    let plan = bundled("skauth");
    let engine = builder(
        &plan,
        &[
            ("api_url", &format!("{}/v1/", server.url)),
            ("client_id", "id&1"),
            ("client_secret", "s=2 3"),
        ],
    )
    .build()
    .unwrap();
    let token = engine.fetch_token().await.unwrap();
    assert_eq!(token.expires_in, Some(std::time::Duration::from_secs(7200)));
    let req = server.only();
    assert_eq!(req.path, "/v1/auth/token");
    assert_eq!(
        req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(req.body_str(), "client_id=id%261&client_secret=s%3D2+3");
}

#[tokio::test]
async fn weavy_host_variable_with_base_url_override() {
    let server = serve(|_, _| oauth_token("w", 60)).await;
    let plan = bundled("weavy");
    let engine = builder(
        &plan,
        &[
            ("host", "weavy.example.com"),
            ("client_id", "i"),
            ("client_secret", "s"),
        ],
    )
    .base_url(format!("{}/prefix/", server.url))
    .build()
    .unwrap();
    engine.fetch_token().await.unwrap();
    let req = server.only();
    assert_eq!(req.path, "/prefix/api/auth");
    assert_eq!(
        req.body_str(),
        "grant_type=client_credentials&client_id=i&client_secret=s"
    );
}

#[tokio::test]
async fn weightron_scope_default_and_override() {
    let server = serve(|_, _| oauth_token("w", 300)).await;
    let plan = bundled("weightron");
    let values = [("client_id", "i"), ("client_secret", "s"), ("api_key", "k")];
    let engine = builder(&plan, &values)
        .base_url(server.url.clone())
        .build()
        .unwrap();
    engine.fetch_token().await.unwrap();
    let engine = builder(&plan, &values)
        .set(plan.slot_index("scope").unwrap(), "openid offline_access")
        .base_url(server.url.clone())
        .build()
        .unwrap();
    engine.fetch_token().await.unwrap();
    let reqs = server.requests();
    assert!(
        reqs[0].body_str().contains("scope=openid"),
        "{}",
        reqs[0].body_str()
    );
    assert!(reqs[1].body_str().contains("scope=openid+offline_access"));
    // The API key goes to API calls, never to the token endpoint.
    assert!(!reqs[0].body_str().contains("api_key"));
    assert!(reqs[0].header("x-api-key").is_none());
}

#[tokio::test]
async fn query_and_header_placements() {
    let server = serve(|_, _| oauth_token("t", 60)).await;
    let plan = plan(
        r#"
tokenspec: 1
name: acme
token:
  url: https://auth.acme.example/oauth/token
  method: GET
  body: none
  headers:
    X-Fixed: one
  params:
    audience: { value: "api x", in: query }
credentials:
  client_id: { in: query, secret: false }
  client_secret: { in: header, name: X-Client-Secret }
response:
  token: access_token
"#,
    );
    let engine = builder(&plan, &[("client_id", "a&b"), ("client_secret", "s3")])
        .base_url(server.url.clone())
        .build()
        .unwrap();
    engine.fetch_token().await.unwrap();
    let req = server.only();
    assert_eq!(req.method, "GET");
    let query = req.query.clone().unwrap_or_default();
    assert!(query.contains("audience=api+x"), "{query}");
    assert!(query.contains("client_id=a%26b"), "{query}");
    assert_eq!(req.header("x-client-secret"), Some("s3"));
    assert_eq!(req.header("x-fixed"), Some("one"));
    assert!(req.body.is_empty());
}

#[tokio::test]
async fn redirects_are_not_followed() {
    let server = serve(|req, _| {
        if req.path == "/auth/token" {
            Reply::text(302, "").header("location", "/elsewhere")
        } else {
            weir_ok()
        }
    })
    .await;
    let plan = bundled("weir");
    let engine = builder(&plan, &[("client_id", "i"), ("secret_key", "s")])
        .base_url(server.url.clone())
        .build()
        .unwrap();
    let err = engine.fetch_token().await.unwrap_err();
    assert_eq!(server.count(), 1, "the redirect was followed");
    match err {
        tokenspec_core::__private::EngineError::Unexpected(u) => assert_eq!(u.status, 302),
        other => panic!("expected Unexpected, got {other:?}"),
    }
}
