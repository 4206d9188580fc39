//! [`TokenSource`]: one object-safe trait over every generated client.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use crate::__private::{Engine, EngineError, RawToken};
use crate::error::ConfigError;
use crate::secret::AccessToken;

/// Any error a [`TokenSource`] returns: the generated client's own error enum, boxed
/// (downcast it to that type to match on variants).
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// The future a [`TokenSource`] returns.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<AccessToken, BoxError>> + Send + 'a>>;

/// A source of access tokens, implemented by every generated client, so an application can
/// hold `Arc<dyn TokenSource>` without naming the provider.
///
/// Going through the trait boxes the future (an allocation per call); code that knows its
/// client should call the client's own `with_token` on hot paths.
pub trait TokenSource: Send + Sync + fmt::Debug {
    /// The provider's name from the spec (`weir`).
    fn provider(&self) -> &str;

    /// The current access token, as the client's `access_token()`.
    fn token(&self) -> TokenFuture<'_>;

    /// Drops `token` from the cache if it is still the cached one, as the client's
    /// `invalidate`.
    fn invalidate(&self, token: &AccessToken) -> bool;
}

/// What generated clients implement so the runtime can offer them [`TokenSource`] and the
/// blocking client. Not a public API.
#[doc(hidden)]
pub trait GeneratedClient: Clone + fmt::Debug + Send + Sync + 'static {
    /// The typed token.
    type Token;
    /// The client's error enum.
    type Error: std::error::Error + From<ConfigError> + Send + Sync + 'static;
    /// The engine.
    fn engine(&self) -> &Engine;
    /// Types a raw token.
    fn token_from_raw(raw: RawToken) -> Self::Token;
    /// Maps an engine error onto the client's error enum.
    fn error_from_engine(error: EngineError) -> Self::Error;
}

impl<C: GeneratedClient> TokenSource for C {
    fn provider(&self) -> &str {
        &self.engine().plan().name
    }

    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            self.engine()
                .access_token()
                .await
                .map_err(|e| Box::new(C::error_from_engine(e)) as BoxError)
        })
    }

    fn invalidate(&self, token: &AccessToken) -> bool {
        self.engine().invalidate(token)
    }
}
