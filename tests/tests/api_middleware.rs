//! The reqwest-middleware adapter (`tokenspec_core::middleware`) against the mock token
//! endpoint and a fake API on loopback: what arrives at the API, what is refused, the one
//! renewal after a 401, redirects, and which side an error blames.

use tokenspec_core::middleware::{self, TokenMiddleware};
use tokenspec_core::providers::{Weightron, WeightronError};
use tokenspec_core::reqwest_middleware::{self, ClientBuilder, ClientWithMiddleware};
use tokenspec_core::testing::{MockProvider, MockServer};
use tokenspec_core::{ApiError, ConfigError, redirect_policy, reqwest};
use tokenspec_tests::api::{API_KEY, Api, weightron, weightron_and_api};
use tokenspec_tests::support::closed_url;

async fn setup() -> (MockServer, Api, Weightron, ClientWithMiddleware) {
    let (mock, api, client) = weightron_and_api().await;
    let http = middleware::client(client.clone()).expect("client");
    (mock, api, client, http)
}

type Error = ApiError<WeightronError, reqwest_middleware::Error>;

#[tokio::test]
async fn the_token_and_the_api_key_arrive() {
    let (mock, api, _, http) = setup().await;
    let response = http.get(format!("{}/ok", api.url)).send().await.unwrap();
    assert_eq!(response.status(), 200);

    let seen = &api.seen()[0];
    assert_eq!(seen.bearer(), Some(&*mock.issued_tokens()[0]));
    assert_eq!(seen.header("x-api-key"), Some(API_KEY));
    // The second call is served from the cache.
    http.get(format!("{}/ok", api.url)).send().await.unwrap();
    assert_eq!(mock.request_count(), 1);
}

#[tokio::test]
async fn another_host_is_refused_before_a_token_is_fetched() {
    let (mock, api, _, http) = setup().await;
    // `localhost` is not the allowed `127.0.0.1`, though it reaches the same server.
    let url = format!("http://localhost:{}/ok", api.port);
    let error = http.get(&url).send().await.unwrap_err();

    // The refusal is a `ConfigError` inside reqwest-middleware's `anyhow`.
    let reqwest_middleware::Error::Middleware(inner) = &error else {
        panic!("expected a middleware error, got {error:?}");
    };
    assert!(matches!(
        inner.downcast_ref::<ConfigError>(),
        Some(ConfigError::HostNotAllowed { host, port, .. }) if host == "localhost" && *port == api.port
    ));
    assert!(matches!(
        Error::from_middleware(error),
        ApiError::Refused(ConfigError::HostNotAllowed { .. })
    ));
    assert_eq!(api.seen().len(), 0, "nothing sent");
    assert_eq!(
        mock.request_count(),
        0,
        "no token fetched for a refused request"
    );
}

#[tokio::test]
async fn a_401_causes_one_renewal_and_one_replay() {
    let (mock, api, _, http) = setup().await;
    let response = http
        .post(format!("{}/reject-first", api.url))
        .body("payload")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);

    let seen = api.seen();
    assert_eq!(seen.len(), 2, "sent once, replayed once");
    let tokens = mock.issued_tokens();
    assert_eq!(tokens.len(), 2, "one renewal");
    assert_eq!(seen[0].bearer(), Some(&*tokens[0]));
    assert_eq!(seen[1].bearer(), Some(&*tokens[1]));
}

#[tokio::test]
async fn an_api_that_rejects_every_token_is_never_looped_on() {
    let (mock, api, _, http) = setup().await;
    let first = http
        .get(format!("{}/reject", api.url))
        .send()
        .await
        .unwrap();
    assert_eq!(first.status(), 401, "the second 401 is returned as it is");
    assert_eq!((api.count("/reject"), mock.request_count()), (2, 2));

    // Within REJECTION_PAUSE the fresh token is kept: no renewal, no replay.
    let again = http
        .get(format!("{}/reject", api.url))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 401);
    assert_eq!((api.count("/reject"), mock.request_count()), (3, 2));
}

#[tokio::test]
async fn a_redirect_to_another_host_carries_no_credential() {
    let (_mock, api, _, http) = setup().await;
    let other = Api::start().await.expect("other api");
    let away = format!("http://localhost:{}/ok", other.port);
    let response = http
        .get(format!("{}/away", api.url))
        .query(&[("to", &away)])
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.status(),
        307,
        "the redirect is returned, not followed"
    );
    assert_eq!(other.seen().len(), 0);

    // Within the origin it is followed, and the token goes along.
    let here = format!("{}/ok", api.url);
    let response = http
        .get(format!("{}/away", api.url))
        .query(&[("to", &here)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let last = api.seen().pop().expect("a request");
    assert_eq!(last.path, "/ok");
    assert!(last.header("authorization").is_some());
}

#[tokio::test]
async fn an_api_that_is_down_is_an_api_error_not_a_token_error() {
    let mock = MockProvider::for_plan(Weightron::plan())
        .start()
        .await
        .expect("mock");
    // Any port of 127.0.0.1.
    let http = middleware::client(weightron(&mock, "127.0.0.1")).expect("client");
    let down = closed_url().await.expect("a closed port");
    let error = http.get(format!("{down}/ok")).send().await.unwrap_err();

    assert!(matches!(&error, reqwest_middleware::Error::Reqwest(e) if e.is_connect()));
    let error = Error::from_middleware(error);
    assert!(error.is_request(), "{error:?}");
    assert!(
        error.to_string().starts_with("the API call failed"),
        "{error}"
    );
    assert_eq!(mock.request_count(), 1, "the token itself was had");
}

#[tokio::test]
async fn a_token_failure_is_the_clients_error_by_downcast() {
    let mock = MockProvider::for_plan(Weightron::plan())
        .start()
        .await
        .expect("mock");
    let api = Api::start().await.expect("api");
    let client = Weightron::builder()
        .client_id(mock.credential("client_id").unwrap_or("id"))
        .client_secret("wrong")
        .api_key(API_KEY)
        .base_url(mock.base_url())
        .allow_host(format!("127.0.0.1:{}", api.port))
        .build()
        .expect("valid configuration");
    // A stack built by hand: the caller's own client, with tokenspec's redirect policy.
    let inner = reqwest::Client::builder()
        .redirect(redirect_policy())
        .build()
        .expect("client");
    let http = ClientBuilder::new(inner)
        .with(TokenMiddleware::new(client))
        .build();
    let error = http
        .get(format!("{}/ok", api.url))
        .send()
        .await
        .unwrap_err();

    let reqwest_middleware::Error::Middleware(inner) = &error else {
        panic!("expected a middleware error, got {error:?}");
    };
    assert!(
        inner.downcast_ref::<WeightronError>().is_some(),
        "{inner:?}"
    );
    assert!(matches!(Error::from_middleware(error), ApiError::Token(_)));
    assert_eq!(api.seen().len(), 0, "no API request without a token");
}
