//! Saturating time arithmetic: the one place an instant is moved by a duration.
//!
//! Durations reach the engine from users (`rate_limit_wait(Duration::MAX)`), from specs
//! (`per_seconds: 18446744073709551615`) and from providers (`Retry-After`, `expires_in`).
//! `Instant + Duration` panics when the sum does not fit, and `checked_add` returns `None`,
//! which call sites have read as "no deadline" or "no rest": both wrong. Every sum of an
//! instant and a duration goes through [`later`] (or [`later_tokio`]) instead, which stops
//! at the furthest instant the platform can hold: an absurd wait is a very long one.

use std::time::{Duration, Instant};

/// `at + by`, or the furthest representable instant when that does not fit.
pub(crate) fn later(at: Instant, by: Duration) -> Instant {
    at.checked_add(by).unwrap_or_else(|| far_future(at))
}

/// `at - by`, or `at` itself in the (theoretical) case that the platform's instants do
/// not reach back that far.
pub(crate) fn earlier(at: Instant, by: Duration) -> Instant {
    at.checked_sub(by).unwrap_or(at)
}

/// [`later`] for tokio's instant, which paces sleeps, backoff and the rate limit.
pub(crate) fn later_tokio(at: tokio::time::Instant, by: Duration) -> tokio::time::Instant {
    at.checked_add(by)
        .unwrap_or_else(|| tokio::time::Instant::from_std(far_future(at.into_std())))
}

/// The latest instant found by halving steps from `from` (an Instant's range is
/// platform-dependent, so it is probed rather than assumed).
fn far_future(from: Instant) -> Instant {
    let mut step = Duration::from_secs(u64::MAX / 2);
    let mut at = from;
    while step > Duration::from_secs(1) {
        if let Some(next) = at.checked_add(step) {
            at = next;
        }
        step /= 2;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_saturate_instead_of_panicking() {
        let now = Instant::now();
        assert_eq!(
            later(now, Duration::from_secs(5)),
            now + Duration::from_secs(5)
        );
        let far = later(now, Duration::MAX);
        assert!(far > now + Duration::from_secs(100 * 365 * 86_400));
        assert_eq!(later(far, Duration::MAX), far);
        let tnow = tokio::time::Instant::now();
        assert!(later_tokio(tnow, Duration::MAX) > tnow);
        assert!(later_tokio(tnow, Duration::from_secs(u64::MAX / 2)) > tnow);
    }
}
