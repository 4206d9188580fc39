//! Applying the token: the `http::Request` and `HeaderMap` forms, sensitive values, the 401
//! retry helper, and `invalidate` under a hundred concurrent 401s.

mod common;

use std::sync::Arc;

use common::{ACME, Recorded, Reply, builder, oauth_token, plan, serve};
use tokenspec_core::__private::{Engine, EngineError};
use tokenspec_core::ConfigError;
use tokenspec_core::reqwest;

/// Token endpoint at `/token` (token `tok-N` for the N-th token request) and an API at
/// `/api` that rejects `tok-0`.
fn provider(req: &Recorded, all: &[Recorded]) -> Reply {
    if req.path == "/token" {
        let n = all.iter().filter(|r| r.path == "/token").count() - 1;
        return oauth_token(&format!("tok-{n}"), 3600);
    }
    match req.header("authorization") {
        Some("Bearer tok-0") => Reply::text(401, "expired"),
        Some(_) => Reply::text(200, "ok"),
        None => Reply::text(400, "no token"),
    }
}

async fn acme() -> (common::Server, Engine) {
    let log: Arc<std::sync::Mutex<Vec<Recorded>>> = Arc::default();
    let server = serve(move |req, _| {
        let mut all = log.lock().unwrap();
        all.push(req.clone());
        provider(req, &all)
    })
    .await;
    let engine = builder(&plan(ACME), &[("client_id", "i"), ("client_secret", "s")])
        .base_url(server.url.clone())
        .build()
        .unwrap();
    (server, engine)
}

fn token_requests(server: &common::Server) -> usize {
    server
        .requests()
        .iter()
        .filter(|r| r.path == "/token")
        .count()
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

#[tokio::test]
async fn http_request_and_header_map_forms_add_a_sensitive_token() {
    let (server, engine) = acme().await;
    let request = http::Request::get(format!("{}/api", server.url))
        .body(())
        .unwrap();
    let request = engine.authorize_request(request).await.unwrap();
    let value = request.headers().get("authorization").unwrap();
    assert_eq!(value, "Bearer tok-0");
    assert!(value.is_sensitive());

    let url = reqwest::Url::parse(&format!("{}/api", server.url)).unwrap();
    let mut headers = http::HeaderMap::new();
    let token = engine.authorize_headers(&url, &mut headers).await.unwrap();
    assert_eq!(token.expose_secret(), "tok-0");
    assert!(headers["authorization"].is_sensitive());
    assert!(!format!("{headers:?}").contains("tok-0"));

    let elsewhere = http::Request::get("https://evil.example/api")
        .body(())
        .unwrap();
    assert!(matches!(
        engine.authorize_request(elsewhere).await,
        Err(EngineError::Config(ConfigError::HostNotAllowed { .. }))
    ));
}

#[tokio::test]
async fn send_authorized_retries_once_with_a_fresh_token_after_a_401() {
    let (server, engine) = acme().await;
    let client = http();
    let api = format!("{}/api", server.url);
    let response = engine.send_authorized(|| client.get(&api)).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(token_requests(&server), 2);
    // The fresh token is cached: no 401, no renewal.
    let response = engine.send_authorized(|| client.get(&api)).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(token_requests(&server), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_concurrent_401s_cause_one_renewal() {
    let (server, engine) = acme().await;
    let client = http();
    let api = format!("{}/api", server.url);
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let (engine, client, api) = (engine.clone(), client.clone(), api.clone());
            tokio::spawn(async move { engine.send_authorized(|| client.get(&api)).await })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().status(), 200);
    }
    assert_eq!(token_requests(&server), 2);
}

#[tokio::test]
async fn invalidate_drops_only_the_cached_token() {
    let (server, engine) = acme().await;
    let old = engine.access_token().await.unwrap();
    assert!(engine.invalidate(&old));
    let new = engine.access_token().await.unwrap();
    assert_eq!(new.expose_secret(), "tok-1");
    // A stale token no longer in the cache changes nothing.
    assert!(!engine.invalidate(&old));
    assert_eq!(
        engine.access_token().await.unwrap().expose_secret(),
        "tok-1"
    );
    assert_eq!(token_requests(&server), 2);
}
