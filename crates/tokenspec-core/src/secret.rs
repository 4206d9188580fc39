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
