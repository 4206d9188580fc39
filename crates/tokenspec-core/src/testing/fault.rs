//! [`Fault`]: the ways the mock can misbehave, and the queue of faults still to serve.

use std::collections::VecDeque;
use std::time::Duration;

/// A way the mock token endpoint misbehaves, set with
/// [`MockServer::fail_next`](super::MockServer::fail_next).
///
/// Each fault stands for something real token endpoints and the proxies in front of them do.
/// The comment of each variant says what today's engine makes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// HTTP 429 with `Retry-After: <retry_after>` (seconds) and the spec's error envelope
    /// (the variant the spec names for 429, if any): a provider error whose `retry_after` is
    /// set.
    TooManyRequests {
        /// Seconds the client is asked to wait.
        retry_after: u64,
    },
    /// An error status (500, 502, 503, ...) with the spec's error envelope: a provider
    /// error, of the variant the spec names for that status if there is one.
    ServerError {
        /// The HTTP status (an invalid one is sent as 500).
        status: u16,
    },
    /// Waits this long, then answers normally: for timeouts and concurrency tests.
    Delay(Duration),
    /// Reads the request, then closes the connection without answering: a transport error.
    DropConnection,
    /// An HTML page (a proxy's error page, a captive portal) with this status: an
    /// unexpected response.
    HtmlPage {
        /// The HTTP status (an invalid one is sent as 502).
        status: u16,
    },
    /// A 200 whose JSON body is cut off halfway: an unexpected response (not JSON).
    TruncatedJson,
    /// A 200 in the spec's shape whose values have the wrong JSON types (the token is a
    /// number): a decoding error.
    WrongTypes,
    /// A `302 Found` pointing elsewhere on the mock; the engine follows no redirects, so an
    /// unexpected response.
    Redirect,
    /// A valid token that expires at once (`expires_in: 0` where the spec has a lifetime
    /// path): the token is returned, already due for renewal.
    ExpiredToken,
    /// A 200 in the spec's shape (success discriminator included) without the access token:
    /// a decoding error.
    MalformedToken,
}

/// Faults still to serve, in order, each with how many requests it applies to.
#[derive(Debug, Default)]
pub(crate) struct FaultQueue {
    queue: VecDeque<(Fault, usize)>,
}

impl FaultQueue {
    /// Adds `fault` for the `n` requests after those already queued.
    pub(crate) fn push(&mut self, n: usize, fault: Fault) {
        if n > 0 {
            self.queue.push_back((fault, n));
        }
    }

    /// The fault for the request being served, if any, consuming one use of it.
    pub(crate) fn take(&mut self) -> Option<Fault> {
        let (fault, left) = self.queue.front_mut()?;
        let fault = fault.clone();
        *left -= 1;
        if *left == 0 {
            self.queue.pop_front();
        }
        Some(fault)
    }

    /// Drops every queued fault.
    pub(crate) fn clear(&mut self) {
        self.queue.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_served_in_order_for_their_count() {
        let mut q = FaultQueue::default();
        q.push(2, Fault::TruncatedJson);
        q.push(0, Fault::Redirect);
        q.push(1, Fault::DropConnection);
        assert_eq!(q.take(), Some(Fault::TruncatedJson));
        assert_eq!(q.take(), Some(Fault::TruncatedJson));
        assert_eq!(q.take(), Some(Fault::DropConnection));
        assert_eq!(q.take(), None);
        q.push(usize::MAX, Fault::WrongTypes);
        q.clear();
        assert_eq!(q.take(), None);
    }
}
