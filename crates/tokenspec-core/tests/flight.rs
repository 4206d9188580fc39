//! Single flight over loopback: a thousand waiting callers, one request; after expiry too;
//! a cancelled first caller; `fetch_token` not coalesced; the rate limit under a burst.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::{Reply, weir_engine_with as engine, weir_token};
use tokenspec_core::__private::{Engine, EngineError};
use tokenspec_core::RetryPolicy;
use tokenspec_core::clock::ManualClock;

const CALLERS: usize = 1000;

/// `CALLERS` tasks calling `access_token()` at once; the tokens they got.
async fn herd(engine: &Engine) -> Vec<String> {
    let tasks: Vec<_> = (0..CALLERS)
        .map(|_| {
            let engine = engine.clone();
            tokio::spawn(async move { engine.access_token().await })
        })
        .collect();
    let mut tokens = Vec::with_capacity(CALLERS);
    for task in tasks {
        tokens.push(task.await.unwrap().unwrap().expose_secret().to_owned());
    }
    tokens
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_callers_cause_one_request_on_an_empty_cache_and_after_expiry() {
    let clock = ManualClock::new();
    let (server, engine) = engine(
        |i| weir_token(i, 300).delay(Duration::from_millis(50)),
        |b| b.clock(Arc::new(clock.clone())),
    )
    .await;
    assert!(herd(&engine).await.iter().all(|t| t == "wt-0"));
    assert_eq!(server.count(), 1);

    clock.advance(Duration::from_secs(301));
    assert!(herd(&engine).await.iter().all(|t| t == "wt-1"));
    assert_eq!(server.count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_first_caller_does_not_cancel_the_flight() {
    let (server, engine) = engine(
        |i| weir_token(i, 300).delay(Duration::from_millis(300)),
        |b| b,
    )
    .await;
    let first = {
        let engine = engine.clone();
        tokio::spawn(async move { engine.access_token().await })
    };
    // Cancel the first caller once its request is on the wire.
    while server.count() == 0 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    first.abort();
    assert!(first.await.unwrap_err().is_cancelled());
    assert!(herd(&engine).await.iter().all(|t| t == "wt-0"));
    assert_eq!(server.count(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fetch_token_is_not_coalesced_and_fills_the_cache() {
    let (server, engine) = engine(
        |i| weir_token(i, 300).delay(Duration::from_millis(50)),
        |b| b,
    )
    .await;
    let tasks: Vec<_> = (0..5)
        .map(|_| {
            let engine = engine.clone();
            tokio::spawn(async move { engine.fetch_token().await })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    assert_eq!(server.count(), 5);
    let cached = engine.access_token().await.unwrap();
    assert!(cached.expose_secret().starts_with("wt-"));
    assert_eq!(server.count(), 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_flight_is_shared_then_retried_by_later_callers() {
    let (server, engine) = engine(
        |i| {
            if i == 0 {
                Reply::text(503, "busy").delay(Duration::from_millis(50))
            } else {
                weir_token(i, 300)
            }
        },
        |b| b.retry(RetryPolicy::none()),
    )
    .await;
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let engine = engine.clone();
            tokio::spawn(async move { engine.access_token().await })
        })
        .collect();
    for task in tasks {
        let err = task.await.unwrap().unwrap_err();
        assert!(
            matches!(err, EngineError::Unexpected(ref u) if u.status == 503),
            "{err:?}"
        );
    }
    assert_eq!(server.count(), 1);
    // The failure poisoned nothing: the next caller renews.
    assert_eq!(engine.access_token().await.unwrap().expose_secret(), "wt-1");
    assert_eq!(server.count(), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_rate_limit_holds_under_a_burst() {
    // Weir allows 10 token requests a minute; 30 at once may not make more.
    let (server, engine) = engine(
        |i| weir_token(i, 300),
        |b| b.rate_limit_wait(Duration::from_millis(100)),
    )
    .await;
    let tasks: Vec<_> = (0..30)
        .map(|_| {
            let engine = engine.clone();
            tokio::spawn(async move { engine.fetch_token().await })
        })
        .collect();
    let (mut ok, mut limited) = (0, 0);
    for task in tasks {
        match task.await.unwrap() {
            Ok(_) => ok += 1,
            Err(EngineError::RateLimited(r)) => {
                assert_eq!(r.requests, 10);
                limited += 1;
            }
            Err(other) => panic!("{other:?}"),
        }
    }
    assert_eq!((ok, limited), (10, 20));
    assert_eq!(server.count(), 10);
}
