//! Building clients, `from_env`, `authorize`, and secrets kept out of every output.

mod common;

use common::{Reply, builder, bundled, oauth_token, serve};
use serde_json::json;
use tokenspec_core::__private::{Builder, EngineError};
use tokenspec_core::ConfigError;

const SECRET: &str = "s3cr3t-VALUE";

#[test]
fn build_requires_every_required_slot() {
    let plan = bundled("weir");
    let err = builder(&plan, &[("client_id", "i")]).build().unwrap_err();
    assert_eq!(
        err,
        ConfigError::MissingValue {
            setter: "secret_key".into()
        }
    );
}

#[test]
fn build_refuses_plain_http_off_loopback_and_bad_urls() {
    let plan = bundled("weir");
    let b = || builder(&plan, &[("client_id", "i"), ("secret_key", "s")]);
    assert_eq!(
        b().base_url("http://api.example.com".into())
            .build()
            .unwrap_err(),
        ConfigError::InsecureUrl {
            host: "api.example.com".into()
        }
    );
    assert!(matches!(
        b().base_url("not a url".into()).build(),
        Err(ConfigError::InvalidUrl { .. })
    ));
    assert!(b().base_url("http://localhost:9".into()).build().is_ok());
    let skauth = bundled("skauth");
    let err = builder(
        &skauth,
        &[
            ("api_url", "http://evil.example/v1"),
            ("client_id", "i"),
            ("client_secret", "s"),
        ],
    )
    .build()
    .unwrap_err();
    assert!(matches!(err, ConfigError::InsecureUrl { .. }), "{err:?}");
}

#[test]
fn a_secret_that_cannot_be_a_header_fails_at_build_without_its_value() {
    let plan = bundled("weightron");
    let err = builder(
        &plan,
        &[
            ("client_id", "i"),
            ("client_secret", "s"),
            ("api_key", "bad\nSECRET"),
        ],
    )
    .build()
    .unwrap_err();
    assert!(matches!(err, ConfigError::InvalidValue { .. }), "{err:?}");
    assert!(!err.to_string().contains("SECRET"));
}

#[test]
fn from_env_names_the_missing_variable() {
    // Variables unique to this test: the environment is shared by the test threads.
    let plan = common::plan(
        r#"
tokenspec: 1
name: envtest
style: oauth2
token:
  url: https://auth.envtest.example/token
credentials:
  client_id: { in: form, secret: false }
  client_secret: { in: form }
"#,
    );
    assert_eq!(plan.slots[1].env, "ENVTEST_CLIENT_SECRET");
    // SAFETY (edition 2024 marks these unsafe): no other test reads ENVTEST_* variables.
    unsafe {
        std::env::set_var("ENVTEST_CLIENT_ID", "id");
        std::env::remove_var("ENVTEST_CLIENT_SECRET");
    }
    let err = Builder::from_shared(plan.clone()).from_env().unwrap_err();
    assert_eq!(
        err,
        ConfigError::MissingEnv {
            var: "ENVTEST_CLIENT_SECRET".into(),
            setter: "client_secret".into()
        }
    );
    unsafe { std::env::set_var("ENVTEST_CLIENT_SECRET", SECRET) };
    let b = Builder::from_shared(plan).from_env().unwrap();
    assert!(!format!("{b:?}").contains(SECRET));
    assert!(
        format!("{b:?}").contains("id"),
        "non-secret values may show: {b:?}"
    );
    b.build().unwrap();
}

#[tokio::test]
async fn authorize_adds_token_and_api_headers_for_allowed_hosts_only() {
    let server = serve(|req, _| {
        if req.path == "/oidc/token" {
            oauth_token("tok-1", 300)
        } else {
            Reply::json(200, json!({}))
        }
    })
    .await;
    let plan = bundled("weightron");
    let engine = builder(
        &plan,
        &[
            ("client_id", "i"),
            ("client_secret", "s"),
            ("api_key", "k-1"),
        ],
    )
    .base_url(server.url.clone())
    .build()
    .unwrap();
    let http = tokenspec_core::reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap();

    // The spec's API host is allowed (not contacted here: only the request is built).
    let req = engine
        .authorize(http.get("https://api.weightron.cloud/v1/things"))
        .await
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(req.headers()["authorization"], "Bearer tok-1");
    assert!(req.headers()["authorization"].is_sensitive());
    assert_eq!(req.headers()["x-api-key"], "k-1");
    assert!(req.headers()["x-api-key"].is_sensitive());

    // The base URL's host is allowed, and the request really goes out.
    let api = format!("{}/api/things", server.url);
    engine
        .authorize(http.get(&api))
        .await
        .unwrap()
        .send()
        .await
        .unwrap();
    let last = server.requests().pop().unwrap();
    assert_eq!(last.header("authorization"), Some("Bearer tok-1"));
    assert_eq!(last.header("x-api-key"), Some("k-1"));

    // Anything else is refused before a token is even requested.
    for url in [
        "https://evil.example/x",
        "https://api.weightron.cloud.evil.example/",
    ] {
        match engine.authorize(http.get(url)).await {
            Err(EngineError::Config(ConfigError::HostNotAllowed { .. })) => {}
            other => panic!("{url}: {other:?}"),
        }
    }
    match engine
        .authorize(http.get("http://api.weightron.cloud/x"))
        .await
    {
        Err(EngineError::Config(ConfigError::InsecureUrl { .. })) => {}
        other => panic!("{other:?}"),
    }
    // allow_host widens the list.
    let engine = builder(
        &plan,
        &[
            ("client_id", "i"),
            ("client_secret", "s"),
            ("api_key", "k-1"),
        ],
    )
    .base_url(server.url.clone())
    .allow_host("other.example".into())
    .build()
    .unwrap();
    assert!(
        engine
            .authorize(http.get("https://other.example/x"))
            .await
            .is_ok()
    );
    assert_eq!(
        server
            .requests()
            .iter()
            .filter(|r| r.path == "/oidc/token")
            .count(),
        2
    );
}

#[tokio::test]
async fn no_secret_in_any_debug_or_display() {
    let server = serve(|_, i| match i {
        0 => Reply::json(
            200,
            json!({"status": "success", "data": {"accessToken": SECRET, "expiresIn": 3600}}),
        ),
        _ => Reply::json(401, json!({"error": {"code": "INVALID_CREDENTIALS", "message": "Invalid client credentials"}})),
    })
    .await;
    let plan = bundled("weir");
    let b =
        builder(&plan, &[("client_id", "id"), ("secret_key", SECRET)]).base_url(server.url.clone());
    let mut outputs = vec![format!("{b:?}")];
    let engine = b.build().unwrap();
    let raw = engine.fetch_token().await.unwrap();
    let token = engine.access_token().await.unwrap();
    assert_eq!(token.expose_secret(), SECRET);
    outputs.push(format!("{engine:?} {raw:?} {token:?}"));
    let provider = engine.fetch_token().await.unwrap_err();
    outputs.push(format!("{provider} {provider:?}"));
    // A transport error: nothing listens on port 9 of loopback... usually; any failure will do.
    let dead = builder(&plan, &[("client_id", "id"), ("secret_key", SECRET)])
        .base_url("http://127.0.0.1:9".into())
        .build()
        .unwrap();
    let transport = dead.fetch_token().await.unwrap_err();
    assert!(
        matches!(transport, EngineError::Transport(_)),
        "{transport:?}"
    );
    outputs.push(format!("{transport} {transport:?}"));
    // Query credentials must not leak through the URL of a transport error.
    let q = common::plan(
        r#"
tokenspec: 1
name: acme
token:
  url: http://127.0.0.1:9/token
  body: none
credentials:
  client_secret: { in: query }
response:
  token: access_token
"#,
    );
    let e = builder(&q, &[("client_secret", SECRET)])
        .build()
        .unwrap()
        .fetch_token()
        .await
        .unwrap_err();
    outputs.push(format!("{e} {e:?}"));
    for out in outputs {
        assert!(!out.contains(SECRET), "secret leaked: {out}");
    }
}
