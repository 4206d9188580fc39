//! How a user tests their own code against a mock of the provider, with no network and no
//! hand-written fake: `tokenspec_core::testing::MockProvider` (feature `testing`) serves the
//! token endpoint a spec describes.
//!
//! The "code under test" below is a small piece of an application: it signs outgoing API
//! requests with the Weir client's cached token. The tests start the mock from the spec,
//! point the client's base URL at it, run the code under test and assert on what the mock
//! received. Run them with `cargo test -p tokenspec-tests --example mock_in_tests`, or the
//! same scenario as a program with `cargo run -p tokenspec-tests --example mock_in_tests`.

use tokenspec_core::providers::{Weir, WeirError};

// ---- The user's code under test -------------------------------------------------------

/// Signs requests to the Weir API with a cached token.
struct ApiSigner {
    client: Weir,
}

impl ApiSigner {
    /// The `Authorization` header value for the next API request.
    async fn authorization(&self) -> Result<String, WeirError> {
        let token = self.client.access_token().await?;
        Ok(format!("Bearer {}", token.expose_secret()))
    }
}

// ---- Test support: the client pointed at a mock ---------------------------------------

use tokenspec_core::testing::{MockProvider, MockServer};

/// The mock, started from the spec file, and the code under test wired to it.
async fn signer_with_mock() -> Result<(MockServer, ApiSigner), Box<dyn std::error::Error>> {
    let spec = concat!(env!("CARGO_MANIFEST_DIR"), "/../specs/weir.yaml");
    let mock = MockProvider::from_spec_file(spec)?
        .credential("client_id", "my-app")
        .start()
        .await?;
    let client = Weir::builder()
        .client_id("my-app")
        // The mock's default for a credential not configured: `mock-secret_key`.
        .secret_key(mock.credential("secret_key").unwrap_or_default())
        .base_url(mock.base_url())
        .build()?;
    Ok((mock, ApiSigner { client }))
}

/// The scenario the tests check, also run by `main`.
async fn scenario() -> Result<(), Box<dyn std::error::Error>> {
    let (mock, signer) = signer_with_mock().await?;

    // Two API requests share one token: one request reached the token endpoint.
    let first = signer.authorization().await?;
    let second = signer.authorization().await?;
    assert_eq!(first, second);
    assert_eq!(mock.request_count(), 1);
    assert_eq!(first, format!("Bearer {}", mock.issued_tokens()[0]));

    // It sent the credentials where the spec says, and the record hides the secret.
    let request = &mock.requests()[0];
    assert!(request.accepted(), "{:?}", request.rejection);
    assert_eq!(request.basic_user.as_deref(), Some("my-app"));
    assert_eq!(request.header("authorization"), Some("Basic [REDACTED]"));
    println!(
        "token request: {} {} with {:?}",
        request.method,
        request.path,
        request.header("authorization")
    );
    Ok(())
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    scenario().await?;
    println!("ok: the code under test signs requests with the mock's token");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokenspec_core::testing::Fault;

    #[tokio::test]
    async fn one_token_request_serves_many_api_calls() {
        scenario().await.expect("scenario");
    }

    #[tokio::test]
    async fn an_outage_of_the_provider_reaches_the_caller_as_a_typed_error() {
        let (mock, signer) = signer_with_mock().await.expect("mock");
        mock.fail_next(usize::MAX, Fault::HtmlPage { status: 502 });
        match signer.authorization().await {
            Err(WeirError::UnexpectedResponse(e)) => assert_eq!(e.status, 502),
            other => panic!("expected an unexpected response, got {other:?}"),
        }
    }
}
