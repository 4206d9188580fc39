//! mTLS (RFC 8705 `tls_client_auth`) and extra root certificates against a real TLS 1.3
//! server on loopback that requires a client certificate (`tokenspec_tests::tls`), in front
//! of a mock of Weir's token endpoint. Certificates are made in the test.

use tokenspec_core::__private::Set;
use tokenspec_core::providers::{Weir, WeirBuilder, WeirError};
use tokenspec_core::testing::{MockProvider, MockServer};
use tokenspec_core::{ConfigError, RetryPolicy, TransportError};
use tokenspec_tests::support::closed_url;
use tokenspec_tests::tls::{Ca, Leaf, TlsFront};

struct Setup {
    mock: MockServer,
    front: TlsFront,
    server_ca: Ca,
    client: Leaf,
}

/// A server CA, a client CA (different names), the server's leaf, a client leaf, the mock
/// and the TLS front.
async fn setup() -> Setup {
    let mock = MockProvider::for_plan(Weir::plan())
        .start()
        .await
        .expect("mock");
    let server_ca = Ca::new("tokenspec test server CA");
    let client_ca = Ca::new("tokenspec test client CA");
    let server = server_ca.server_leaf("tokenspec test server");
    let client = client_ca.client_leaf("tokenspec test client");
    let front = TlsFront::start(&server, &client_ca, mock.addr()).await;
    Setup {
        mock,
        front,
        server_ca,
        client,
    }
}

/// Weir's builder with the mock's credentials, pointed at the TLS front, no retries.
fn builder(s: &Setup) -> WeirBuilder<Set, Set> {
    Weir::builder()
        .client_id(s.mock.credential("client_id").unwrap_or_default())
        .secret_key(s.mock.credential("secret_key").unwrap_or_default())
        .base_url(s.front.base_url())
        .retry(RetryPolicy::none())
}

fn transport<T: std::fmt::Debug>(result: Result<T, WeirError>) -> TransportError {
    match result {
        Err(WeirError::Transport(e)) => e,
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn fetches_a_token_with_the_client_certificate_and_the_extra_root() {
    let s = setup().await;
    let client = builder(&s)
        .root_certificates_pem(s.server_ca.cert_pem.as_str())
        .client_identity_pem(s.client.cert_pem.as_str(), s.client.key_pem.as_str())
        .user_agent("tokenspec-mtls-test")
        .build()
        .expect("valid configuration");

    let token = client.access_token().await.expect("a token over mTLS");
    assert!(!token.expose_secret().is_empty());
    assert_eq!(s.mock.requests().len(), 1);
    assert_eq!(
        s.mock.requests()[0].header("user-agent"),
        Some("tokenspec-mtls-test")
    );

    // `send_authorized` keeps the client's TLS settings: its API request to the same server
    // gets an HTTP answer, not a handshake failure.
    let url = format!("{}/api/thing", s.front.base_url());
    let response = client
        .send_authorized(|| tokenspec_core::reqwest::Client::new().get(&url))
        .await
        .expect("the API request passes the handshake");
    assert!(response.status().as_u16() >= 200);
}

#[tokio::test]
async fn a_missing_client_certificate_is_a_tls_transport_error() {
    let s = setup().await;
    let client = builder(&s)
        .root_certificates_pem(s.server_ca.cert_pem.as_str())
        .build()
        .expect("valid configuration");

    let error = transport(client.fetch_token().await);
    assert!(error.is_tls(), "{error:?}");
    assert!(!error.is_timeout());
    assert!(s.mock.requests().is_empty());

    // A refused connection is not a TLS failure.
    let closed = Weir::builder()
        .client_id("id")
        .secret_key("secret")
        .base_url(closed_url().await.expect("a closed port"))
        .retry(RetryPolicy::none())
        .build()
        .expect("valid configuration");
    let error = transport(closed.fetch_token().await);
    assert!(error.is_connect() && !error.is_tls(), "{error:?}");
}

#[tokio::test]
async fn an_untrusted_client_certificate_is_a_tls_transport_error() {
    let s = setup().await;
    let stranger = Ca::new("tokenspec test stranger CA").client_leaf("tokenspec test stranger");
    let client = builder(&s)
        .root_certificates_pem(s.server_ca.cert_pem.as_str())
        .client_identity_pem(stranger.cert_pem.as_str(), stranger.key_pem.as_str())
        .build()
        .expect("valid configuration");

    let error = transport(client.fetch_token().await);
    assert!(error.is_tls(), "{error:?}");
    assert!(s.mock.requests().is_empty());
}

#[tokio::test]
async fn a_server_without_the_extra_root_is_a_tls_transport_error() {
    let s = setup().await;
    let client = builder(&s)
        .client_identity_pem(s.client.cert_pem.as_str(), s.client.key_pem.as_str())
        .build()
        .expect("valid configuration");

    let error = transport(client.fetch_token().await);
    assert!(error.is_tls(), "{error:?}");
}

#[tokio::test]
async fn a_key_that_is_not_pkcs8_is_a_config_error_naming_the_setting() {
    let s = setup().await;
    let sec1 = s
        .client
        .key_pem
        .replace("BEGIN PRIVATE KEY", "BEGIN EC PRIVATE KEY")
        .replace("END PRIVATE KEY", "END EC PRIVATE KEY");
    let error = builder(&s)
        .client_identity_pem(s.client.cert_pem.as_str(), sec1.as_str())
        .build()
        .expect_err("a SEC1 key is refused");
    let ConfigError::Transport { setting, .. } = &error else {
        panic!("expected ConfigError::Transport, got {error:?}");
    };
    assert_eq!(setting, "client_identity_pem");
    let body = key_body(&s.client.key_pem);
    assert!(
        !error.to_string().contains(body),
        "the key stays out of the error"
    );
    assert!(!format!("{error:?}").contains(body));

    let error = builder(&s)
        .root_certificates_pem("not a certificate")
        .build()
        .expect_err("a bundle without a certificate is refused");
    assert!(
        matches!(&error, ConfigError::Transport { setting, .. } if setting == "root_certificates_pem"),
        "{error:?}"
    );
    let error = builder(&s)
        .proxy("not a url")
        .build()
        .expect_err("a bad proxy URL is refused");
    assert!(
        matches!(&error, ConfigError::Transport { setting, .. } if setting == "proxy"),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_key_and_certificate_never_appear_in_debug() {
    let s = setup().await;
    let body = key_body(&s.client.key_pem);
    let cert = key_body(&s.client.cert_pem);
    let with_identity = || {
        builder(&s)
            .root_certificates_pem(s.server_ca.cert_pem.as_str())
            .client_identity_pem(s.client.cert_pem.as_str(), s.client.key_pem.as_str())
            .proxy("http://user:proxy-password@127.0.0.1:9")
    };
    let shown = format!("{:?}", with_identity());
    assert!(!shown.contains(body) && !shown.contains(cert), "{shown}");
    let client = with_identity().build().expect("valid configuration");
    for shown in [format!("{client:?}"), format!("{client:#?}")] {
        assert!(!shown.contains(body), "{shown}");
        assert!(!shown.contains(cert), "{shown}");
        assert!(!shown.contains("proxy-password"), "{shown}");
    }
}

/// The base64 lines of a PEM block, without its labels.
fn key_body(pem: &str) -> &str {
    pem.lines()
        .find(|l| !l.starts_with("-----") && l.len() > 20)
        .expect("a PEM body")
}

/// An explicit proxy carries the token request to a host that is not loopback: the mock
/// serves as the proxy (a plain-http request goes to a proxy in absolute form, whose path
/// the mock routes), and `token.weir.test` exists nowhere else.
#[tokio::test]
async fn an_explicit_proxy_carries_the_token_request() {
    let mock = MockProvider::for_plan(Weir::plan())
        .start()
        .await
        .expect("mock");
    let client = Weir::builder()
        .client_id(mock.credential("client_id").unwrap_or_default())
        .secret_key(mock.credential("secret_key").unwrap_or_default())
        .base_url("http://token.weir.test")
        .allow_plain_http()
        .proxy(mock.base_url())
        .retry(RetryPolicy::none())
        .build()
        .expect("valid configuration");
    client
        .access_token()
        .await
        .expect("a token through the proxy");
    assert_eq!(mock.requests().len(), 1);
}

/// Loopback never goes through the proxy: with a proxy that accepts no connection, the token
/// request to the mock on loopback still arrives.
#[tokio::test]
async fn loopback_bypasses_the_proxy() {
    let mock = MockProvider::for_plan(Weir::plan())
        .start()
        .await
        .expect("mock");
    let client = Weir::builder()
        .client_id(mock.credential("client_id").unwrap_or_default())
        .secret_key(mock.credential("secret_key").unwrap_or_default())
        .base_url(mock.base_url())
        .proxy(closed_url().await.expect("a closed port"))
        .retry(RetryPolicy::none())
        .build()
        .expect("valid configuration");
    client
        .access_token()
        .await
        .expect("a token, not through the proxy");
    assert_eq!(mock.requests().len(), 1);
}
