//! The tower adapter (feature `tower`): [`TokenLayer`] wraps any `Service<http::Request<B>>`
//! (hyper-util's client, a tonic channel, a tower stack) in a [`TokenService`] that puts a
//! client's token, and the spec's API headers, on every request.
//!
//! Its behaviour is the engine's (`apply.rs`), shared with `send_authorized` and the reqwest
//! middleware: the host check first (a refused request fetches no token and reaches no
//! inner service; the request's URI must be absolute), the token and API headers marked
//! sensitive, and after a 401 the token dropped so that the next request renews it, at most
//! once per [`REJECTION_PAUSE`](crate::REJECTION_PAUSE). [`TokenLayer::replaying`] also sends
//! the request once more with the fresh token, which needs a `Clone` body (`Full<Bytes>`,
//! `String`); a request is never sent more than twice.
//!
//! Errors are [`ApiError<E, S::Error>`](ApiError): the client's error enum when no token could
//! be had, a refusal, or the inner service's own error.
//!
//! # gRPC (tonic)
//! Under tonic the token goes as `authorization` metadata (an HTTP/2 header): use
//! [`TokenLayer::new`], since tonic's bodies are not `Clone`, and give the generated gRPC
//! client its origin (`FooClient::with_origin(service, origin)`), so the request's URI is
//! absolute and its host can be checked. No HTTP 401 reaches the layer (gRPC answers
//! `UNAUTHENTICATED` in `grpc-status`): on that status call
//! [`invalidate`](crate::Client::invalidate) yourself, and retry at your level.
//!
//! Redirects are the inner service's business: hyper-util's client follows none.

use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use tower_layer::Layer;
use tower_service::Service;

use crate::api_error::ApiError;
use crate::client::GeneratedClient;

/// The layer's mode: no replay after a 401 (any body; the default).
#[derive(Debug, Clone, Copy)]
pub enum Once {}

/// The layer's mode: one replay with a fresh token after a 401 (a `Clone` body).
#[derive(Debug, Clone, Copy)]
pub enum Replay {}

/// A [`Layer`] that authorizes requests with the token of the generated client `P` (see the
/// [module](self)). `R` is [`Once`] ([`new`](Self::new)) or [`Replay`]
/// ([`replaying`](Self::replaying)).
pub struct TokenLayer<P, R = Once> {
    client: P,
    mode: PhantomData<fn() -> R>,
}

impl<P: GeneratedClient> TokenLayer<P> {
    /// The layer of `client` (clones share its token cache): after a 401 the token is
    /// dropped, and the 401 returned.
    pub fn new(client: P) -> Self {
        TokenLayer {
            client,
            mode: PhantomData,
        }
    }

    /// The layer of `client` that, after a 401, sends the request once more with a fresh
    /// token (bodies must be `Clone`).
    pub fn replaying(client: P) -> TokenLayer<P, Replay> {
        TokenLayer {
            client,
            mode: PhantomData,
        }
    }
}

impl<P: Clone, R> Clone for TokenLayer<P, R> {
    fn clone(&self) -> Self {
        TokenLayer {
            client: self.client.clone(),
            mode: PhantomData,
        }
    }
}

impl<P: std::fmt::Debug, R> std::fmt::Debug for TokenLayer<P, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenLayer")
            .field("client", &self.client)
            .finish()
    }
}

impl<S, P: Clone, R> Layer<S> for TokenLayer<P, R> {
    type Service = TokenService<S, P, R>;

    fn layer(&self, inner: S) -> Self::Service {
        TokenService {
            inner,
            client: self.client.clone(),
            mode: PhantomData,
        }
    }
}

/// The [`Service`] of a [`TokenLayer`] around `S`.
pub struct TokenService<S, P, R = Once> {
    inner: S,
    client: P,
    mode: PhantomData<fn() -> R>,
}

impl<S: Clone, P: Clone, R> Clone for TokenService<S, P, R> {
    fn clone(&self) -> Self {
        TokenService {
            inner: self.inner.clone(),
            client: self.client.clone(),
            mode: PhantomData,
        }
    }
}

impl<S: std::fmt::Debug, P: std::fmt::Debug, R> std::fmt::Debug for TokenService<S, P, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenService")
            .field("inner", &self.inner)
            .field("client", &self.client)
            .finish()
    }
}

/// The future of a [`TokenService`].
pub type TokenFuture<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

impl<S, P, B, RB, R> Service<http::Request<B>> for TokenService<S, P, R>
where
    S: Service<http::Request<B>, Response = http::Response<RB>> + Clone + Send + 'static,
    S::Future: Send,
    S::Error: Send + 'static,
    P: GeneratedClient,
    B: Send + 'static,
    RB: Send + 'static,
    R: Mode<B> + 'static,
{
    type Response = http::Response<RB>;
    type Error = ApiError<P::Error, S::Error>;
    type Future = TokenFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx).map_err(ApiError::Request)
    }

    fn call(&mut self, request: http::Request<B>) -> Self::Future {
        // The service made ready by `poll_ready` goes; a clone stays for the next call.
        let clone = self.inner.clone();
        let inner = std::mem::replace(&mut self.inner, clone);
        Box::pin(exchange(self.client.clone(), inner, request, R::spare))
    }
}

/// What a [`TokenService`] keeps of a request to replay it after a 401: nothing ([`Once`],
/// any body) or a copy ([`Replay`], a `Clone` body). Implemented by those two only.
pub trait Mode<B>: sealed::Sealed {
    /// The copy to replay, if any.
    fn spare(request: &http::Request<B>) -> Option<http::Request<B>>;
}

impl<B> Mode<B> for Once {
    fn spare(_: &http::Request<B>) -> Option<http::Request<B>> {
        None
    }
}

impl<B: Clone> Mode<B> for Replay {
    fn spare(request: &http::Request<B>) -> Option<http::Request<B>> {
        Some(copy(request))
    }
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::Once {}
    impl Sealed for super::Replay {}
}

/// A copy of a request with a `Clone` body.
fn copy<B: Clone>(request: &http::Request<B>) -> http::Request<B> {
    let mut out = http::Request::new(request.body().clone());
    *out.method_mut() = request.method().clone();
    *out.uri_mut() = request.uri().clone();
    *out.version_mut() = request.version();
    *out.headers_mut() = request.headers().clone();
    *out.extensions_mut() = request.extensions().clone();
    out
}

/// One call: authorize, send; after a 401 the engine's decision, and the spare (if `spare`
/// makes one) sent with a fresh token.
async fn exchange<S, P, B, RB>(
    client: P,
    mut inner: S,
    mut request: http::Request<B>,
    spare: impl FnOnce(&http::Request<B>) -> Option<http::Request<B>>,
) -> Result<http::Response<RB>, ApiError<P::Error, S::Error>>
where
    S: Service<http::Request<B>, Response = http::Response<RB>>,
    P: GeneratedClient,
{
    let engine = client.engine();
    let url = crate::apply::api_url(request.uri()).map_err(ApiError::Refused)?;
    // Before the token goes on: a replay gets a fresh one.
    let spare = spare(&request);
    let token = engine
        .authorize_api(&url, request.headers_mut())
        .await
        .map_err(|e| e.map_token(P::error_from_engine))?;
    let response = inner.call(request).await.map_err(ApiError::Request)?;
    let replay = engine.replay_after(&token, response.status());
    let Some(mut request) = spare.filter(|_| replay) else {
        return Ok(response);
    };
    // The 401 is dropped unread (its body too) before the second request.
    drop(response);
    engine
        .authorize_api(&url, request.headers_mut())
        .await
        .map_err(|e| e.map_token(P::error_from_engine))?;
    std::future::poll_fn(|cx| inner.poll_ready(cx))
        .await
        .map_err(ApiError::Request)?;
    inner.call(request).await.map_err(ApiError::Request)
}
