//! Interop with a real, independent OAuth 2 server: `oidc-provider` (a certified OpenID
//! provider, from the npm registry) on loopback, started by each test from
//! `tests/interop/oidc/server.mjs`, against clients generated from the specs in
//! `tests/interop/specs/`.
//!
//! The server's dependencies are installed by `scripts/test.sh` (`npm ci` in
//! `tests/interop/oidc`). When Node or the installed server is missing, these tests fail with
//! a message saying so; they never skip.

use std::process::Stdio;
use std::time::{Duration, Instant};

use tokenspec_core::ExposeSecret;
use tokenspec_tests::support::{assert_client, http};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

/// A client authenticating with HTTP Basic (`client_secret_basic`).
#[tokenspec_core::token_client(spec = "interop/specs/oidc_basic.yaml")]
pub struct OidcBasic;

/// A client sending its credentials in the form body (`client_secret_post`).
#[tokenspec_core::token_client(spec = "interop/specs/oidc_post.yaml")]
pub struct OidcPost;

/// The clients registered in `server.mjs`.
const BASIC_ID: &str = "basic-client";
const BASIC_SECRET: &str = "basic-secret-0123456789";
const POST_ID: &str = "post-client";
const POST_SECRET: &str = "post-secret-0123456789";
const JWT_ID: &str = "jwt-client";
const JWT_SECRET: &str = "jwt-secret-0123456789-0123456789-0123456789";

/// Token lifetime the server is started with, in seconds.
const TTL_SECONDS: u64 = 4;

/// A running oidc-provider, killed when dropped.
struct Oidc {
    issuer: String,
    _child: Child,
}

impl Oidc {
    async fn start() -> Oidc {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/interop/oidc");
        assert!(
            std::path::Path::new(dir)
                .join("node_modules/oidc-provider")
                .is_dir(),
            "oidc-provider is not installed: run `npm ci --prefix tests/interop/oidc` \
             (scripts/test.sh does)"
        );
        let mut child = Command::new("node")
            .arg("server.mjs")
            .arg("0")
            .current_dir(dir)
            .env("OIDC_TOKEN_TTL", TTL_SECONDS.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start `node` (is Node.js installed?): {e}"));
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut lines = BufReader::new(stdout).lines();
        let issuer = tokio::time::timeout(Duration::from_secs(30), async {
            while let Some(line) = lines.next_line().await.expect("server output") {
                if let Some(issuer) = line.strip_prefix("listening ") {
                    return issuer.to_owned();
                }
            }
            panic!("oidc-provider exited before it listened");
        })
        .await
        .expect("oidc-provider listens within 30 s");
        Oidc {
            issuer,
            _child: child,
        }
    }

    fn basic(&self, id: &str, secret: &str) -> OidcBasic {
        OidcBasic::builder()
            .issuer(&self.issuer)
            .client_id(id)
            .client_secret(secret)
            .build()
            .expect("valid configuration")
    }

    fn post(&self, id: &str, secret: &str) -> OidcPost {
        OidcPost::builder()
            .issuer(&self.issuer)
            .client_id(id)
            .client_secret(secret)
            .build()
            .expect("valid configuration")
    }

    /// Whether the provider itself still considers `token` active (RFC 7662 introspection).
    async fn is_active(&self, token: &str) -> bool {
        let response = http()
            .post(format!("{}/token/introspection", self.issuer))
            .basic_auth(BASIC_ID, Some(BASIC_SECRET))
            .form(&[("token", token)])
            .send()
            .await
            .expect("introspection request");
        let body: serde_json::Value = response.json().await.expect("introspection JSON");
        body["active"] == serde_json::Value::Bool(true)
    }
}

#[test]
fn clients_are_clone_send_sync() {
    assert_client::<OidcBasic>();
    assert_client::<OidcPost>();
}

#[tokio::test]
async fn client_secret_basic_gets_a_token_the_provider_accepts() {
    let oidc = Oidc::start().await;
    let token = oidc
        .basic(BASIC_ID, BASIC_SECRET)
        .fetch_token()
        .await
        .expect("token");
    assert_eq!(token.token_type.as_deref(), Some("Bearer"));
    assert_eq!(token.expires_in, Some(Duration::from_secs(TTL_SECONDS)));
    assert_eq!(token.scope.as_deref(), Some("api:read"));
    assert!(oidc.is_active(token.access_token.expose_secret()).await);
}

#[tokio::test]
async fn client_secret_post_gets_a_token_the_provider_accepts() {
    let oidc = Oidc::start().await;
    let token = oidc
        .post(POST_ID, POST_SECRET)
        .fetch_token()
        .await
        .expect("token");
    assert_eq!(token.scope.as_deref(), Some("api:read"));
    assert!(oidc.is_active(token.access_token.expose_secret()).await);
}

#[tokio::test]
async fn a_runtime_scope_is_sent() {
    let oidc = Oidc::start().await;
    let client = OidcBasic::builder()
        .issuer(&oidc.issuer)
        .client_id(BASIC_ID)
        .client_secret(BASIC_SECRET)
        .scope("api:read api:write")
        .build()
        .expect("valid configuration");
    let token = client.fetch_token().await.expect("token");
    assert_eq!(token.scope.as_deref(), Some("api:read api:write"));
}

#[tokio::test]
async fn the_cached_token_is_renewed_before_the_provider_expires_it() {
    let oidc = Oidc::start().await;
    let client = oidc.basic(BASIC_ID, BASIC_SECRET);
    let first = client.access_token().await.expect("token");
    let again = client.access_token().await.expect("token");
    assert_eq!(first.expose_secret(), again.expose_secret(), "cached");

    // For more than two lifetimes, every token served must still be active at the provider.
    let mut seen = vec![first.expose_secret().to_owned()];
    let until = Instant::now() + Duration::from_secs(2 * TTL_SECONDS + 1);
    while Instant::now() < until {
        let token = client.access_token().await.expect("token");
        assert!(
            oidc.is_active(token.expose_secret()).await,
            "served a token the provider no longer accepts ({} tokens so far)",
            seen.len()
        );
        if seen.last().map(String::as_str) != Some(token.expose_secret()) {
            seen.push(token.expose_secret().to_owned());
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert!(seen.len() >= 3, "renewed {} times", seen.len() - 1);
}

#[tokio::test]
async fn a_wrong_secret_is_the_typed_invalid_client_error() {
    let oidc = Oidc::start().await;
    let error = oidc
        .basic(BASIC_ID, "not-the-secret")
        .fetch_token()
        .await
        .expect_err("wrong secret");
    assert!(
        matches!(error, OidcBasicError::InvalidClient(ref e) if e.status == 401),
        "{error:?}"
    );
    let error = oidc
        .post(POST_ID, "not-the-secret")
        .fetch_token()
        .await
        .expect_err("wrong secret");
    assert!(
        matches!(error, OidcPostError::InvalidClient(_)),
        "{error:?}"
    );
    assert!(!error.to_string().contains("not-the-secret"), "{error}");
}

#[tokio::test]
async fn the_wrong_authentication_method_is_refused() {
    // jwt-client is registered for client_secret_jwt: its secret in a Basic header or in the
    // form body is the wrong method, whatever its value.
    let oidc = Oidc::start().await;
    let error = oidc
        .basic(JWT_ID, JWT_SECRET)
        .fetch_token()
        .await
        .expect_err("wrong method");
    assert!(
        matches!(error, OidcBasicError::InvalidClient(_)),
        "{error:?}"
    );
    let error = oidc
        .post(JWT_ID, JWT_SECRET)
        .fetch_token()
        .await
        .expect_err("wrong method");
    assert!(
        matches!(error, OidcPostError::InvalidClient(_)),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_scope_the_client_may_not_have_is_the_typed_invalid_scope_error() {
    // Client-credentials servers refuse `openid` (there is no end user).
    let oidc = Oidc::start().await;
    let client = OidcBasic::builder()
        .issuer(&oidc.issuer)
        .client_id(BASIC_ID)
        .client_secret(BASIC_SECRET)
        .scope("openid")
        .build()
        .expect("valid configuration");
    let error = client.fetch_token().await.expect_err("openid refused");
    let OidcBasicError::InvalidScope(provider) = &error else {
        panic!("expected InvalidScope, got {error:?}");
    };
    assert_eq!(provider.status, 400);
    assert_eq!(provider.code.as_deref(), Some("invalid_scope"));
}
