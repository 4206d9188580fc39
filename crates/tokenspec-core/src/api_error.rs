//! [`ApiError`]: the error of an authorized API call, which says which side failed.

use std::fmt;

use crate::error::ConfigError;

/// Why an authorized API call failed: no token could be had ([`Token`](Self::Token), the
/// client's own error enum, `WeirError`), the request was refused before anything was sent
/// ([`Refused`](Self::Refused)), or the API call itself failed ([`Request`](Self::Request),
/// the transport's own error: `reqwest::Error` for `send_authorized`, the inner service's
/// error for the tower layer). So a log or an alert blames the right service: an API down on
/// a closed port is a `Request` error, never the token endpoint's.
///
/// An answer of the API, whatever its status (a 401 after the one renewal included), is not
/// an error: it is returned as it is.
///
/// Neither `Display` nor `Debug` shows a credential or a token: the token side is the
/// client's error enum (which never does), a refusal names a host and port, and the
/// transport's error of `send_authorized` and of
/// `ApiError::from_middleware` is kept without its URL (the tower layer keeps the inner
/// service's error as it is).
///
/// # Example
/// ```
/// # #[cfg(feature = "providers")]
/// # fn show(error: tokenspec_core::ApiError<tokenspec_core::providers::WeirError>) {
/// use tokenspec_core::ApiError;
/// match error {
///     ApiError::Token(error) => eprintln!("the token endpoint failed: {error}"),
///     ApiError::Refused(error) => eprintln!("not sent: {error}"),
///     ApiError::Request(error) => eprintln!("the API call failed: {error}"),
/// }
/// # }
/// ```
#[derive(Clone, Debug)]
pub enum ApiError<E, T = reqwest::Error> {
    /// No token could be had: the client's error (the provider's answer, the token
    /// endpoint's transport, decoding, the client-side rate limit).
    Token(E),
    /// Nothing was sent, and no token fetched: the request's URL is not one the token may
    /// go to. Always [`ConfigError::HostNotAllowed`], [`ConfigError::InsecureUrl`] (plain
    /// http to a host that is not loopback) or [`ConfigError::InvalidUrl`] (a URI that is
    /// not absolute).
    Refused(ConfigError),
    /// The API call failed: the request could not be built, sent or answered.
    Request(T),
}

impl<E, T> ApiError<E, T> {
    /// Maps the token side's error, leaving the others as they are.
    pub fn map_token<F>(self, f: impl FnOnce(E) -> F) -> ApiError<F, T> {
        match self {
            ApiError::Token(e) => ApiError::Token(f(e)),
            ApiError::Refused(e) => ApiError::Refused(e),
            ApiError::Request(e) => ApiError::Request(e),
        }
    }

    /// The token side's error, if the token could not be had.
    pub fn token_error(&self) -> Option<&E> {
        match self {
            ApiError::Token(e) => Some(e),
            _ => None,
        }
    }

    /// Whether the API call itself failed (the request was sent, or meant to be, and no
    /// answer came).
    pub fn is_request(&self) -> bool {
        matches!(self, ApiError::Request(_))
    }
}

impl<E: fmt::Display, T: fmt::Display> fmt::Display for ApiError<E, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Token(e) => write!(f, "could not get a token for the API call: {e}"),
            ApiError::Refused(e) => write!(f, "API request not sent: {e}"),
            ApiError::Request(e) => write!(f, "the API call failed: {e}"),
        }
    }
}

impl<E, T> std::error::Error for ApiError<E, T>
where
    E: std::error::Error + 'static,
    T: std::error::Error + 'static,
{
    // The inner error's text is part of this one's `Display`; `source` goes on from there.
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ApiError::Token(e) => e.source(),
            ApiError::Refused(e) => e.source(),
            ApiError::Request(e) => e.source(),
        }
    }
}
