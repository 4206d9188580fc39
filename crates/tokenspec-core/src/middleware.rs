//! The reqwest-middleware adapter (feature `reqwest-middleware`): [`TokenMiddleware`] puts a
//! client's token, and the spec's API headers, on every request of a
//! [`ClientWithMiddleware`], and [`client`] builds one whose redirects stay on the origin.
//!
//! Its behaviour is the engine's (`apply.rs`), shared with `send_authorized` and the tower
//! layer: the host check first (a refused request fetches no token and is not sent), the
//! token and API headers marked sensitive, and after a 401 from an allowed host the token
//! dropped, renewed once and the request sent once more if it can be cloned
//! (`Request::try_clone`: not a streaming body). Renewals caused by 401s are bounded to one
//! per [`REJECTION_PAUSE`](crate::REJECTION_PAUSE); a request is never sent more than twice.
//!
//! # Errors, by downcast
//! reqwest-middleware returns [`reqwest_middleware::Error`], whose `Middleware` variant is an
//! `anyhow::Error`. A token that could not be had is the client's own error enum in it
//! (`error.downcast_ref::<WeirError>()`), a refused request a [`ConfigError`]
//! (`ConfigError::HostNotAllowed`); the API call's own failure is the `Reqwest` variant, as
//! reqwest-middleware gives it. [`ApiError::from_middleware`] does the downcasts and gives
//! the same [`ApiError`] as `send_authorized`.
//!
//! # Redirects
//! A middleware runs before the client follows redirects, so it cannot see them: the
//! `reqwest::Client` underneath decides. reqwest's default client follows up to ten redirects
//! to any host and drops only `Authorization` (and cookies) on the way, so a token under
//! another header, or an API header such as `x-api-key`, would reach the other host. [`client`]
//! builds its `reqwest::Client` with [`redirect_policy`](crate::redirect_policy), which follows
//! a redirect only within the request's origin; give your own client that policy (or
//! `Policy::none()`) if you build the stack yourself.

use std::convert::Infallible;

use http::Extensions;
use reqwest::{Request, Response};
use reqwest_middleware::{ClientWithMiddleware, Middleware, Next};

use crate::api_error::ApiError;
use crate::client::GeneratedClient;
use crate::error::ConfigError;

/// A [`Middleware`] that authorizes requests with the token of the generated client `P`
/// (see the [module](self) for what it does and how its errors read).
///
/// # Example
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use tokenspec_core::middleware;
/// use tokenspec_core::providers::Weir;
/// use tokenspec_core::testing::MockProvider;
///
/// tokio::runtime::Runtime::new()?.block_on(async {
///     let mock = MockProvider::for_plan(Weir::plan()).start().await?;
///     let weir = Weir::builder()
///         .client_id(mock.credential("client_id").unwrap_or_default())
///         .secret_key(mock.credential("secret_key").unwrap_or_default())
///         .base_url(mock.base_url())
///         .build()?;
///     // Redirects stay on the request's origin; every request carries the token.
///     let http = middleware::client(weir)?;
///     let refused = http.get("https://elsewhere.example/").send().await.unwrap_err();
///     let refused = tokenspec_core::ApiError::<tokenspec_core::providers::WeirError, _>::from_middleware(refused);
///     assert!(matches!(refused, tokenspec_core::ApiError::Refused(_)));
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
#[derive(Clone, Debug)]
pub struct TokenMiddleware<P> {
    client: P,
}

impl<P: GeneratedClient> TokenMiddleware<P> {
    /// The middleware of `client` (clones share its token cache).
    pub fn new(client: P) -> Self {
        TokenMiddleware { client }
    }
}

/// A [`ClientWithMiddleware`] whose requests carry `client`'s token: a `reqwest::Client` that
/// follows redirects only within the request's origin
/// ([`redirect_policy`](crate::redirect_policy)), under a [`TokenMiddleware`].
///
/// # Errors
/// [`ConfigError::HttpClient`] when the `reqwest::Client` cannot be built (its TLS backend
/// fails to load).
pub fn client<P: GeneratedClient>(client: P) -> Result<ClientWithMiddleware, ConfigError> {
    let http = reqwest::Client::builder()
        .redirect(crate::redirect_policy())
        .build()
        .map_err(|e| ConfigError::HttpClient {
            reason: e.without_url().to_string(),
        })?;
    Ok(reqwest_middleware::ClientBuilder::new(http)
        .with(TokenMiddleware::new(client))
        .build())
}

#[async_trait::async_trait]
impl<P: GeneratedClient> Middleware for TokenMiddleware<P> {
    async fn handle(
        &self,
        mut request: Request,
        extensions: &mut Extensions,
        next: Next<'_>,
    ) -> reqwest_middleware::Result<Response> {
        let engine = self.client.engine();
        let url = request.url().clone();
        // Before the token goes on: a replay gets a fresh one.
        let spare = request.try_clone();
        let token = engine
            .authorize_api::<Infallible>(&url, request.headers_mut())
            .await
            .map_err(into_middleware::<P>)?;
        let response = next.clone().run(request, extensions).await?;
        let replay = engine.replay_after(&token, response.status());
        let Some(mut request) = spare.filter(|_| replay) else {
            return Ok(response);
        };
        engine
            .authorize_api::<Infallible>(&url, request.headers_mut())
            .await
            .map_err(into_middleware::<P>)?;
        next.run(request, extensions).await
    }
}

/// The token side's error, or a refusal, as reqwest-middleware carries it: inside `anyhow`.
fn into_middleware<P: GeneratedClient>(
    error: ApiError<crate::error::EngineError, Infallible>,
) -> reqwest_middleware::Error {
    match error {
        ApiError::Token(e) => reqwest_middleware::Error::middleware(P::error_from_engine(e)),
        ApiError::Refused(e) => reqwest_middleware::Error::middleware(e),
        ApiError::Request(never) => match never {},
    }
}

impl<E> ApiError<E, reqwest_middleware::Error>
where
    E: std::fmt::Display + std::fmt::Debug + Send + Sync + 'static,
{
    /// The error of a [`ClientWithMiddleware`] call, sorted as `send_authorized`'s: the
    /// client's error enum `E` (`WeirError`) found by downcast is [`ApiError::Token`], a
    /// [`ConfigError`] is [`ApiError::Refused`], anything else (reqwest's error, another
    /// middleware's) is [`ApiError::Request`], reqwest's without its URL.
    pub fn from_middleware(error: reqwest_middleware::Error) -> Self {
        let reqwest_middleware::Error::Middleware(inner) = error else {
            return ApiError::Request(error.without_url());
        };
        let inner = match inner.downcast::<E>() {
            Ok(e) => return ApiError::Token(e),
            Err(inner) => inner,
        };
        match inner.downcast::<ConfigError>() {
            Ok(e) => ApiError::Refused(e),
            Err(inner) => ApiError::Request(reqwest_middleware::Error::Middleware(inner)),
        }
    }
}
