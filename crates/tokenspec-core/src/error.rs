//! The error types of the engine.
//!
//! Every type is `Clone` (sources sit behind `Arc`), so one failure can be handed to every
//! caller waiting on the same token request. None of them holds a secret or the text of a
//! response body: a provider could echo a credential back, and serde_json's messages quote
//! the offending value. They say which status, path or field was wrong instead.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// An error response of the provider, read from its error envelope.
///
/// Each generated client wraps it in the variant its spec names for the error
/// (`WeirError::RateLimitExceeded`), or in `Provider` for one the spec does not name; the
/// client's `provider_error()` reaches it from any variant.
///
/// # Example
/// A mock of the provider (features `providers` and `testing`) answers 429 with
/// `Retry-After`:
///
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use tokenspec_core::RetryPolicy;
/// use tokenspec_core::providers::{Weir, WeirError};
/// use tokenspec_core::testing::{Fault, MockProvider};
///
/// tokio::runtime::Runtime::new()?.block_on(async {
///     let mock = MockProvider::for_plan(Weir::plan()).start().await?;
///     let client = Weir::builder()
///         .client_id(mock.credential("client_id").unwrap_or_default())
///         .secret_key(mock.credential("secret_key").unwrap_or_default())
///         .base_url(mock.base_url())
///         .retry(RetryPolicy::none())
///         .build()?;
///     mock.fail_next(1, Fault::TooManyRequests { retry_after: 7 });
///
///     let Err(WeirError::RateLimitExceeded(error)) = client.access_token().await else {
///         panic!("expected the spec's 429 error");
///     };
///     assert_eq!(error.status, 429);
///     assert_eq!(error.code.as_deref(), Some("RATE_LIMIT_EXCEEDED"));
///     assert_eq!(error.retry_after, Some(Duration::from_secs(7)));
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProviderError {
    /// HTTP status of the response (a 2xx when a success discriminator said otherwise).
    pub status: u16,
    /// The provider's error code (numbers are rendered as strings).
    pub code: Option<String>,
    /// The provider's error message.
    pub message: Option<String>,
    /// Further details the provider gave.
    pub details: Option<String>,
    /// How long the provider asks the client to wait (`Retry-After`).
    pub retry_after: Option<Duration>,
}

impl fmt::Display for ProviderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the provider answered HTTP {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " with error code `{code}`")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(details) = &self.details {
            write!(f, " ({details})")?;
        }
        if let Some(wait) = self.retry_after {
            write!(f, "; retry after {} s", wait.as_secs())?;
        }
        Ok(())
    }
}

impl std::error::Error for ProviderError {}

/// The client is configured wrongly: a missing value, a bad URL, a host the token may not go
/// to. Names the setter, variable or host at fault, never a secret value.
///
/// # Example
/// Credentials may not travel over plain `http` to a host that is not loopback; the
/// builder refuses before anything is sent (feature `providers` for the built-in client):
///
/// ```
/// # #[cfg(feature = "providers")]
/// # fn main() {
/// use tokenspec_core::ConfigError;
/// use tokenspec_core::providers::Weir;
///
/// let result = Weir::builder()
///     .client_id("my-client")
///     .secret_key("my-secret")
///     .base_url("http://example.com")
///     .build();
/// match result {
///     Err(ConfigError::InsecureUrl { host }) => assert_eq!(host, "example.com"),
///     other => panic!("expected InsecureUrl, got {other:?}"),
/// }
///
/// // Loopback (a local mock) may use http.
/// let local = Weir::builder()
///     .client_id("my-client")
///     .secret_key("my-secret")
///     .base_url("http://127.0.0.1:8080")
///     .build();
/// assert!(local.is_ok());
/// # }
/// # #[cfg(not(feature = "providers"))]
/// # fn main() {}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A required builder setter was not called.
    #[error("`{setter}` is not set")]
    MissingValue {
        /// Name of the setter.
        setter: String,
    },
    /// A value was set to the empty string (by a setter, an environment variable or the
    /// CLI's `--set`): refused for every variable, credential and parameter.
    #[error("`{setter}` is set to an empty value")]
    EmptyValue {
        /// Name of the setter.
        setter: String,
    },
    /// A required environment variable is absent.
    #[error("environment variable `{var}` is not set (it supplies `{setter}`)")]
    MissingEnv {
        /// Name of the environment variable.
        var: String,
        /// Name of the setter it stands for.
        setter: String,
    },
    /// An environment variable does not hold valid Unicode.
    #[error("environment variable `{var}` is not valid Unicode")]
    InvalidEnv {
        /// Name of the environment variable.
        var: String,
    },
    /// Both `<VAR>` and `<VAR>_FILE` are set: which one is meant is unclear.
    #[error("both `{var}` and `{var}_FILE` are set; set one")]
    EnvConflict {
        /// Name of the environment variable (without `_FILE`).
        var: String,
    },
    /// A file named by a `<VAR>_FILE` variable or a settings file cannot be read (or is
    /// larger than 1 MiB, or not UTF-8). Names the variable or key and the path, never the
    /// content.
    #[error("`{source_name}` names the file `{path}`, which cannot be read: {reason}")]
    File {
        /// The environment variable or settings key that named the file.
        source_name: String,
        /// The file's path.
        path: String,
        /// Why it cannot be read.
        reason: String,
    },
    /// A settings value (a key of [`ClientSettings`](crate::ClientSettings)) is not
    /// usable. Names the key, never the value.
    #[error("settings key `{key}`: {reason}")]
    InvalidSetting {
        /// The key (`values.client_secret`, `proxy`).
        key: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A URL (the token URL after substitution, or the base URL override) is invalid.
    #[error("invalid {what}: {reason}")]
    InvalidUrl {
        /// Which URL: "token URL", "base URL", ...
        what: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A URL uses plain `http` for a host that is not loopback.
    #[error("refusing plain http to `{host}`: only loopback hosts may use http, use https")]
    InsecureUrl {
        /// The host.
        host: String,
    },
    /// A value cannot be placed where the spec puts it (a header value with a newline).
    #[error("the value of `{setter}` cannot be sent as {place}")]
    InvalidValue {
        /// Name of the setter (or spec parameter).
        setter: String,
        /// Where it was to go.
        place: String,
    },
    /// `authorize` was given a request for a host the token may not be sent to. The text
    /// says what was compared: the request's host and port against each allowed entry
    /// (`host:port`, or `host` for any port).
    #[error(
        "refusing to send the token to `{host}:{port}`: it matches none of the allowed API hosts [{}] (a host without a port matches any port; add one with `allow_host`)",
        allowed.join(", ")
    )]
    HostNotAllowed {
        /// The request's host.
        host: String,
        /// The request's port (explicit, or its scheme's default).
        port: u16,
        /// The allowed entries it was compared with: `host:port`, or `host` for any port.
        allowed: Vec<String>,
    },
    /// A blocking client was called inside an async runtime (where blocking would stall
    /// the runtime's thread), or its own runtime could not be started.
    #[error("blocking client: {reason}")]
    Blocking {
        /// Why.
        reason: String,
    },
    /// A transport setting (root certificates, client identity, proxy) is unusable. Names
    /// the setting, never its value.
    #[error("`{setting}` is unusable: {reason}")]
    Transport {
        /// Name of the setter (or environment variable) that gave it.
        setting: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The HTTP client could not be built.
    #[error("could not build the HTTP client: {reason}")]
    HttpClient {
        /// Why.
        reason: String,
    },
    /// The cache holds typed tokens of another type than the one asked for. A generated
    /// client's engine types its tokens as the client's own token type, so this cannot
    /// happen through a generated client.
    #[error("the cached token is not a `{expected}`")]
    TokenType {
        /// The type asked for.
        expected: &'static str,
    },
}

/// The request could not be sent or its response not received (connection refused or reset,
/// timeout, TLS failure). Its text never holds the URL, which may carry credentials in its
/// query.
///
/// # Example
/// A mock (features `providers` and `testing`) drops the connection without answering:
///
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use tokenspec_core::providers::{Weir, WeirError};
/// use tokenspec_core::testing::{Fault, MockProvider};
///
/// tokio::runtime::Runtime::new()?.block_on(async {
///     let mock = MockProvider::for_plan(Weir::plan()).start().await?;
///     let client = Weir::builder()
///         .client_id(mock.credential("client_id").unwrap_or_default())
///         .secret_key(mock.credential("secret_key").unwrap_or_default())
///         .base_url(mock.base_url())
///         .build()?;
///     mock.fail_next(1, Fault::DropConnection);
///
///     let Err(WeirError::Transport(error)) = client.fetch_token().await else {
///         panic!("expected a transport error");
///     };
///     assert!(!error.is_timeout());
///     assert!(!error.to_string().contains(&mock.base_url()), "the URL is left out");
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
#[derive(Clone)]
pub struct TransportError {
    // `without_url()` was applied: the URL may carry query credentials.
    inner: Arc<reqwest::Error>,
    /// Whether a cause is a TLS failure (`is_tls`), found once when the error is made.
    tls: bool,
}

impl TransportError {
    pub(crate) fn new(error: reqwest::Error) -> Self {
        let tls = is_tls_failure(&error);
        TransportError {
            inner: Arc::new(error.without_url()),
            tls,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        self.inner.is_timeout()
    }

    /// Whether the connection could not be established.
    pub fn is_connect(&self) -> bool {
        self.inner.is_connect()
    }

    /// Whether TLS failed: the server's certificate is not trusted, the server refused the
    /// client certificate or asked for one that was not given (mTLS). Under TLS 1.3 the
    /// server refuses a client certificate after the client considers the handshake done,
    /// so that failure surfaces while the response is read, not at connect
    /// ([`is_connect`](Self::is_connect) may then be false); this says TLS either way.
    pub fn is_tls(&self) -> bool {
        self.tls
    }

    /// The causes behind the error, innermost last (`client error (Connect): tcp connect
    /// error: Connection refused`), for a log line: `Display` shows only the outermost, as
    /// the `source()` convention asks. No cause of a reqwest error built `without_url`
    /// holds the URL.
    pub(crate) fn causes(&self) -> String {
        let mut out = String::new();
        let mut source = std::error::Error::source(&*self.inner);
        while let Some(cause) = source {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&cause.to_string());
            source = cause.source();
        }
        out
    }
}

impl fmt::Debug for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("TransportError").field(&self.inner).finish()
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error: {}", self.inner)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.inner)
    }
}

/// A successful response whose content is not what the spec describes: a missing token, a
/// field of the wrong type, a body that is not JSON.
///
/// # Example
/// A mock (features `providers` and `testing`) answers 200 with a number where the token
/// should be a string:
///
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use tokenspec_core::providers::{Weir, WeirError};
/// use tokenspec_core::testing::{Fault, MockProvider};
///
/// tokio::runtime::Runtime::new()?.block_on(async {
///     let mock = MockProvider::for_plan(Weir::plan()).start().await?;
///     let client = Weir::builder()
///         .client_id(mock.credential("client_id").unwrap_or_default())
///         .secret_key(mock.credential("secret_key").unwrap_or_default())
///         .base_url(mock.base_url())
///         .build()?;
///     mock.fail_next(1, Fault::WrongTypes);
///
///     let Err(WeirError::Decode(error)) = client.fetch_token().await else {
///         panic!("expected a decoding error");
///     };
///     assert!(!error.reason().is_empty());
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    reason: String,
}

impl DecodeError {
    pub(crate) fn new(reason: impl Into<String>) -> Self {
        DecodeError {
            reason: reason.into(),
        }
    }

    /// What was wrong, naming the path or field.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not decode the token response: {}", self.reason)
    }
}

impl std::error::Error for DecodeError {}

/// A response that is neither a success nor a recognisable error of the provider (an HTML
/// error page of a proxy, an error status without an envelope, a body over the size cap).
///
/// # Example
/// A mock (features `providers` and `testing`) answers like a proxy's HTML error page:
///
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use tokenspec_core::providers::{Weir, WeirError};
/// use tokenspec_core::testing::{Fault, MockProvider};
///
/// tokio::runtime::Runtime::new()?.block_on(async {
///     let mock = MockProvider::for_plan(Weir::plan()).start().await?;
///     let client = Weir::builder()
///         .client_id(mock.credential("client_id").unwrap_or_default())
///         .secret_key(mock.credential("secret_key").unwrap_or_default())
///         .base_url(mock.base_url())
///         .build()?;
///     mock.fail_next(1, Fault::HtmlPage { status: 502 });
///
///     let Err(WeirError::UnexpectedResponse(error)) = client.fetch_token().await else {
///         panic!("expected an unexpected response");
///     };
///     assert_eq!(error.status, 502);
///     assert!(error.content_type.is_some_and(|ct| ct.starts_with("text/html")));
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnexpectedResponse {
    /// HTTP status.
    pub status: u16,
    /// The response's `Content-Type`, if any.
    pub content_type: Option<String>,
    /// A short reason.
    pub reason: String,
    /// How long the server asks the client to wait (`Retry-After`), if it said.
    pub retry_after: Option<Duration>,
}

impl fmt::Display for UnexpectedResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unexpected response HTTP {}", self.status)?;
        if let Some(ct) = &self.content_type {
            write!(f, " ({ct})")?;
        }
        write!(f, ": {}", self.reason)
    }
}

impl std::error::Error for UnexpectedResponse {}

/// The client-side rate limit of the token endpoint would be exceeded for longer than the
/// engine is willing to wait.
///
/// # Example
/// Weir's spec allows 10 token requests a minute; with no wait allowed, the 11th is held
/// back without reaching the provider (features `providers` and `testing` for the mock):
///
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use tokenspec_core::providers::{Weir, WeirError};
/// use tokenspec_core::testing::{Fault, MockProvider};
///
/// tokio::runtime::Runtime::new()?.block_on(async {
///     let mock = MockProvider::for_plan(Weir::plan()).start().await?;
///     let client = Weir::builder()
///         .client_id(mock.credential("client_id").unwrap_or_default())
///         .secret_key(mock.credential("secret_key").unwrap_or_default())
///         .base_url(mock.base_url())
///         .rate_limit_wait(Duration::ZERO)
///         .build()?;
///     for _ in 0..10 {
///         client.fetch_token().await?;
///     }
///     let Err(WeirError::RateLimited(error)) = client.fetch_token().await else {
///         panic!("expected the client-side rate limit");
///     };
///     assert_eq!((error.requests, error.period), (10, Duration::from_secs(60)));
///     assert!(error.retry_after > Duration::ZERO);
///     assert_eq!(mock.request_count(), 10);
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimited {
    /// Requests allowed per period.
    pub requests: u32,
    /// Length of the period.
    pub period: Duration,
    /// When a request would be allowed again.
    pub retry_after: Duration,
}

impl fmt::Display for RateLimited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "client-side rate limit of {} token requests per {} s reached; next request allowed in {} ms",
            self.requests,
            self.period.as_secs(),
            self.retry_after.as_millis()
        )
    }
}

impl std::error::Error for RateLimited {}

/// Every failure of the engine; generated code maps it onto the client's error enum.
#[derive(Debug, Clone, thiserror::Error)]
pub enum EngineError {
    /// An error response of the provider; `variant` is the index of the matching
    /// [`VariantPlan`](tokenspec_spec::plan::VariantPlan), if one matched.
    #[error("{error}")]
    Provider {
        /// Index into `plan.errors.variants`.
        variant: Option<usize>,
        /// The error as read from the envelope.
        error: ProviderError,
    },
    /// Configuration.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// Transport.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// Decoding a successful response.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// A response that is neither success nor a provider error.
    #[error(transparent)]
    Unexpected(#[from] UnexpectedResponse),
    /// Client-side rate limit.
    #[error(transparent)]
    RateLimited(#[from] RateLimited),
}

/// Whether a cause of `error` is a failure of TLS. The TLS libraries' own error types are not
/// reqwest's public API (native-tls wraps OpenSSL, Secure Transport or SChannel; rustls has
/// its own), and a certificate refused after a TLS 1.3 handshake reaches reqwest as an
/// `io::Error` of the connection, so the causes' text decides: every backend names SSL,
/// TLS, a certificate or the handshake in it.
fn is_tls_failure(error: &reqwest::Error) -> bool {
    const WORDS: &[&str] = &["ssl", "tls", "certificate", "handshake"];
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        let text = cause.to_string().to_ascii_lowercase();
        if WORDS.iter().any(|w| text.contains(w)) {
            return true;
        }
        source = cause.source();
    }
    false
}
