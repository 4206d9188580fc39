//! A provider that misbehaves: every case ends in a documented typed error or a successful
//! retry, never a panic; retries are bounded and credential errors never retried.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use common::{
    ACME, Reply, builder, plan, serve, weir_builder, weir_engine_with as weir, weir_token,
};
use serde_json::json;
use tokenspec_core::__private::EngineError;
use tokenspec_core::RetryPolicy;
use tokio::io::AsyncReadExt;

fn weir_429(retry_after: &str) -> Reply {
    Reply::json(
        429,
        json!({"status": "error", "error": {"code": "RATE_LIMIT_EXCEEDED", "message": "slow down"}}),
    )
    .header("retry-after", retry_after)
}

#[tokio::test]
async fn a_429_is_retried_after_its_retry_after_in_seconds() {
    let (server, engine) = weir(
        |i| {
            if i == 0 {
                weir_429("1")
            } else {
                weir_token(i, 300)
            }
        },
        |b| b,
    )
    .await;
    let start = Instant::now();
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-1");
    assert!(start.elapsed() >= Duration::from_secs(1));
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_429_is_retried_after_its_retry_after_as_an_http_date() {
    let (server, engine) = weir(
        |i| {
            if i == 0 {
                let at = SystemTime::now() + Duration::from_secs(2);
                weir_429(&httpdate::fmt_http_date(at))
            } else {
                weir_token(i, 300)
            }
        },
        |b| b,
    )
    .await;
    let start = Instant::now();
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-1");
    // The date has whole seconds: at least one of the two seconds is waited.
    assert!(start.elapsed() >= Duration::from_millis(900));
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_retry_after_past_the_time_limit_is_returned_not_waited() {
    let (server, engine) = weir(|_| weir_429("3600"), |b| b).await;
    let start = Instant::now();
    match engine.access_token().await {
        Err(EngineError::Provider {
            variant: Some(1),
            error,
        }) => assert_eq!(error.retry_after, Some(Duration::from_secs(3600))),
        other => panic!("{other:?}"),
    }
    assert!(start.elapsed() < Duration::from_secs(2));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_503_then_success_is_a_successful_retry() {
    let (server, engine) = weir(
        |i| {
            if i == 0 {
                Reply::text(503, "busy")
            } else {
                weir_token(i, 300)
            }
        },
        |b| b,
    )
    .await;
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-1");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn an_html_error_page_is_unexpected_and_retried_as_a_5xx() {
    let html = || {
        Reply::text(502, "<html><body><h1>502 Bad Gateway</h1></body></html>")
            .header("content-type", "text/html")
    };
    let (server, engine) = weir(move |_| html(), |b| b.retry(RetryPolicy::none())).await;
    match engine.access_token().await {
        Err(EngineError::Unexpected(u)) => {
            assert_eq!(u.status, 502);
            assert!(u.reason.contains("not JSON"), "{}", u.reason);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count(), 1);

    let (server, engine) = weir(
        move |i| if i == 0 { html() } else { weir_token(i, 300) },
        |b| b,
    )
    .await;
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-1");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn attempts_are_bounded_by_count_and_by_time() {
    let (server, engine) = weir(|_| Reply::text(503, "down"), |b| b).await;
    assert!(matches!(
        engine.access_token().await,
        Err(EngineError::Unexpected(_))
    ));
    assert_eq!(server.count(), 4, "the default policy makes 4 attempts");

    let (server, engine) = weir(
        |_| Reply::text(503, "down"),
        |b| b.retry(RetryPolicy::default().with_max_attempts(2)),
    )
    .await;
    assert!(engine.access_token().await.is_err());
    assert_eq!(server.count(), 2);

    let (server, engine) = weir(
        |_| Reply::text(503, "down"),
        |b| {
            b.retry(
                RetryPolicy::default()
                    .with_max_attempts(1000)
                    .with_backoff(Duration::from_millis(100), Duration::from_millis(100))
                    .with_max_elapsed(Duration::from_millis(500)),
            )
        },
    )
    .await;
    let start = Instant::now();
    assert!(engine.access_token().await.is_err());
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    let n = server.count();
    assert!((2..=12).contains(&n), "{n} attempts");
}

#[tokio::test]
async fn credential_errors_are_never_retried() {
    let (server, engine) = weir(
        |_| {
            Reply::json(
                401,
                json!({"status": "error", "error": {"code": "INVALID_CREDENTIALS", "message": "no"}}),
            )
        },
        |b| b,
    )
    .await;
    assert!(matches!(
        engine.access_token().await,
        Err(EngineError::Provider {
            variant: Some(0),
            ..
        })
    ));
    assert_eq!(server.count(), 1);

    // RFC 6749's invalid_client, answered with 400 by some providers.
    let server = serve(|_, _| Reply::json(400, json!({"error": "invalid_client"}))).await;
    let acme = plan(ACME);
    let engine = builder(&acme, &[("client_id", "i"), ("client_secret", "s")])
        .base_url(server.url.clone())
        .build()
        .unwrap();
    match engine.access_token().await {
        Err(EngineError::Provider { error, .. }) => {
            assert_eq!(error.code.as_deref(), Some("invalid_client"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_timeout_is_a_transport_error() {
    let (_server, engine) = weir(
        |i| weir_token(i, 300).delay(Duration::from_secs(3)),
        |b| {
            b.timeouts(Duration::from_secs(1), Duration::from_millis(200))
                .retry(RetryPolicy::none())
        },
    )
    .await;
    let start = Instant::now();
    match engine.access_token().await {
        Err(EngineError::Transport(t)) => assert!(t.is_timeout(), "{t:?}"),
        other => panic!("{other:?}"),
    }
    assert!(start.elapsed() < Duration::from_secs(2));
}

/// A server that reads the request, then resets the connection; counts connections.
async fn resetting_server() -> (String, Arc<AtomicUsize>) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            seen.fetch_add(1, Ordering::SeqCst);
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf).await;
            // SO_LINGER 0: close with RST rather than FIN.
            let _ = stream.set_zero_linger();
            drop(stream);
        }
    });
    (url, count)
}

#[tokio::test]
async fn a_connection_reset_is_a_transport_error_retried_by_the_policy() {
    let (url, connections) = resetting_server().await;
    let engine = weir_builder(&url).build().unwrap();
    assert!(matches!(
        engine.access_token().await,
        Err(EngineError::Transport(_))
    ));
    assert_eq!(connections.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn truncated_json_and_wrong_types_are_typed_errors_not_retried() {
    let (server, engine) = weir(
        |_| {
            Reply::text(200, r#"{"status": "success", "data": {"accessToken": "wt-"#)
                .header("content-type", "application/json")
        },
        |b| b,
    )
    .await;
    match engine.access_token().await {
        Err(EngineError::Unexpected(u)) => assert!(u.reason.contains("not JSON"), "{u}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count(), 1);

    let (server, engine) = weir(
        |_| {
            Reply::json(
                200,
                json!({"status": "success", "data": {"accessToken": "wt", "expiresIn": {"s": 1}}}),
            )
        },
        |b| b,
    )
    .await;
    match engine.access_token().await {
        Err(EngineError::Decode(d)) => assert!(d.reason().contains("data.expiresIn"), "{d}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn an_over_large_body_is_refused() {
    let (_server, engine) = weir(|_| Reply::text(200, &"x".repeat(200 * 1024)), |b| b).await;
    match engine.access_token().await {
        Err(EngineError::Unexpected(u)) => assert!(u.reason.contains("64 KiB"), "{u}"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let elsewhere = serve(|_, i| weir_token(i, 300)).await;
    let target = format!("http://localhost:{}/auth/token", elsewhere.port);
    for status in [302, 307, 308] {
        let target = target.clone();
        let (server, engine) = weir(
            move |_| Reply::text(status, "").header("location", &target),
            |b| b,
        )
        .await;
        match engine.access_token().await {
            Err(EngineError::Unexpected(u)) => assert_eq!(u.status, status),
            other => panic!("{other:?}"),
        }
        assert_eq!(server.count(), 1);
    }
    assert_eq!(
        elsewhere.count(),
        0,
        "credentials went to the redirect target"
    );
}
