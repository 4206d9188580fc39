//! Canary secrets: credentials and tokens carrying a unique marker never appear in any
//! `Debug`, `Display`, error or TRACE-level tracing output. The marker is printed nowhere by
//! this suite either, so CI can grep the whole test log for it.

mod common;

use std::sync::Arc;

use common::{Reply, acme_refreshing, builder, captured, plan, serve};
use serde_json::json;
use tokenspec_core::__private::{Engine, EngineError};
use tokenspec_core::RetryPolicy;
use tokenspec_core::providers::Weir;

/// The marker. Assertion messages name where it leaked, never the text around it.
const MARKER: &str = "CANARY-7f3a";

fn assert_clean(label: &str, text: &str) {
    assert!(!text.contains(MARKER), "the canary leaked into {label}");
}

fn assert_error_clean(label: &str, error: &EngineError) {
    assert_clean(label, &format!("{error} {error:?}"));
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        assert_clean(label, &format!("{s} {s:?}"));
        source = s.source();
    }
}

/// The refreshing client-credentials spec with a secret extra field.
fn refreshing() -> String {
    format!(
        "{}response:\n  fields:\n    id_token: {{ path: id_token, secret: true }}\n",
        acme_refreshing()
    )
}

fn secret(name: &str) -> String {
    format!("{name}-{MARKER}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn canaries_never_reach_debug_display_errors_or_traces() {
    let log = captured();
    let responses = [
        // A token, a refresh token and a secret field, all canaries.
        Reply::json(
            200,
            json!({"access_token": secret("at"), "expires_in": 100, "refresh_token": secret("rt"), "id_token": secret("id")}),
        ),
        // The refresh is refused with the canary echoed in a field nobody reads...
        Reply::json(
            400,
            json!({"error": "invalid_grant", "debug": secret("rt")}),
        ),
        // ...the credentials grant then gets a lifetime that is a canary string...
        Reply::json(
            200,
            json!({"access_token": secret("at2"), "expires_in": secret("ei")}),
        ),
        // ...then truncated JSON holding one, a token of the wrong type, an HTML page.
        Reply::text(200, &format!(r#"{{"access_token": "{}"#, secret("at3")))
            .header("content-type", "application/json"),
        Reply::json(200, json!({"access_token": {"value": secret("at4")}})),
        Reply::text(502, &format!("<html>{}</html>", secret("html")))
            .header("content-type", "text/html"),
    ];
    let server = serve(move |_, i| {
        responses
            .get(i)
            .cloned()
            .unwrap_or_else(|| Reply::text(500, ""))
    })
    .await;
    let clock = tokenspec_core::clock::ManualClock::new();
    let b = builder(
        &plan(&refreshing()),
        &[("client_id", "i"), ("client_secret", &secret("cs"))],
    )
    .base_url(server.url.clone())
    .clock(Arc::new(clock.clone()))
    .retry(RetryPolicy::none());
    assert_clean("Builder's Debug", &format!("{b:?}"));
    let engine: Engine = b.build().unwrap();

    let raw = engine.fetch_token().await.unwrap();
    assert_clean("RawToken's Debug", &format!("{raw:?}"));
    let token = engine.access_token().await.unwrap();
    assert_clean("AccessToken's Debug", &format!("{token:?}"));
    assert_clean("Engine's Debug", &format!("{engine:?}"));
    let url = tokenspec_core::reqwest::Url::parse(&format!("{}/api", server.url)).unwrap();
    let mut headers = http::HeaderMap::new();
    engine.authorize_headers(&url, &mut headers).await.unwrap();
    assert_clean("the authorized HeaderMap's Debug", &format!("{headers:?}"));

    // Expired: refresh (refused), then the credentials grant with a bad lifetime.
    clock.advance(std::time::Duration::from_secs(101));
    let error = engine.access_token().await.unwrap_err();
    // Checked before anything is shown of it.
    assert_error_clean("a decode error", &error);
    assert!(matches!(error, EngineError::Decode(_)), "{error:?}");
    assert_eq!(server.count(), 3);
    for label in ["truncated JSON", "a wrong-typed token", "an HTML page"] {
        let error = engine.fetch_token().await.unwrap_err();
        assert_error_clean(label, &error);
    }

    // A credential in the query, sent to a closed port: the transport error has no URL.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let query = plan(
        r#"
tokenspec: 1
name: q
style: oauth2
token:
  url: https://q.example/token
credentials:
  key: { in: query }
"#,
    );
    let engine = builder(&query, &[("key", &secret("qk"))])
        .base_url(format!("http://127.0.0.1:{closed}"))
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    let error = engine.fetch_token().await.unwrap_err();
    assert_error_clean("a transport error", &error);
    assert!(matches!(error, EngineError::Transport(_)), "{error:?}");

    // The generated client, its builder, token and error.
    let weir_server = serve(|_, _| {
        Reply::json(
            200,
            json!({"status": "success", "data": {"accessToken": secret("wt"), "expiresIn": 60}}),
        )
    })
    .await;
    let builder = Weir::builder().client_id("i").secret_key(secret("sk"));
    assert_clean("WeirBuilder's Debug", &format!("{builder:?}"));
    let weir = builder.base_url(weir_server.url.clone()).build().unwrap();
    let token = weir.fetch_token().await.unwrap();
    assert_clean("WeirToken's Debug", &format!("{token:?} {weir:?}"));

    let log = String::from_utf8_lossy(&log.lock().unwrap()).into_owned();
    assert!(log.contains("token_request"), "tracing captured nothing");
    assert!(
        log.contains("TRACE") || log.contains("DEBUG"),
        "not at TRACE level"
    );
    assert_clean("the TRACE-level tracing output", &log);
}
