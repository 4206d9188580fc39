//! The blocking client and `Arc<dyn TokenSource>` over the built-in clients.

mod common;

use std::sync::Arc;

use common::{Reply, serve};
use serde_json::json;
use tokenspec_core::providers::{Weir, WeirError};
use tokenspec_core::{ConfigError, TokenSource};

fn weir_server_reply(i: usize) -> Reply {
    Reply::json(
        200,
        json!({"status": "success", "data": {"accessToken": format!("wt-{i}"), "expiresIn": 300}}),
    )
}

fn weir(url: &str, secret: &str) -> Weir {
    Weir::builder()
        .client_id("i")
        .secret_key(secret)
        .base_url(url)
        .build()
        .unwrap()
}

#[test]
fn the_blocking_client_works_without_a_runtime() {
    // The server needs a runtime of its own; the client does not.
    let server_rt = tokio::runtime::Runtime::new().unwrap();
    let server = server_rt.block_on(serve(|_, i| weir_server_reply(i)));
    let client = weir(&server.url, "s").into_blocking().unwrap();
    assert_eq!(client.access_token().unwrap().expose_secret(), "wt-0");
    assert_eq!(client.access_token().unwrap().expose_secret(), "wt-0");
    let token = client.fetch_token().unwrap();
    assert_eq!(token.access_token.expose_secret_str(), "wt-1");
    assert_eq!(client.access_token().unwrap().expose_secret(), "wt-1");
    assert_eq!(server.count(), 2);
}

/// `expose_secret` of a `SecretString` as `&str`, without importing the trait at each use.
trait ExposeStr {
    fn expose_secret_str(&self) -> &str;
}

impl ExposeStr for tokenspec_core::SecretString {
    fn expose_secret_str(&self) -> &str {
        tokenspec_core::ExposeSecret::expose_secret(self)
    }
}

#[tokio::test]
async fn the_blocking_client_inside_a_runtime_is_an_error_not_a_panic() {
    let server = serve(|_, i| weir_server_reply(i)).await;
    let client = weir(&server.url, "s").into_blocking().unwrap();
    match client.access_token() {
        Err(WeirError::Config(ConfigError::Blocking { .. })) => {}
        other => panic!("{other:?}"),
    }
    assert!(client.fetch_token().is_err());
    assert_eq!(server.count(), 0);
    // Dropping it here does not panic either.
    drop(client);
}

#[tokio::test]
async fn generated_clients_are_token_sources() {
    let server = serve(|req, i| {
        if req.header("authorization").is_some_and(|h| h.contains("c29tZW9uZS1lbHNlOndyb25nLWtleQ==")) {
            Reply::json(
                401,
                json!({"status": "error", "error": {"code": "INVALID_CREDENTIALS", "message": "no"}}),
            )
        } else {
            weir_server_reply(i)
        }
    })
    .await;
    let good: Arc<dyn TokenSource> = Arc::new(weir(&server.url, "s"));
    assert_eq!(good.provider(), "weir");
    let token = good.token().await.unwrap();
    assert_eq!(token.expose_secret(), "wt-0");
    assert!(good.invalidate(&token));
    assert_eq!(good.token().await.unwrap().expose_secret(), "wt-1");

    // The error is the client's own enum, boxed.
    let bad = Weir::builder()
        .client_id("someone-else")
        .secret_key("wrong-key")
        .base_url(server.url.clone())
        .build()
        .unwrap();
    let bad: Arc<dyn TokenSource> = Arc::new(bad);
    let error = bad.token().await.unwrap_err();
    assert!(matches!(
        error.downcast_ref::<WeirError>(),
        Some(WeirError::InvalidCredentials(_))
    ));
}
