//! `crate = path`: the runtime is a dev-dependency named `ts` here (`tokenspec-core` renamed in
//! Cargo.toml), so `::tokenspec_core` does not exist in this crate and generated code that
//! named it would not compile. Everything below goes through `ts` only.

use ts::ConfigError;

/// Weir's client, generated against the runtime under its new name.
#[ts::token_client(spec = "../../specs/weir.yaml", crate = ts)]
pub struct Weir;

/// The quoted form serde also accepts: `crate = "ts"`.
#[ts::token_client(spec = "../../specs/weavy.yaml", crate = "ts")]
pub struct Weavy;

#[test]
fn the_builder_works_through_the_renamed_crate() {
    let weir = Weir::builder()
        .client_id("id")
        .secret_key("secret")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("loopback http is allowed");
    assert!(format!("{weir:?}").contains("weir"));
    let weavy = Weavy::builder()
        .host("weavy.example.com")
        .client_id("id")
        .client_secret("secret")
        .build();
    assert!(weavy.is_ok(), "{weavy:?}");
}

#[test]
fn plain_http_off_loopback_is_a_config_error() {
    let err = Weir::builder()
        .client_id("id")
        .secret_key("secret")
        .base_url("http://weir.example.com")
        .build()
        .expect_err("plain http off loopback is refused");
    assert!(matches!(err, ConfigError::InsecureUrl { .. }), "{err:?}");
    // The generated error converts from the renamed crate's ConfigError.
    assert!(matches!(WeirError::from(err), WeirError::Config(_)));
}

#[tokio::test]
async fn futures_run_on_the_renamed_runtime() {
    // Nothing listens on port 9 of loopback: the request fails as a transport error, typed
    // through `ts`.
    let weir = Weir::builder()
        .client_id("id")
        .secret_key("secret")
        .base_url("http://127.0.0.1:9")
        .build()
        .expect("valid configuration");
    match weir.fetch_token().await {
        Err(WeirError::Transport(e)) => assert!(e.is_connect(), "{e:?}"),
        other => panic!("expected a transport error, got {other:?}"),
    }
}
