//! The tower adapter (`tokenspec_core::tower`) around hyper-util's client, against the mock
//! token endpoint and a fake API on loopback: what arrives, what is refused, the one renewal
//! (and, with `replaying`, the one replay) after a 401, and which side an error blames.

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use tokenspec_core::http::{Request, StatusCode};
use tokenspec_core::providers::{Weightron, WeightronError};
use tokenspec_core::testing::MockProvider;
use tokenspec_core::tower::TokenLayer;
use tokenspec_core::{ApiError, ConfigError};
use tokenspec_tests::api::{API_KEY, weightron, weightron_and_api};
use tokenspec_tests::support::closed_url;
use tower_layer::Layer;
use tower_service::Service;

type Hyper = Client<HttpConnector, Full<Bytes>>;
type Error = ApiError<WeightronError, hyper_util::client::legacy::Error>;

fn hyper() -> Hyper {
    Client::builder(TokioExecutor::new()).build_http()
}

fn get(url: &str) -> Request<Full<Bytes>> {
    Request::get(url).body(Full::default()).expect("request")
}

/// Waits for the service to be ready, then calls it.
async fn call<S: Service<Request<Full<Bytes>>>>(
    service: &mut S,
    request: Request<Full<Bytes>>,
) -> Result<S::Response, S::Error> {
    std::future::poll_fn(|cx| service.poll_ready(cx)).await?;
    service.call(request).await
}

#[tokio::test]
async fn the_token_and_the_api_key_arrive() {
    let (mock, api, client) = weightron_and_api().await;
    let mut service = TokenLayer::new(client).layer(hyper());
    let response = call(&mut service, get(&format!("{}/ok", api.url)))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert_eq!(&body[..], b"ok");

    let seen = &api.seen()[0];
    assert_eq!(seen.bearer(), Some(&*mock.issued_tokens()[0]));
    assert_eq!(seen.header("x-api-key"), Some(API_KEY));
}

#[tokio::test]
async fn another_host_is_refused_before_a_token_is_fetched() {
    let (mock, api, client) = weightron_and_api().await;
    let mut service = TokenLayer::new(client).layer(hyper());
    let url = format!("http://localhost:{}/ok", api.port);
    let error: Error = call(&mut service, get(&url)).await.unwrap_err();
    assert!(matches!(
        &error,
        ApiError::Refused(ConfigError::HostNotAllowed { host, port, .. }) if host == "localhost" && *port == api.port
    ));
    // A URI that is not absolute cannot be checked: refused too.
    let error = call(&mut service, get("/ok")).await.unwrap_err();
    assert!(matches!(
        error,
        ApiError::Refused(ConfigError::InvalidUrl { .. })
    ));
    assert_eq!(api.seen().len(), 0);
    assert_eq!(mock.request_count(), 0);
}

#[tokio::test]
async fn replaying_a_401_causes_one_renewal_and_one_replay() {
    let (mock, api, client) = weightron_and_api().await;
    let mut service = TokenLayer::replaying(client).layer(hyper());
    let request = Request::post(format!("{}/reject-first", api.url))
        .body(Full::new(Bytes::from_static(b"payload")))
        .unwrap();
    let response = call(&mut service, request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    let seen = api.seen();
    let tokens = mock.issued_tokens();
    assert_eq!((seen.len(), tokens.len()), (2, 2));
    assert_eq!(seen[1].bearer(), Some(&*tokens[1]));

    // An API that rejects every token: two requests, then the 401; no loop.
    let response = call(&mut service, get(&format!("{}/reject", api.url)))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        api.count("/reject"),
        1,
        "within REJECTION_PAUSE: kept, not replayed"
    );
    assert_eq!(mock.request_count(), 2);
}

#[tokio::test]
async fn without_replay_a_401_drops_the_token_for_the_next_request() {
    let (mock, api, client) = weightron_and_api().await;
    let mut service = TokenLayer::new(client).layer(hyper());
    let response = call(&mut service, get(&format!("{}/reject-first", api.url)))
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "returned, not replayed"
    );
    assert_eq!(api.count("/reject-first"), 1);

    let response = call(&mut service, get(&format!("{}/reject-first", api.url)))
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let tokens = mock.issued_tokens();
    assert_eq!(tokens.len(), 2, "renewed once");
    assert_eq!(api.seen()[1].bearer(), Some(&*tokens[1]));
}

#[tokio::test]
async fn an_api_that_is_down_is_the_inner_services_error() {
    let mock = MockProvider::for_plan(Weightron::plan())
        .start()
        .await
        .expect("mock");
    let mut service = TokenLayer::new(weightron(&mock, "127.0.0.1")).layer(hyper());
    let down = closed_url().await.expect("a closed port");
    let error: Error = call(&mut service, get(&format!("{down}/ok")))
        .await
        .unwrap_err();
    assert!(
        matches!(&error, ApiError::Request(e) if e.is_connect()),
        "{error:?}"
    );
    assert_eq!(mock.request_count(), 1, "the token itself was had");
}

#[tokio::test]
async fn a_redirect_to_another_host_is_not_followed() {
    let (_mock, api, client) = weightron_and_api().await;
    let other = tokenspec_tests::api::Api::start().await.expect("other api");
    let mut service = TokenLayer::new(client).layer(hyper());
    let away = format!("{}/away?to=http://localhost:{}/ok", api.url, other.port);
    let response = call(&mut service, get(&away)).await.unwrap();
    // hyper-util's client follows no redirect: the 307 comes back, the other host sees nothing.
    assert_eq!(response.status(), StatusCode::TEMPORARY_REDIRECT);
    assert_eq!(other.seen().len(), 0);
}
