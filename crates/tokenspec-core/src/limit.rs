//! The client-side rate limit of the token endpoint, shared by all clones of a client.

use std::collections::VecDeque;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use tokenspec_spec::plan::RateLimit;
use tokio::time::Instant;

use crate::error::RateLimited;
use crate::time::later_tokio;

/// A sliding window: at most `requests` sends in any `period`.
#[derive(Debug)]
pub(crate) struct Limiter {
    requests: u32,
    period: Duration,
    max_wait: Duration,
    sent: Mutex<VecDeque<Instant>>,
}

impl Limiter {
    /// `None` for a limit that limits nothing (zero requests or a zero period, which the spec
    /// checker rejects anyway).
    pub(crate) fn new(limit: RateLimit, max_wait: Duration) -> Option<Self> {
        (limit.requests > 0 && limit.per_seconds > 0).then(|| Limiter {
            requests: limit.requests,
            period: Duration::from_secs(limit.per_seconds),
            max_wait,
            sent: Mutex::new(VecDeque::new()),
        })
    }

    /// Takes a place in the window, waiting up to `max_wait` for one.
    pub(crate) async fn acquire(&self) -> Result<(), RateLimited> {
        let deadline = later_tokio(Instant::now(), self.max_wait);
        loop {
            let now = Instant::now();
            let wait = {
                // The queue stays consistent even if a holder panicked: use it anyway.
                let mut sent = self.sent.lock().unwrap_or_else(PoisonError::into_inner);
                while sent
                    .front()
                    .is_some_and(|t| later_tokio(*t, self.period) <= now)
                {
                    sent.pop_front();
                }
                if sent.len() < self.requests as usize {
                    sent.push_back(now);
                    return Ok(());
                }
                match sent.front() {
                    Some(oldest) => {
                        later_tokio(*oldest, self.period).saturating_duration_since(now)
                    }
                    None => Duration::ZERO,
                }
            };
            if later_tokio(now, wait) > deadline {
                return Err(RateLimited {
                    requests: self.requests,
                    period: self.period,
                    retry_after: wait,
                });
            }
            tokio::time::sleep(wait).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_WAIT: Duration = Duration::from_secs(5);

    fn limit(requests: u32, per_seconds: u64) -> Limiter {
        Limiter::new(
            RateLimit {
                requests,
                per_seconds,
            },
            MAX_WAIT,
        )
        .unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn refuses_when_the_wait_is_too_long() {
        let l = limit(2, 60);
        l.acquire().await.unwrap();
        l.acquire().await.unwrap();
        let err = l.acquire().await.unwrap_err();
        assert_eq!(err.requests, 2);
        assert!(err.retry_after > Duration::from_secs(59));
    }

    #[tokio::test(start_paused = true)]
    async fn waits_for_the_window_when_short() {
        let l = limit(1, 2);
        let start = Instant::now();
        l.acquire().await.unwrap();
        l.acquire().await.unwrap();
        assert!(start.elapsed() >= Duration::from_secs(2));
    }

    #[tokio::test(start_paused = true)]
    async fn absurd_waits_and_periods_do_not_overflow() {
        let l = Limiter::new(
            RateLimit {
                requests: 1,
                per_seconds: u64::MAX,
            },
            Duration::MAX,
        )
        .unwrap();
        l.acquire().await.unwrap();
        // The second request would wait for ever: it sleeps rather than panics.
        let second = tokio::time::timeout(Duration::from_secs(3600), l.acquire()).await;
        assert!(second.is_err(), "still waiting after an hour");
    }

    #[test]
    fn zero_limits_nothing() {
        assert!(
            Limiter::new(
                RateLimit {
                    requests: 0,
                    per_seconds: 1
                },
                MAX_WAIT
            )
            .is_none()
        );
    }
}
