//! The cache: single flight, renewal before expiry, shared failures, rate limit, refresh.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{
    Reply, acme_refreshing, builder, eventually, oauth_token, plan, serve, serves,
    weir_engine_with, weir_token,
};
use serde_json::json;
use tokenspec_core::__private::{Engine, EngineError};
use tokenspec_core::clock::ManualClock;
use tokenspec_core::{RefreshMargin, RetryPolicy};

async fn weir_engine(
    reply: impl Fn(usize) -> Reply + Send + Sync + 'static,
) -> (common::Server, Engine) {
    weir_engine_with(reply, |b| b).await
}

fn assert_send_sync<T: Send + Sync + Clone>(_: &T) {}
fn assert_send<T: Send>(_: &T) {}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hundred_concurrent_callers_cause_one_request() {
    let (server, engine) =
        weir_engine(|i| weir_token(i, 3600).delay(Duration::from_millis(100))).await;
    assert_send_sync(&engine);
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let engine = engine.clone();
            let fut = async move { engine.access_token().await };
            assert_send(&fut);
            tokio::spawn(fut)
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().expose_secret(), "wt-0");
    }
    assert_eq!(server.count(), 1);
    // Cached afterwards.
    engine.access_token().await.unwrap();
    assert_eq!(server.count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_callers_share_one_failure() {
    let (server, engine) = weir_engine(|_| {
        Reply::json(
            401,
            json!({"error": {"code": "INVALID_CREDENTIALS", "message": "no"}}),
        )
        .delay(Duration::from_millis(100))
    })
    .await;
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let engine = engine.clone();
            tokio::spawn(async move { engine.access_token().await })
        })
        .collect();
    for task in tasks {
        let err = task.await.unwrap().unwrap_err();
        assert!(
            matches!(
                err,
                EngineError::Provider {
                    variant: Some(0),
                    ..
                }
            ),
            "{err:?}"
        );
    }
    assert_eq!(server.count(), 1);
    // A later caller tries again.
    assert!(engine.access_token().await.is_err());
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn fetch_token_always_requests_and_fills_the_cache() {
    let (server, engine) = weir_engine(|i| weir_token(i, 3600)).await;
    engine.fetch_token().await.unwrap();
    engine.fetch_token().await.unwrap();
    assert_eq!(server.count(), 2);
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-1");
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn renews_inside_the_margin_and_never_serves_expired() {
    // Weightron's 5-minute life: renewed 30 s before expiry (no jitter here).
    let clock = ManualClock::new();
    let (server, engine) = weir_engine_with(
        |i| {
            if i < 2 {
                weir_token(i, 300)
            } else {
                Reply::text(503, "down")
            }
        },
        |b| {
            b.clock(Arc::new(clock.clone()))
                .refresh_margin(RefreshMargin::default().with_jitter(0.0))
                .retry(RetryPolicy::none())
        },
    )
    .await;
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-0");
    clock.advance(Duration::from_secs(269));
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-0");
    assert_eq!(server.count(), 1);
    // Inside the margin the token is still valid: served at once, renewed in the
    // background.
    clock.advance(Duration::from_secs(2));
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-0");
    serves(&engine, "wt-1").await;
    assert_eq!(server.count(), 2);
    // The next renewal fails: the unexpired token is served meanwhile...
    clock.advance(Duration::from_secs(271));
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-1");
    eventually("the failing renewal", || server.count() == 3).await;
    // ...without hammering the provider during the rest that follows a failure...
    for _ in 0..50 {
        assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-1");
        tokio::task::yield_now().await;
    }
    assert_eq!(server.count(), 3);
    clock.advance(Duration::from_secs(27));
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-1");
    eventually("the next renewal", || server.count() == 4).await;
    // ...but never in its last second.
    clock.advance(Duration::from_secs(1));
    let err = engine.access_token().await.unwrap_err();
    assert!(matches!(err, EngineError::Unexpected(_)), "{err:?}");
}

#[tokio::test]
async fn a_failed_renewal_keeps_an_unexpired_token() {
    let clock = ManualClock::new();
    let (server, engine) = weir_engine_with(
        |i| {
            if i == 0 {
                weir_token(0, 100)
            } else {
                Reply::text(503, "down")
            }
        },
        |b| b.clock(Arc::new(clock.clone())).retry(RetryPolicy::none()),
    )
    .await;
    engine.access_token().await.unwrap();
    clock.advance(Duration::from_secs(95));
    for _ in 0..3 {
        assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-0");
    }
    // One renewal, then a rest: the provider is not hammered.
    eventually("the renewal", || server.count() == 2).await;
    for _ in 0..50 {
        assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-0");
        tokio::task::yield_now().await;
    }
    assert_eq!(server.count(), 2);
    clock.advance(Duration::from_secs(5));
    assert!(matches!(
        engine.access_token().await,
        Err(EngineError::Unexpected(_))
    ));
}

#[tokio::test]
async fn client_side_rate_limit_is_shared_by_clones() {
    let (server, engine) = weir_engine(|i| weir_token(i, 3600)).await;
    let clone = engine.clone();
    for i in 0..10 {
        let e = if i % 2 == 0 { &engine } else { &clone };
        e.fetch_token().await.unwrap();
    }
    match clone.fetch_token().await {
        Err(EngineError::RateLimited(r)) => {
            assert_eq!(r.requests, 10);
            assert!(r.retry_after > Duration::from_secs(50));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.count(), 10);
}

#[tokio::test]
async fn refresh_grant_renews_with_the_refresh_token() {
    let server = serve(|req, i| {
        let body = req.body_str();
        if body.contains("grant_type=refresh_token") {
            assert!(body.contains("refresh_token=rt-0"), "{body}");
            assert!(body.contains("client_id=i"), "{body}");
            // No new refresh token: the old one stays.
            oauth_token(&format!("refreshed-{i}"), 2)
        } else {
            Reply::json(
                200,
                json!({"access_token": "first", "expires_in": 2, "refresh_token": "rt-0"}),
            )
        }
    })
    .await;
    let plan = plan(&acme_refreshing());
    let clock = ManualClock::new();
    let engine = builder(&plan, &[("client_id", "i"), ("client_secret", "s")])
        .base_url(server.url.clone())
        .clock(Arc::new(clock.clone()))
        .build()
        .unwrap();
    assert_eq!(
        engine.access_token().await.unwrap().expose_secret(),
        "first"
    );
    // Expired: the caller waits for the refresh.
    clock.advance(Duration::from_secs(3));
    assert_eq!(
        engine.access_token().await.unwrap().expose_secret(),
        "refreshed-1"
    );
    clock.advance(Duration::from_secs(3));
    assert_eq!(
        engine.access_token().await.unwrap().expose_secret(),
        "refreshed-2"
    );
    let reqs = server.requests();
    assert_eq!(reqs.len(), 3);
    assert!(reqs[2].body_str().contains("refresh_token=rt-0"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn waiters_share_even_a_token_already_due_for_renewal() {
    // expires_in 0: stale as soon as it arrives, yet the callers waiting for it get it.
    let (server, engine) =
        weir_engine(|i| weir_token(i, 0).delay(Duration::from_millis(100))).await;
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let engine = engine.clone();
            tokio::spawn(async move { engine.access_token().await })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap().expose_secret(), "wt-0");
    }
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_rejected_refresh_token_falls_back_to_the_credentials_grant() {
    let server = serve(|req, i| {
        if req.body_str().contains("grant_type=refresh_token") {
            Reply::json(400, json!({"error": "invalid_grant"}))
        } else {
            Reply::json(
                200,
                json!({"access_token": format!("t-{i}"), "expires_in": 100, "refresh_token": "rt"}),
            )
        }
    })
    .await;
    let plan = plan(&acme_refreshing());
    let clock = ManualClock::new();
    let engine = builder(&plan, &[("client_id", "i"), ("client_secret", "s")])
        .base_url(server.url.clone())
        .clock(Arc::new(clock.clone()))
        .build()
        .unwrap();
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "t-0");
    clock.advance(Duration::from_secs(101));
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "t-2");
    let grants: Vec<bool> = server
        .requests()
        .iter()
        .map(|r| r.body_str().contains("grant_type=refresh_token"))
        .collect();
    // Credentials, the refused refresh (not retried: a 400), credentials again.
    assert_eq!(grants, [false, true, false]);
}
