//! [`BlockingClient`]: a generated client for code without an async runtime (CLIs, build
//! scripts).

use std::fmt;
use std::future::Future;
use std::sync::Arc;

use crate::client::GeneratedClient;
use crate::error::ConfigError;
use crate::secret::AccessToken;

/// A blocking wrapper of a generated client: `Weir::from_env()?.into_blocking()?`.
///
/// It owns a small tokio runtime (one worker thread, which also keeps the client's
/// connections going between calls). The client's cache, single flight and rate limit work
/// as in async code. Its connections belong to that runtime from then on, so don't go on
/// using clones of the async client in another runtime.
///
/// Called from inside an async runtime, where blocking would stall the runtime's thread,
/// every method returns the client's `Config` error ([`ConfigError::Blocking`]) instead of
/// panicking.
///
/// # Example
/// A built-in client made blocking, against a mock (features `providers` and `testing`)
/// that runs in a runtime of its own:
///
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use tokenspec_core::ConfigError;
/// use tokenspec_core::providers::{Weir, WeirError};
/// use tokenspec_core::testing::MockProvider;
///
/// let mock_runtime = tokio::runtime::Runtime::new()?;
/// let mock = mock_runtime.block_on(MockProvider::for_plan(Weir::plan()).start())?;
/// let client = Weir::builder()
///     .client_id(mock.credential("client_id").unwrap_or_default())
///     .secret_key(mock.credential("secret_key").unwrap_or_default())
///     .base_url(mock.base_url())
///     .build()?
///     .into_blocking()?;
///
/// // Plain synchronous code: no runtime, no `.await`.
/// let token = client.access_token()?;
/// assert_eq!(client.access_token()?.expose_secret(), token.expose_secret());
/// assert_eq!(mock.request_count(), 1);
///
/// // Inside an async runtime it refuses rather than stalling a worker thread or panicking.
/// let inside = mock_runtime.block_on(async { client.access_token() });
/// assert!(matches!(inside, Err(WeirError::Config(ConfigError::Blocking { .. }))));
/// # Ok(())
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
pub struct BlockingClient<C> {
    client: C,
    runtime: Runtime,
}

/// A runtime shut down without waiting, so dropping the blocking client anywhere (even
/// inside an async context, where dropping a runtime panics) is fine.
struct Runtime(Option<tokio::runtime::Runtime>);

impl Drop for Runtime {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take() {
            rt.shutdown_background();
        }
    }
}

impl<C: GeneratedClient> BlockingClient<C> {
    /// Wraps `client`.
    ///
    /// # Errors
    /// [`ConfigError::Blocking`] when the runtime cannot be started.
    pub fn new(client: C) -> Result<Self, ConfigError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("tokenspec-blocking")
            .enable_all()
            .build()
            .map_err(|e| ConfigError::Blocking {
                reason: format!("could not start its runtime: {e}"),
            })?;
        Ok(BlockingClient {
            client,
            runtime: Runtime(Some(runtime)),
        })
    }

    /// The async client inside.
    pub fn client(&self) -> &C {
        &self.client
    }

    /// Requests a new token, bypassing the cache (as the async `fetch_token`).
    ///
    /// # Errors
    /// As the async `fetch_token`, or `Config` inside an async runtime.
    pub fn fetch_token(&self) -> Result<C::Token, C::Error> {
        self.block_on(self.client.fetch_token())?
    }

    /// The current access token, cached (as the async `access_token`).
    ///
    /// # Errors
    /// As the async `access_token`, or `Config` inside an async runtime.
    pub fn access_token(&self) -> Result<AccessToken, C::Error> {
        self.block_on(self.client.access_token())?
    }

    /// The current token typed as the provider's, cached (as the async `cached_token`).
    ///
    /// # Errors
    /// As the async `cached_token`, or `Config` inside an async runtime.
    pub fn cached_token(&self) -> Result<Arc<C::Token>, C::Error> {
        self.block_on(self.client.cached_token())?
    }

    /// Drops `token` from the cache if it is still the cached one.
    pub fn invalidate(&self, token: &AccessToken) -> bool {
        self.client.invalidate(token)
    }

    fn block_on<F: Future>(&self, fut: F) -> Result<F::Output, C::Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(ConfigError::Blocking {
                reason: "called inside an async runtime; use the async client there".to_owned(),
            }
            .into());
        }
        match &self.runtime.0 {
            Some(rt) => Ok(rt.block_on(fut)),
            None => Err(ConfigError::Blocking {
                reason: "its runtime is shut down".to_owned(),
            }
            .into()),
        }
    }
}

impl<C: fmt::Debug> fmt::Debug for BlockingClient<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BlockingClient")
            .field("client", &self.client)
            .finish_non_exhaustive()
    }
}
