//! The clock the token cache reads: monotonic in production, settable in tests.
//!
//! Expiry is decided by a [`Clock`] rather than by `Instant::now()` directly so tests can
//! move time without waiting for it. tokio's paused clock cannot stand in: it auto-advances
//! while a task waits on a real socket, so a loopback request would see its 30 s timeout fire
//! after a millisecond. Only expiry decisions read this clock; timeouts, backoff and the rate
//! limit keep real time, since they pace real network traffic.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// A source of monotonic time for token expiry.
///
/// Implementations must never go backwards. Set one with the generated builder's
/// `.clock(...)`; the default is [`MonotonicClock`].
///
/// # Example
/// A clock of your own, here one that runs a fixed offset ahead of the system's (say, to
/// renew tokens as if an hour had passed):
///
/// ```
/// use std::time::{Duration, Instant};
/// use tokenspec_core::clock::Clock;
///
/// #[derive(Debug)]
/// struct Ahead(Duration);
///
/// impl Clock for Ahead {
///     fn now(&self) -> Instant {
///         Instant::now() + self.0
///     }
/// }
///
/// let clock = Ahead(Duration::from_secs(3600));
/// assert!(clock.now() > Instant::now() + Duration::from_secs(3599));
///
/// # #[cfg(feature = "providers")]
/// let weir = tokenspec_core::providers::Weir::builder()
///     .client_id("id")
///     .secret_key("secret")
///     .clock(clock)
///     .build()
///     .expect("valid configuration");
/// ```
pub trait Clock: Send + Sync + fmt::Debug + 'static {
    /// The current time.
    fn now(&self) -> Instant;
}

/// The system's monotonic clock ([`Instant::now`]): the default.
///
/// ```
/// use tokenspec_core::clock::{Clock, MonotonicClock};
///
/// let (a, b) = (MonotonicClock.now(), MonotonicClock.now());
/// assert!(b >= a);
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct MonotonicClock;

impl Clock for MonotonicClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that moves only when told to: for tests of expiry and renewal.
///
/// It starts at the real time of its creation and then stands still; [`advance`] moves it
/// forward. Clones share the same time, so a test keeps one clone and hands another to the
/// client's builder (`.clock(clock.clone())`).
///
/// [`advance`]: ManualClock::advance
///
/// # Example
/// A mock (features `providers` and `testing`) issues 5-minute tokens; moving the clock past
/// that makes the client renew without the test waiting:
///
/// ```
/// # #[cfg(all(feature = "providers", feature = "testing"))]
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use tokenspec_core::clock::{Clock, ManualClock};
/// use tokenspec_core::providers::Weir;
/// use tokenspec_core::testing::MockProvider;
///
/// let clock = ManualClock::new();
/// let start = clock.now();
/// clock.advance(Duration::from_secs(1));
/// assert_eq!(clock.now(), start + Duration::from_secs(1));
///
/// tokio::runtime::Runtime::new()?.block_on(async {
///     let mock = MockProvider::for_plan(Weir::plan())
///         .lifetime(Duration::from_secs(300))
///         .start()
///         .await?;
///     let client = Weir::builder()
///         .client_id(mock.credential("client_id").unwrap_or_default())
///         .secret_key(mock.credential("secret_key").unwrap_or_default())
///         .base_url(mock.base_url())
///         .clock(clock.clone())
///         .build()?;
///
///     let first = client.access_token().await?;
///     clock.advance(Duration::from_secs(60));
///     let cached = client.access_token().await?;
///     assert_eq!(cached.expose_secret(), first.expose_secret());
///
///     clock.advance(Duration::from_secs(300));
///     let renewed = client.access_token().await?;
///     assert_ne!(renewed.expose_secret(), first.expose_secret());
///     assert_eq!(mock.request_count(), 2);
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// # #[cfg(not(all(feature = "providers", feature = "testing")))]
/// # fn main() {}
/// ```
#[derive(Debug, Clone)]
pub struct ManualClock {
    inner: Arc<ManualInner>,
}

#[derive(Debug)]
struct ManualInner {
    start: Instant,
    /// Nanoseconds since `start`; a u64 lasts 584 years.
    offset_nanos: AtomicU64,
}

impl ManualClock {
    /// A clock standing at the current real time.
    pub fn new() -> Self {
        ManualClock {
            inner: Arc::new(ManualInner {
                start: Instant::now(),
                offset_nanos: AtomicU64::new(0),
            }),
        }
    }

    /// Moves the clock forward by `by` (saturating at about 584 years).
    pub fn advance(&self, by: Duration) {
        let nanos = u64::try_from(by.as_nanos()).unwrap_or(u64::MAX);
        // fetch_update never fails with a closure that always returns Some.
        let _ = self
            .inner
            .offset_nanos
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
                Some(n.saturating_add(nanos))
            });
    }
}

impl Default for ManualClock {
    fn default() -> Self {
        ManualClock::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        let offset = Duration::from_nanos(self.inner.offset_nanos.load(Ordering::Acquire));
        // An Instant that far ahead may not be representable: stay at the furthest one.
        crate::time::later(self.inner.start, offset)
    }
}

/// The engine's clock. The default is matched on rather than called through a vtable, so
/// the cache-hit path pays for one `Instant::now()` and nothing else.
#[derive(Clone, Debug, Default)]
pub(crate) enum ClockRef {
    /// [`MonotonicClock`].
    #[default]
    Monotonic,
    /// A user-supplied clock.
    Custom(Arc<dyn Clock>),
}

impl ClockRef {
    #[inline]
    pub(crate) fn now(&self) -> Instant {
        match self {
            ClockRef::Monotonic => Instant::now(),
            ClockRef::Custom(clock) => clock.now(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manual_clock_moves_only_when_advanced_and_clones_share_it() {
        let clock = ManualClock::new();
        let other = clock.clone();
        let t0 = clock.now();
        std::thread::sleep(Duration::from_millis(2));
        assert_eq!(clock.now(), t0);
        other.advance(Duration::from_secs(300));
        assert_eq!(clock.now(), t0 + Duration::from_secs(300));
        // Absurd advances saturate instead of overflowing.
        clock.advance(Duration::MAX);
        clock.advance(Duration::MAX);
        let _ = clock.now();
    }
}
