//! Every `Fault` of the mock provider, seen through a built-in client: each gives the error
//! kind it stands for, and the client succeeds again once the faults are cleared.
//!
//! Faults a retrying engine would retry are queued for every request (`usize::MAX`), so the
//! outcome does not depend on how many attempts the engine makes.

use std::time::{Duration, Instant};

use tokenspec_core::ExposeSecret;
use tokenspec_core::providers::{Weavy, WeavyError, Weir, WeirError};
use tokenspec_core::testing::{Fault, MockProvider, MockServer};

async fn weavy() -> (MockServer, Weavy) {
    let mock = MockProvider::for_plan(Weavy::plan())
        .start()
        .await
        .expect("mock");
    let client = Weavy::builder()
        .host(mock.host())
        .client_id(mock.credential("client_id").unwrap_or_default())
        .client_secret(mock.credential("client_secret").unwrap_or_default())
        .base_url(mock.base_url())
        .build()
        .expect("client");
    (mock, client)
}

/// Runs `fault` for every request and returns the client's error, after checking that the
/// mock recorded the fault and that the client recovers once it is cleared.
async fn fail_with(fault: Fault) -> WeavyError {
    let (mock, client) = weavy().await;
    mock.fail_next(usize::MAX, fault.clone());
    let err = match client.fetch_token().await {
        Err(e) => e,
        Ok(_) => panic!("{fault:?} gave a token"),
    };
    assert_eq!(mock.requests()[0].fault.as_ref(), Some(&fault));
    assert!(
        mock.issued_tokens().is_empty(),
        "no usable token under {fault:?}"
    );
    mock.clear_faults();
    client.fetch_token().await.expect("recovers");
    err
}

#[tokio::test]
async fn too_many_requests_carries_retry_after_and_the_spec_variant() {
    let mock = MockProvider::for_plan(Weir::plan())
        .start()
        .await
        .expect("mock");
    let client = Weir::builder()
        .client_id(mock.credential("client_id").unwrap_or_default())
        .secret_key(mock.credential("secret_key").unwrap_or_default())
        .base_url(mock.base_url())
        .build()
        .expect("client");
    mock.fail_next(usize::MAX, Fault::TooManyRequests { retry_after: 1 });
    match client.fetch_token().await {
        Err(WeirError::RateLimitExceeded(e)) => {
            assert_eq!(e.status, 429);
            assert_eq!(e.code.as_deref(), Some("RATE_LIMIT_EXCEEDED"));
            assert_eq!(e.retry_after, Some(Duration::from_secs(1)));
        }
        other => panic!("expected RateLimitExceeded, got {other:?}"),
    }
}

#[tokio::test]
async fn a_server_error_is_a_provider_error_with_its_status() {
    match fail_with(Fault::ServerError { status: 503 }).await {
        WeavyError::Provider(e) => assert_eq!(e.status, 503),
        other => panic!("expected Provider, got {other:?}"),
    }
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error() {
    assert!(matches!(
        fail_with(Fault::DropConnection).await,
        WeavyError::Transport(_)
    ));
}

#[tokio::test]
async fn an_html_page_is_an_unexpected_response() {
    match fail_with(Fault::HtmlPage { status: 502 }).await {
        WeavyError::UnexpectedResponse(e) => {
            assert_eq!(e.status, 502);
            assert!(e.content_type.unwrap_or_default().starts_with("text/html"));
        }
        other => panic!("expected UnexpectedResponse, got {other:?}"),
    }
}

#[tokio::test]
async fn truncated_json_is_an_unexpected_response() {
    assert!(matches!(
        fail_with(Fault::TruncatedJson).await,
        WeavyError::UnexpectedResponse(e) if e.status == 200
    ));
}

#[tokio::test]
async fn a_redirect_is_not_followed() {
    assert!(matches!(
        fail_with(Fault::Redirect).await,
        WeavyError::UnexpectedResponse(e) if e.status == 302
    ));
}

#[tokio::test]
async fn wrong_types_and_a_missing_token_are_decoding_errors() {
    match fail_with(Fault::WrongTypes).await {
        WeavyError::Decode(e) => assert!(e.reason().contains("access_token"), "{e}"),
        other => panic!("expected Decode, got {other:?}"),
    }
    match fail_with(Fault::MalformedToken).await {
        WeavyError::Decode(e) => assert!(e.reason().contains("access_token"), "{e}"),
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn an_expired_token_is_returned_with_no_lifetime_left() {
    let (mock, client) = weavy().await;
    mock.fail_next(1, Fault::ExpiredToken);
    let token = client.fetch_token().await.expect("token");
    assert_eq!(token.expires_in, Some(Duration::ZERO));
    assert_eq!(token.access_token.expose_secret(), mock.issued_tokens()[0]);
    let next = client.fetch_token().await.expect("token");
    assert_eq!(next.expires_in, Some(Duration::from_secs(3600)));
}

#[tokio::test]
async fn a_delay_slows_the_answer_down_without_changing_it() {
    let (mock, client) = weavy().await;
    mock.fail_next(1, Fault::Delay(Duration::from_millis(300)));
    let started = Instant::now();
    client.fetch_token().await.expect("token");
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(mock.request_count(), 1);
}

#[tokio::test]
async fn faults_apply_to_the_next_n_requests_only() {
    let (mock, client) = weavy().await;
    let http = tokenspec_core::reqwest::Client::builder()
        .no_proxy()
        .redirect(tokenspec_core::reqwest::redirect::Policy::none())
        .build()
        .expect("http");
    mock.fail_next(2, Fault::HtmlPage { status: 503 });
    mock.fail_next(1, Fault::Redirect);
    let mut statuses = Vec::new();
    for _ in 0..4 {
        let r = http.post(mock.url()).send().await.expect("send");
        statuses.push(r.status().as_u16());
    }
    // The last request is a normal one: a bad request, since it carries no credentials.
    assert_eq!(statuses, [503, 503, 302, 400]);
    client.fetch_token().await.expect("token");
}

#[tokio::test]
async fn a_refresh_grant_accepts_only_refresh_tokens_the_mock_issued() {
    let plan = tokenspec_spec::load(
        "tokenspec: 1\nname: refreshing\nstyle: oauth2\n\
         token:\n  url: https://auth.example.com/token\n\
         credentials:\n  client_id: { in: form, secret: false }\n  client_secret: form\n\
         refresh:\n  params:\n    grant_type: refresh_token\n  token_param: refresh_token\n",
        "refresh.yaml",
    )
    .expect("spec")
    .plan;
    let mock = MockProvider::for_plan(&plan).start().await.expect("mock");
    let http = tokenspec_core::reqwest::Client::builder()
        .no_proxy()
        .build()
        .expect("http");
    let post = |form: Vec<(&'static str, String)>| http.post(mock.url()).form(&form).send();
    let creds = |grant: &str| {
        vec![
            ("grant_type", grant.to_owned()),
            ("client_id", "mock-client_id".to_owned()),
            ("client_secret", "mock-client_secret".to_owned()),
        ]
    };
    let first: serde_json::Value = post(creds("client_credentials"))
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    let refresh = first["refresh_token"]
        .as_str()
        .expect("refresh token")
        .to_owned();

    let mut again = creds("refresh_token");
    again.push(("refresh_token", refresh));
    let renewed = post(again).await.expect("send");
    assert_eq!(renewed.status().as_u16(), 200);

    let mut forged = creds("refresh_token");
    forged.push(("refresh_token", "forged".to_owned()));
    let refused: serde_json::Value = post(forged)
        .await
        .expect("send")
        .json()
        .await
        .expect("json");
    assert_eq!(refused["error"], "invalid_grant");
    assert_eq!(mock.issued_tokens().len(), 2);
    let recorded = &mock.requests()[1];
    assert_eq!(
        recorded.body_field("refresh_token").as_deref(),
        Some("[REDACTED]")
    );
}
