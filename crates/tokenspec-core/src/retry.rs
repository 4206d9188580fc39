//! [`RetryPolicy`]: which failed token requests are tried again, and when.

use std::future::Future;
use std::time::Duration;

use tokenspec_spec::plan::Plan;
use tokio::time::Instant;

use crate::clock::ClockRef;
use crate::error::EngineError;
use crate::time::later_tokio;

/// How failed token requests are retried.
///
/// Retried are transport failures (refused or reset connections, timeouts), HTTP 408, 429
/// and 5xx, and the errors the spec marks `retry: true`; an error the spec names without
/// `retry: true`, a 401 and every other 4xx (bad credentials, `invalid_client`) are never
/// retried, nor are decoding errors and the client-side rate limit. Between attempts the
/// engine waits a capped exponential backoff with jitter (a random point in the upper half of
/// the step), or the `Retry-After` the provider sent. It gives up after `max_attempts`, or
/// earlier when the next wait would end past `max_elapsed` from the first attempt, returning
/// the last error.
///
/// The default: 4 attempts, backoff from 100 ms doubling up to 2 s, 20 s in all.
///
/// # Example
/// Set on a client's builder with `.retry(...)`. Against a mock (features `providers` and
/// `testing`) that answers 503 twice, the third attempt gets the token:
///
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use tokenspec_core::RetryPolicy;
/// use tokenspec_core::providers::Weir;
/// use tokenspec_core::testing::{Fault, MockProvider};
///
/// let policy = RetryPolicy::default()
///     .with_max_attempts(3)
///     .with_backoff(Duration::from_millis(1), Duration::from_millis(10))
///     .with_max_elapsed(Duration::from_secs(5));
///
/// tokio::runtime::Runtime::new()?.block_on(async {
///     let mock = MockProvider::for_plan(Weir::plan()).start().await?;
///     let client = Weir::builder()
///         .client_id(mock.credential("client_id").unwrap_or_default())
///         .secret_key(mock.credential("secret_key").unwrap_or_default())
///         .base_url(mock.base_url())
///         .retry(policy)
///         .build()?;
///     mock.fail_next(2, Fault::ServerError { status: 503 });
///
///     client.access_token().await?;
///     assert_eq!(mock.request_count(), 3);
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 4,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(2),
            max_elapsed: Duration::from_secs(20),
        }
    }
}

impl RetryPolicy {
    /// No retries: one attempt per token request.
    pub fn none() -> Self {
        RetryPolicy::default().with_max_attempts(1)
    }

    /// At most `attempts` attempts in all (0 counts as 1).
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first backoff step, and the cap every later (doubled) step stays under.
    pub fn with_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// The time all attempts of one token request may take, waits included.
    pub fn with_max_elapsed(mut self, max: Duration) -> Self {
        self.max_elapsed = max;
        self
    }

    /// The first backoff step and the cap.
    pub(crate) fn backoff_bounds(&self) -> (Duration, Duration) {
        (self.initial_backoff, self.max_backoff)
    }

    /// The largest backoff step: also the shortest rest after a failed renewal before the
    /// next one.
    pub(crate) fn max_backoff(&self) -> Duration {
        self.max_backoff
    }

    /// The wait before attempt `next` (2, 3, ...): `step/2 + random(0..=step/2)` where
    /// `step = initial * 2^(next-2)`, capped.
    fn backoff(&self, next: u32) -> Duration {
        let exp = next.saturating_sub(2).min(31);
        let step = self
            .initial_backoff
            .saturating_mul(1u32 << exp)
            .min(self.max_backoff);
        let half = step / 2;
        half + half.mul_f64(fastrand::f64())
    }
}

/// The instant a token request gives up at, whatever the policy still allows: a renewal in
/// the background stops when the token it replaces expires. Kept on tokio's clock, which
/// paces the attempts, and computed from the engine's clock, which decides expiry.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deadline(Instant);

impl Deadline {
    /// The real instant matching `at` on `clock`.
    pub(crate) fn of(clock: &ClockRef, at: std::time::Instant) -> Self {
        let left = at.saturating_duration_since(clock.now());
        Deadline(later_tokio(Instant::now(), left))
    }

    /// What is left of it.
    pub(crate) fn remaining(&self) -> Duration {
        self.0.saturating_duration_since(Instant::now())
    }
}

/// Whether an error is worth another attempt, and the wait the provider asked for.
pub(crate) fn verdict(plan: &Plan, error: &EngineError) -> Option<Option<Duration>> {
    let by_status = |status: u16| status == 408 || status == 429 || status >= 500;
    match error {
        EngineError::Transport(_) => Some(None),
        EngineError::Provider { variant, error } => {
            if error.status == 401 {
                return None;
            }
            let retry = match variant.and_then(|i| plan.errors.variants.get(i)) {
                // The spec's word wins over the status.
                Some(v) => v.retry,
                None => by_status(error.status),
            };
            retry.then_some(error.retry_after)
        }
        EngineError::Unexpected(u) => by_status(u.status).then_some(u.retry_after),
        EngineError::Config(_) | EngineError::Decode(_) | EngineError::RateLimited(_) => None,
    }
}

/// Runs `attempt(n)` for n = 1, 2, ... until it succeeds, fails for good, or the policy's
/// bounds or the deadline are reached; returns the last outcome.
pub(crate) async fn run<T, F, Fut>(
    policy: &RetryPolicy,
    plan: &Plan,
    deadline: Option<Deadline>,
    mut attempt: F,
) -> Result<T, EngineError>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<T, EngineError>>,
{
    let start = Instant::now();
    let mut n = 1;
    loop {
        let error = match attempt(n).await {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        if n >= policy.max_attempts {
            return Err(error);
        }
        let Some(asked) = verdict(plan, &error) else {
            return Err(error);
        };
        n += 1;
        let wait = asked.unwrap_or_else(|| policy.backoff(n));
        if start.elapsed().saturating_add(wait) > policy.max_elapsed {
            tracing::debug!(
                wait_ms = wait.as_millis() as u64,
                "not retrying: the wait would pass the retry time limit"
            );
            return Err(error);
        }
        if deadline.is_some_and(|d| wait >= d.remaining()) {
            tracing::debug!(
                wait_ms = wait.as_millis() as u64,
                "not retrying: the cached token expires before the next attempt"
            );
            return Err(error);
        }
        tracing::debug!(wait_ms = wait.as_millis() as u64, %error, "retrying token request");
        tokio::time::sleep(wait).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_under_the_cap() {
        let p = RetryPolicy::default();
        for _ in 0..100 {
            let b2 = p.backoff(2);
            assert!(b2 >= Duration::from_millis(50) && b2 <= Duration::from_millis(100));
            let b3 = p.backoff(3);
            assert!(b3 >= Duration::from_millis(100) && b3 <= Duration::from_millis(200));
            let b40 = p.backoff(40);
            assert!(b40 >= Duration::from_secs(1) && b40 <= Duration::from_secs(2));
        }
        let p = RetryPolicy::default().with_backoff(Duration::MAX, Duration::MAX);
        assert!(p.backoff(u32::MAX) <= Duration::MAX);
        assert_eq!(RetryPolicy::none().max_attempts, 1);
        assert_eq!(RetryPolicy::default().with_max_attempts(0).max_attempts, 1);
    }
}
