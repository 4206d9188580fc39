//! `send_authorized`'s errors say which side failed, and the allowed-host rule as a user
//! meets it: a fake API on another loopback port than the token endpoint.

use tokenspec_core::providers::{Weir, WeirError};
use tokenspec_core::testing::{MockProvider, MockServer};
use tokenspec_core::{ApiError, ConfigError};
use tokenspec_tests::api::Api;
use tokenspec_tests::support::{closed_url, http};

async fn mock() -> MockServer {
    MockProvider::for_plan(Weir::plan())
        .start()
        .await
        .expect("mock")
}

fn weir(mock: &MockServer, allow: Option<&str>) -> Weir {
    let builder = Weir::builder()
        .client_id(mock.credential("client_id").unwrap_or("id"))
        .secret_key(mock.credential("secret_key").unwrap_or("s"))
        .base_url(mock.base_url());
    match allow {
        Some(host) => builder.allow_host(host),
        None => builder,
    }
    .build()
    .expect("valid configuration")
}

#[tokio::test]
async fn an_api_that_is_down_is_an_api_error_not_a_token_error() {
    let mock = mock().await;
    let client = weir(&mock, Some("127.0.0.1"));
    let down = closed_url().await.expect("a closed port");
    let error = client
        .send_authorized(|| http().get(format!("{down}/v1/things")))
        .await
        .unwrap_err();

    assert!(
        matches!(&error, ApiError::Request(e) if e.is_connect()),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(text.starts_with("the API call failed"), "{text}");
    assert!(!text.contains("token request"), "{text}");
    assert!(!text.contains(&down), "the URL is left out: {text}");
    assert_eq!(mock.request_count(), 1, "the token itself was had");
    let token = &mock.issued_tokens()[0];
    assert!(!format!("{error:?}{error}").contains(token.as_str()));
}

#[tokio::test]
async fn a_token_that_cannot_be_had_is_the_clients_error() {
    let mock = mock().await;
    let api = Api::start().await.expect("api");
    let client = Weir::builder()
        .client_id(mock.credential("client_id").unwrap_or("id"))
        .secret_key("wrong secret")
        .base_url(mock.base_url())
        .allow_host(format!("127.0.0.1:{}", api.port))
        .build()
        .expect("valid configuration");
    let error = client
        .send_authorized(|| http().get(format!("{}/ok", api.url)))
        .await
        .unwrap_err();
    assert!(
        matches!(error.token_error(), Some(WeirError::InvalidCredentials(_))),
        "{error:?}"
    );
    assert!(
        error.to_string().starts_with("could not get a token"),
        "{error}"
    );
    assert!(
        !format!("{error:?}{error}").contains("wrong secret"),
        "{error:?}"
    );
    assert_eq!(api.seen().len(), 0);
}

/// The base URL names one origin: its host with its port. A fake API on another port of the
/// same loopback host is refused until the user names it, and the error says what was
/// compared (issue 9, item 5: it said only `host: "127.0.0.1"`).
#[tokio::test]
async fn another_port_of_the_base_url_host_is_refused_and_the_error_says_what_was_compared() {
    let mock = mock().await;
    let api = Api::start().await.expect("api");
    let client = weir(&mock, None);
    let error = client
        .send_authorized(|| http().get(format!("{}/ok", api.url)))
        .await
        .unwrap_err();

    let ApiError::Refused(ConfigError::HostNotAllowed {
        host,
        port,
        allowed,
    }) = &error
    else {
        panic!("expected a refusal, got {error:?}");
    };
    assert_eq!((host.as_str(), *port), ("127.0.0.1", api.port));
    let base = format!("127.0.0.1:{}", mock.addr().port());
    assert!(allowed.contains(&base), "{allowed:?}");
    let text = error.to_string();
    assert!(
        text.contains(&format!("`127.0.0.1:{}`", api.port)),
        "{text}"
    );
    assert!(text.contains(&base), "{text}");
    assert_eq!(
        mock.request_count(),
        0,
        "checked before the token is fetched"
    );
    assert_eq!(api.seen().len(), 0);

    // Named with its port, or as a host for any port, it is allowed.
    for allow in [format!("127.0.0.1:{}", api.port), "127.0.0.1".to_owned()] {
        let client = weir(&mock, Some(&allow));
        let response = client
            .send_authorized(|| http().get(format!("{}/ok", api.url)))
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "allow_host({allow:?})");
    }
}
