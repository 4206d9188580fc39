//! [`RefreshMargin`]: how long before expiry a token is renewed.

use std::time::{Duration, Instant};

use crate::time::later;

/// How long before its expiry a cached token is renewed.
///
/// The margin is a fraction of the token's lifetime, at least 1 s (a JWT's `exp` counts whole
/// seconds, so a provider may end a token up to a second before its `expires_in` says) and
/// capped, then lengthened by a random
/// jitter so a fleet of processes that started together does not renew in lockstep. It never
/// exceeds the lifetime. The default is a tenth of the lifetime, at most 60 s, plus up to 20 %
/// jitter: a 5-minute token is renewed 30 to 36 s before it expires, a 1-hour token 60 to
/// 72 s before, a 4-second token 1 to 1.2 s before.
///
/// Inside the margin callers are still served the cached token, at once, while one renewal
/// runs in the background; should it fail, the token is served until a second before it
/// expires.
///
/// # Example
/// Set on a client's builder with `.refresh_margin(...)` (feature `providers` for the
/// built-in client):
///
/// ```
/// # #[cfg(feature = "providers")]
/// # fn main() -> Result<(), tokenspec_core::ConfigError> {
/// use std::time::Duration;
/// use tokenspec_core::RefreshMargin;
/// use tokenspec_core::providers::Weir;
///
/// // A quarter of the lifetime, at most 5 minutes, no jitter.
/// let margin = RefreshMargin::new(0.25, Duration::from_secs(300)).with_jitter(0.0);
/// assert_ne!(margin, RefreshMargin::default());
///
/// let client = Weir::builder()
///     .client_id("my-client")
///     .secret_key("my-secret")
///     .refresh_margin(margin)
///     .build()?;
/// # let _ = client;
/// # Ok(())
/// # }
/// # #[cfg(not(feature = "providers"))]
/// # fn main() {}
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RefreshMargin {
    fraction: f64,
    max: Duration,
    jitter: f64,
}

impl Default for RefreshMargin {
    fn default() -> Self {
        RefreshMargin {
            fraction: 0.1,
            max: Duration::from_secs(60),
            jitter: 0.2,
        }
    }
}

impl RefreshMargin {
    /// `fraction` of the lifetime (clamped to 0..=1; NaN counts as 0), at most `max`, with
    /// the default 20 % jitter.
    pub fn new(fraction: f64, max: Duration) -> Self {
        RefreshMargin {
            fraction: unit(fraction),
            max,
            ..RefreshMargin::default()
        }
    }

    /// A fixed margin (at most the lifetime), with the default 20 % jitter.
    pub fn fixed(margin: Duration) -> Self {
        RefreshMargin::new(1.0, margin)
    }

    /// Replaces the jitter: the margin is lengthened by a random share of itself up to
    /// `jitter` (clamped to 0..=1; 0 turns jitter off).
    pub fn with_jitter(mut self, jitter: f64) -> Self {
        self.jitter = unit(jitter);
        self
    }

    /// When to start renewing a token issued at `issued_at` that lives `lifetime`.
    /// Saturating throughout: an absurd lifetime gives a late instant, never a panic.
    pub(crate) fn renew_at(&self, issued_at: Instant, lifetime: Duration) -> Instant {
        let base = scale(lifetime, self.fraction).max(MIN_MARGIN).min(self.max);
        let margin = base
            .saturating_add(scale(base, self.jitter * fastrand::f64()))
            .min(lifetime);
        // `margin <= lifetime`, so this is never before `issued_at`; an instant beyond what
        // the platform holds saturates (renew never, in practice).
        later(issued_at, lifetime.saturating_sub(margin))
    }
}

/// The shortest margin a fraction gives (unless the cap is shorter).
const MIN_MARGIN: Duration = Duration::from_secs(1);

/// `d * factor` for a factor in 0..=1, without `mul_f64`'s panics.
fn scale(d: Duration, factor: f64) -> Duration {
    Duration::try_from_secs_f64(d.as_secs_f64() * factor).unwrap_or(d)
}

fn unit(x: f64) -> f64 {
    if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_margin_is_a_tenth_capped_at_a_minute_plus_jitter() {
        let t0 = Instant::now();
        for _ in 0..100 {
            let at = RefreshMargin::default().renew_at(t0, Duration::from_secs(300));
            let margin = t0 + Duration::from_secs(300) - at;
            assert!(margin >= Duration::from_secs(30) && margin <= Duration::from_secs(36));
            let at = RefreshMargin::default().renew_at(t0, Duration::from_secs(3600));
            let margin = t0 + Duration::from_secs(3600) - at;
            assert!(margin >= Duration::from_secs(60) && margin <= Duration::from_secs(72));
        }
    }

    #[test]
    fn jitter_spreads_renewals() {
        let t0 = Instant::now();
        let m = RefreshMargin::default();
        let times: std::collections::BTreeSet<_> = (0..50)
            .map(|_| m.renew_at(t0, Duration::from_secs(3600)))
            .collect();
        assert!(times.len() > 10, "{}", times.len());
        let none = m.with_jitter(0.0);
        assert_eq!(
            none.renew_at(t0, Duration::from_secs(3600)),
            t0 + Duration::from_secs(3540)
        );
    }

    #[test]
    fn absurd_lifetimes_and_settings_do_not_panic() {
        let t0 = Instant::now();
        for lifetime in [Duration::ZERO, Duration::from_secs(u64::MAX), Duration::MAX] {
            for m in [
                RefreshMargin::default(),
                RefreshMargin::fixed(Duration::MAX),
                RefreshMargin::new(f64::NAN, Duration::ZERO).with_jitter(f64::INFINITY),
                RefreshMargin::new(-3.0, Duration::MAX).with_jitter(1.0),
            ] {
                assert!(m.renew_at(t0, lifetime) >= t0);
            }
        }
        // A short lifetime still gets a second of margin.
        let at = RefreshMargin::default()
            .with_jitter(0.0)
            .renew_at(t0, Duration::from_secs(4));
        assert_eq!(at, t0 + Duration::from_secs(3));
        // A zero lifetime is due at once; a fixed margin never exceeds the lifetime.
        let m = RefreshMargin::fixed(Duration::from_secs(600)).with_jitter(0.0);
        assert_eq!(m.renew_at(t0, Duration::ZERO), t0);
        assert_eq!(m.renew_at(t0, Duration::from_secs(60)), t0);
    }
}
