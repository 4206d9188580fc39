//! The public contract of generated clients, as user code relies on it: shareable clients with
//! `Send` futures, the user's struct kept as written, `<Name>Token` with secrets redacted in
//! `Debug`, and `<Name>Error` that can be cloned and handed to many waiters.

use tokenspec_core::{ApiError, ExposeSecret, reqwest::RequestBuilder, token_client};
use tokenspec_tests::servers::{apimw, weir};
use tokenspec_tests::support::{assert_client, assert_send};

/// The Weir client of this test, with the user's own attributes on the struct: they must
/// reach the generated struct unchanged (see `user_struct_is_kept_as_written`).
#[token_client(spec = "../specs/weir.yaml")]
#[must_use]
#[repr(transparent)]
pub(crate) struct Weir;

#[token_client(spec = "../specs/apimw.yaml")]
struct Apimw;

#[token_client(spec = "../specs/weightron.yaml")]
struct Weightron;

#[token_client(spec = "../specs/skauth.yaml")]
struct Skauth;

#[token_client(spec = "../specs/weavy.yaml")]
struct Weavy;

/// The future of an authorized API call: `Send`, its error an [`ApiError`] (the client's error
/// when no token could be had, reqwest's when the API call failed).
#[allow(dead_code)]
fn api_call<E>(
    call: impl std::future::Future<Output = Result<tokenspec_core::reqwest::Response, ApiError<E>>>
    + Send,
) {
    drop(call);
}

/// For each client type: `Clone + Send + Sync + Debug`, and its futures `Send`. The
/// functions are only type-checked, never called: a future that is not `Send` (or a client
/// that is not `Sync`) fails the build of this test.
macro_rules! shareable {
    ($($test:ident: $client:ty),* $(,)?) => {$(
        #[test]
        fn $test() {
            assert_client::<$client>();
            #[allow(dead_code)]
            fn futures_are_send(client: &$client, request: RequestBuilder) {
                drop(assert_send(client.fetch_token()));
                drop(assert_send(client.access_token()));
                drop(assert_send(client.cached_token()));
                drop(assert_send(client.with_cached_token(|t| t.expires_in)));
                let again = request.try_clone().expect("a clonable request");
                drop(assert_send(client.authorize(request)));
                // `send_authorized` says which side failed: `ApiError<<Name>Error>`.
                api_call(client.send_authorized(move || {
                    again.try_clone().expect("a clonable request")
                }));
            }
            // Send + Sync + 'static: clients go into spawned tasks and statics.
            fn spawnable<T: Send + Sync + 'static>() {}
            spawnable::<$client>();
        }
    )*};
}

shareable! {
    weir_is_shareable: Weir,
    apimw_is_shareable: Apimw,
    weightron_is_shareable: Weightron,
    skauth_is_shareable: Skauth,
    weavy_is_shareable: Weavy,
}

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// The built-in client of every spec in `specs/` (listed by `tests/build.rs`), one test each,
/// named after its spec: `built_in::weir`, ...
mod built_in {
    use super::*;

    macro_rules! built_in_shareable {
        ($($stem:ident $name:ident,)*) => {
            shareable! { $($stem: tokenspec_core::providers::$name),* }
        };
    }
    bundled_specs!(built_in_shareable);
}

/// Errors and tokens cross tasks too, and errors are cloned to every waiter.
#[test]
fn tokens_and_errors_are_send_sync_clone_and_errors() {
    fn shared<T: Clone + Send + Sync + std::fmt::Debug + 'static>() {}
    fn error<T: std::error::Error + Clone + Send + Sync + 'static>() {}
    shared::<WeirToken>();
    shared::<ApimwToken>();
    shared::<WeightronToken>();
    shared::<SkauthToken>();
    shared::<WeavyToken>();
    error::<WeirError>();
    error::<ApimwError>();
    error::<WeightronError>();
    error::<SkauthError>();
    error::<WeavyError>();
}

fn weir_client(server_url: String, secret_key: &str) -> Weir {
    Weir::builder()
        .client_id(weir::CLIENT_ID)
        .secret_key(secret_key)
        .base_url(server_url)
        .build()
        .expect("valid configuration")
}

/// `#[repr(transparent)]` only compiles on a struct with one non-zero-sized field, so the
/// generated struct carrying it (and having the engine's size) shows the user's attributes
/// were kept on it; `pub(crate)` items are used from this crate below.
#[test]
fn user_struct_is_kept_as_written() {
    assert_eq!(
        std::mem::size_of::<Weir>(),
        std::mem::size_of::<tokenspec_core::__private::Engine>()
    );
    // The builder and error took the struct's `pub(crate)` visibility and its name.
    let builder: WeirBuilder = Weir::builder();
    assert!(format!("{builder:?}").starts_with("WeirBuilder"));
}

/// Docs cannot be observed from inside the crate, so this reads the expansion: the user's doc
/// comment, attributes and visibility sit on the generated struct, in the user's order, and the
/// spec's docs are not added when the user wrote their own.
#[test]
fn expansion_keeps_docs_attributes_and_visibility() {
    let item: proc_macro2::TokenStream = r#"
        /// The user's own docs.
        #[must_use]
        #[allow(clippy::all)]
        pub(crate) struct Weir;
    "#
    .parse()
    .expect("tokens");
    let args: proc_macro2::TokenStream = r#"spec = "../specs/weir.yaml""#.parse().expect("tokens");
    let manifest_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let code = tokenspec_codegen::format_tokens(tokenspec_codegen::expand_attribute(
        args,
        item,
        manifest_dir,
    ));
    assert!(
        code.starts_with(
            "/// The user's own docs.\n#[must_use]\n#[allow(clippy::all)]\npub(crate) struct Weir {"
        ),
        "{code}"
    );
    assert!(
        !code.contains("Weir external API"),
        "spec docs added: {code}"
    );
    for item in ["struct WeirBuilder", "struct WeirToken", "enum WeirError"] {
        assert!(
            code.contains(&format!("pub(crate) {item}")),
            "{item}: {code}"
        );
    }
}

#[tokio::test]
async fn token_debug_redacts_the_secrets() {
    // APIMW's token has both an access token and a refresh token, the two secret fields.
    let server = apimw::start().await.expect("server");
    let client = Apimw::builder()
        .api_key(apimw::API_KEY)
        .api_secret(apimw::API_SECRET)
        .base_url(server.url())
        .build()
        .expect("valid configuration");
    let token = client.fetch_token().await.expect("token");
    let access = token.access_token.expose_secret().to_owned();
    let refresh = token
        .refresh_token
        .as_ref()
        .map(|r| r.expose_secret().to_owned())
        .expect("APIMW issues a refresh token");
    assert!(!access.is_empty() && !refresh.is_empty());

    let debug = format!("{token:?}");
    assert!(debug.starts_with("ApimwToken"), "{debug}");
    assert!(!debug.contains(&access), "access token in Debug: {debug}");
    assert!(!debug.contains(&refresh), "refresh token in Debug: {debug}");
    // The cached token and the client say nothing either.
    let cached = client.access_token().await.expect("token");
    assert!(!format!("{cached:?}").contains(cached.expose_secret()));
    let client_debug = format!("{client:?}");
    assert!(!client_debug.contains(apimw::API_SECRET), "{client_debug}");
    assert!(!client_debug.contains(apimw::API_KEY), "{client_debug}");
}

#[tokio::test]
async fn errors_clone_and_keep_no_secret() {
    let server = weir::start().await.expect("server");
    let wrong_secret = "a wrong secret that must not leak";
    let error = match weir_client(server.url(), wrong_secret).fetch_token().await {
        Err(e) => e,
        Ok(_) => panic!("the server accepted a wrong secret"),
    };
    assert!(
        matches!(error, WeirError::InvalidCredentials(_)),
        "{error:?}"
    );
    let copy = error.clone();
    assert_eq!(copy.to_string(), error.to_string());
    assert_eq!(copy.provider_error(), error.provider_error());
    assert_eq!(
        copy.provider_error().map(|e| e.status),
        Some(401),
        "{copy:?}"
    );
    for text in [format!("{error}"), format!("{error:?}")] {
        assert!(!text.contains(wrong_secret), "{text}");
    }
}

#[test]
fn config_error_converts_into_the_client_error() {
    // A plain-http base URL off loopback is refused when the client is built.
    let err = Weir::builder()
        .client_id("id")
        .secret_key("secret")
        .base_url("http://weir.example.com")
        .build()
        .expect_err("plain http off loopback is refused");
    let error = WeirError::from(err.clone());
    assert!(
        matches!(&error, WeirError::Config(e) if *e == err),
        "{error:?}"
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn a_setter_called_twice_keeps_the_last_value() {
    let server = weir::start().await.expect("server");
    let client = Weir::builder()
        .client_id(weir::CLIENT_ID)
        .secret_key("first, wrong")
        .secret_key(weir::SECRET_KEY)
        .base_url(server.url())
        .build()
        .expect("valid configuration");
    client
        .fetch_token()
        .await
        .expect("the second secret is used");
    assert_eq!(server.violations(), Vec::<String>::new());
}
