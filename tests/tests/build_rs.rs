//! The build.rs route: `tests/build.rs` generates the five bundled clients into `OUT_DIR` with
//! `tokenspec_codegen::build`, and this test `include!`s them as a user crate would and uses
//! them against the hand-written local servers.

use std::time::Duration;

use tokenspec_core::ExposeSecret;
use tokenspec_tests::servers::{Server, skauth, weir};

pub mod weir_client {
    include!(concat!(env!("OUT_DIR"), "/weir.rs"));
}
pub mod apimw_client {
    include!(concat!(env!("OUT_DIR"), "/apimw.rs"));
}
pub mod weightron_client {
    include!(concat!(env!("OUT_DIR"), "/weightron.rs"));
}
pub mod skauth_client {
    include!(concat!(env!("OUT_DIR"), "/skauth.rs"));
}
pub mod weavy_client {
    include!(concat!(env!("OUT_DIR"), "/weavy.rs"));
}

use skauth_client::Skauth;
use weir_client::{Weir, WeirError};

fn weir_client(server: &Server<weir::Failure>) -> Weir {
    Weir::builder()
        .client_id(weir::CLIENT_ID)
        .secret_key(weir::SECRET_KEY)
        .base_url(server.url())
        .build()
        .expect("valid configuration")
}

#[tokio::test]
async fn the_included_weir_client_fetches_and_caches_a_token() {
    let server = weir::start().await.expect("server");
    let client = weir_client(&server);

    let token = client.fetch_token().await.expect("token");
    assert_eq!(token.expires_in, Some(Duration::from_secs(3600)));
    // fetch_token fills the cache; the client and its clone then share that token.
    let cached = client.access_token().await.expect("token");
    let again = client.clone().access_token().await.expect("token");
    assert_eq!(cached.expose_secret(), token.access_token.expose_secret());
    assert_eq!(again.expose_secret(), cached.expose_secret());
    assert_eq!(server.token_request_count(), 1);
    assert_eq!(server.violations(), Vec::<String>::new());
    assert_eq!(
        server.issued_tokens(),
        vec![cached.expose_secret().to_owned()]
    );
}

#[tokio::test]
async fn the_included_weir_client_maps_errors_to_its_variants() {
    let server = weir::start().await.expect("server");
    server.fail_next(weir::Failure::RateLimitExceeded);
    let client = weir_client(&server);
    match client.fetch_token().await {
        Err(WeirError::RateLimitExceeded(e)) => assert_eq!(e.status, 429),
        other => panic!("expected RateLimitExceeded, got {other:?}"),
    }
}

#[tokio::test]
async fn the_included_skauth_client_fills_its_url_variable() {
    // The `${API_URL}` provider: the token URL is `{api_url}/auth/token`, set per deployment.
    let server = skauth::start().await.expect("server");
    let client = Skauth::builder()
        .api_url(format!("{}/v1", server.url()))
        .client_id(skauth::CLIENT_ID)
        .client_secret(skauth::CLIENT_SECRET)
        .build()
        .expect("valid configuration");
    let token = client.fetch_token().await.expect("token");
    assert_eq!(server.violations(), Vec::<String>::new());
    assert_eq!(
        server.issued_tokens(),
        vec![token.access_token.expose_secret().to_owned()]
    );
}

#[test]
fn every_included_client_builds() {
    // The other three compile from OUT_DIR and build with their own setters.
    let apimw = apimw_client::Apimw::builder()
        .api_key("k")
        .api_secret("s")
        .build();
    let weightron = weightron_client::Weightron::builder()
        .client_id("id")
        .client_secret("secret")
        .api_key("key")
        .build();
    let weavy = weavy_client::Weavy::builder()
        .host("weavy.example.com")
        .client_id("id")
        .client_secret("secret")
        .build();
    assert!(apimw.is_ok() && weightron.is_ok() && weavy.is_ok());
}
