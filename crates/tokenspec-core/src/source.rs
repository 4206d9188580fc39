//! [`TokenSource`]: one object-safe trait over every generated client.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use crate::client::{Client, GeneratedClient};
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
///
/// # Example
/// A built-in client behind the trait, fetching from a mock (features `providers` and
/// `testing`):
///
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), tokenspec_core::BoxError> {
/// use std::sync::Arc;
/// use tokenspec_core::{BoxError, TokenSource};
/// use tokenspec_core::providers::Weir;
/// use tokenspec_core::testing::MockProvider;
///
/// tokio::runtime::Runtime::new()?.block_on(async {
///     let mock = MockProvider::for_plan(Weir::plan()).start().await?;
///     let client = Weir::builder()
///         .client_id(mock.credential("client_id").unwrap_or_default())
///         .secret_key(mock.credential("secret_key").unwrap_or_default())
///         .base_url(mock.base_url())
///         .build()?;
///     let source: Arc<dyn TokenSource> = Arc::new(client);
///     assert_eq!(source.provider(), "weir");
///
///     let token = source.token().await?;
///     assert_eq!(source.token().await?.expose_secret(), token.expose_secret());
///     assert_eq!(mock.request_count(), 1);
///
///     // The API rejected it: drop it, and the next call fetches a new one.
///     assert!(source.invalidate(&token));
///     assert_ne!(source.token().await?.expose_secret(), token.expose_secret());
///     assert_eq!(mock.request_count(), 2);
///     Ok::<(), BoxError>(())
/// })
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
pub trait TokenSource: Send + Sync + fmt::Debug {
    /// The provider's name from the spec (`weir`).
    fn provider(&self) -> &str;

    /// The current access token, as the client's `access_token()`.
    fn token(&self) -> TokenFuture<'_>;

    /// Drops `token` from the cache if it is still the cached one, as the client's
    /// `invalidate`.
    fn invalidate(&self, token: &AccessToken) -> bool;
}

impl<C: GeneratedClient> TokenSource for C {
    fn provider(&self) -> &str {
        Client::provider(self)
    }

    fn token(&self) -> TokenFuture<'_> {
        Box::pin(async move {
            Client::access_token(self)
                .await
                .map_err(|e| Box::new(e) as BoxError)
        })
    }

    fn invalidate(&self, token: &AccessToken) -> bool {
        Client::invalidate(self, token)
    }
}
