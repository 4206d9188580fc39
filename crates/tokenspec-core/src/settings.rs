//! [`Settings`]: how the engine behaves, beyond what the spec says.

use std::time::Duration;

use crate::clock::ClockRef;
use crate::margin::RefreshMargin;
use crate::retry::RetryPolicy;
use crate::transport::Transport;

/// The engine's tunables, set through the builder.
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub(crate) retry: RetryPolicy,
    pub(crate) margin: RefreshMargin,
    /// How long a token request waits for the client-side rate limit before failing.
    pub(crate) rate_limit_wait: Duration,
    pub(crate) clock: ClockRef,
    /// Plain http to hosts other than loopback (an internal network the user trusts).
    pub(crate) allow_plain_http: bool,
    pub(crate) connect_timeout: Duration,
    /// One attempt of a token request (connect, send, read).
    pub(crate) request_timeout: Duration,
    /// Root certificates, client identity, proxy, user agent.
    pub(crate) transport: Transport,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            retry: RetryPolicy::default(),
            margin: RefreshMargin::default(),
            // Short, because the caller is usually serving a request of its own.
            rate_limit_wait: Duration::from_secs(5),
            clock: ClockRef::default(),
            allow_plain_http: false,
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            transport: Transport::default(),
        }
    }
}
