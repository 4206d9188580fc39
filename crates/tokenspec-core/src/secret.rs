//! [`AccessToken`]: the cached access token handed to callers.

use std::fmt;
use std::sync::Arc;
use std::time::Instant;

use secrecy::{ExposeSecret, SecretString};

/// An access token, cheap to clone (one shared allocation), redacted in `Debug`.
///
/// Read it with [`AccessToken::expose_secret`], only where it is put on the wire.
///
/// The text is zeroized when the last clone is dropped. Copies made further down (header
/// values, buffers inside the HTTP stack, the kernel's socket buffers) are out of this
/// crate's reach.
///
/// # Example
/// A token from a built-in client talking to a local mock (features `providers` and
/// `testing`):
///
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
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
///     let token = client.access_token().await?;
///
///     // The text, for the one place it goes on the wire.
///     assert_eq!(mock.issued_tokens(), [token.expose_secret()]);
///     assert_eq!(token.token_type(), Some("Bearer"));
///     assert!(token.expires_at().is_some());
///     // Debug output (logs, panics, `dbg!`) never shows it.
///     let debug = format!("{token:?}");
///     assert!(debug.contains("[REDACTED]"));
///     assert!(!debug.contains(token.expose_secret()));
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
#[derive(Clone)]
pub struct AccessToken {
    inner: Arc<Inner>,
}

struct Inner {
    // Zeroized on drop by secrecy; shared by every clone through the `Arc`.
    token: SecretString,
    token_type: Option<String>,
    expires_at: Option<Instant>,
}

impl AccessToken {
    pub(crate) fn new(
        token: &str,
        token_type: Option<String>,
        expires_at: Option<Instant>,
    ) -> Self {
        AccessToken {
            inner: Arc::new(Inner {
                token: SecretString::from(token.to_owned()),
                token_type,
                expires_at,
            }),
        }
    }

    /// The token itself.
    pub fn expose_secret(&self) -> &str {
        self.inner.token.expose_secret()
    }

    /// The token type the provider stated (`Bearer`), if the spec reads it.
    pub fn token_type(&self) -> Option<&str> {
        self.inner.token_type.as_deref()
    }

    /// When the token expires, if its lifetime is known.
    pub fn expires_at(&self) -> Option<Instant> {
        self.inner.expires_at
    }

    /// Whether `self` and `other` are the same issued token (clones of one another), not
    /// merely equal strings: a provider may hand out the same string twice.
    pub(crate) fn same(&self, other: &AccessToken) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &"[REDACTED]")
            .field("token_type", &self.inner.token_type)
            .field("expires_at", &self.inner.expires_at)
            .finish()
    }
}
