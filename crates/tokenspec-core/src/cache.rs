//! The token cache: one `ArcSwapOption`, read without locks.
//!
//! A cache hit loads an `arc_swap` guard (a thread-local debt slot: no lock, no allocation,
//! no increment of the shared reference count, which does not scale across cores), compares
//! one instant, and hands the caller a borrow of the token. Only an owned copy, asked for
//! with `access_token()`, increments the token's reference count.

use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::ArcSwapOption;

use crate::clock::ClockRef;
use crate::secret::AccessToken;
use crate::time::earlier;

/// A provider may end a token this long before its `expires_in` says (a JWT's `exp` counts
/// whole seconds, and the provider's clock started before the response reached us), so a
/// token is served from the cache until a second before its expiry, no later.
pub(crate) const EXPIRY_SLACK: Duration = Duration::from_secs(1);

/// The cached token, when to renew it, and until when to serve it.
struct Cached {
    token: AccessToken,
    /// When to start renewing; `None` for a token of unknown lifetime (no `expires_in` and
    /// no `lifetime` in the spec), which is kept until replaced or invalidated.
    renew_at: Option<Instant>,
    /// The last instant it is served: [`EXPIRY_SLACK`] before it expires; `None` for a token
    /// of unknown lifetime.
    usable_until: Option<Instant>,
}

impl Cached {
    fn usable(&self, now: Instant) -> bool {
        self.usable_until.is_none_or(|at| now < at)
    }
}

/// What a cache read found.
pub(crate) enum Lookup<R, F> {
    /// A token not yet due for renewal; the value `f` returned.
    Fresh(R),
    /// A token due for renewal but still usable; the value `f` returned (the caller is
    /// served, and renewal starts in the background).
    Due(R),
    /// No usable token (none, or one in its last second); `f` is handed back.
    Miss(F),
}

#[derive(Default)]
pub(crate) struct TokenCache {
    slot: ArcSwapOption<Cached>,
}

impl TokenCache {
    /// Calls `f` on the cached token if it is fresh, while holding the guard (keep `f` short:
    /// a thread holds few guards before arc_swap falls back to reference counts).
    #[inline]
    pub(crate) fn read<R, F>(&self, clock: &ClockRef, f: F) -> Lookup<R, F>
    where
        F: FnOnce(&AccessToken) -> R,
    {
        let guard = self.slot.load();
        let Some(cached) = guard.as_ref() else {
            return Lookup::Miss(f);
        };
        let Some(renew_at) = cached.renew_at else {
            return Lookup::Fresh(f(&cached.token));
        };
        let now = clock.now();
        if now < renew_at {
            Lookup::Fresh(f(&cached.token))
        } else if cached.usable(now) {
            Lookup::Due(f(&cached.token))
        } else {
            Lookup::Miss(f)
        }
    }

    /// Whether a token not yet due for renewal is cached.
    pub(crate) fn is_fresh(&self, clock: &ClockRef) -> bool {
        matches!(self.read(clock, |_| ()), Lookup::Fresh(()))
    }

    /// The cached token if it is still usable (it may be due for renewal).
    pub(crate) fn usable(&self, clock: &ClockRef) -> Option<AccessToken> {
        let guard = self.slot.load();
        let cached = guard.as_ref()?;
        cached.usable(clock.now()).then(|| cached.token.clone())
    }

    /// Until when the cached token is served, if it still is and its lifetime is known.
    pub(crate) fn usable_until(&self, clock: &ClockRef) -> Option<Instant> {
        let guard = self.slot.load();
        let at = guard.as_ref()?.usable_until?;
        (clock.now() < at).then_some(at)
    }

    /// Caches `token`, to be renewed from `renew_at` (never later than it stops being
    /// usable).
    pub(crate) fn store(&self, token: AccessToken, renew_at: Option<Instant>) {
        let usable_until = token.expires_at().map(|at| earlier(at, EXPIRY_SLACK));
        let renew_at = match (renew_at, usable_until) {
            (Some(r), Some(u)) => Some(r.min(u)),
            (r, _) => r,
        };
        self.slot.store(Some(Arc::new(Cached {
            token,
            renew_at,
            usable_until,
        })));
    }

    /// Whether `token` is the cached one.
    pub(crate) fn holds(&self, token: &AccessToken) -> bool {
        self.slot
            .load()
            .as_ref()
            .is_some_and(|c| c.token.same(token))
    }

    /// Drops `token` if it is still the cached one; says whether it was.
    pub(crate) fn invalidate(&self, token: &AccessToken) -> bool {
        let current = self.slot.load();
        match current.as_ref() {
            Some(c) if c.token.same(token) => {
                // Only if nobody replaced it meanwhile.
                let previous = self.slot.compare_and_swap(&*current, None);
                match (&*previous, &*current) {
                    (Some(p), Some(c)) => Arc::ptr_eq(p, c),
                    _ => false,
                }
            }
            _ => false,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.slot.load().is_none()
    }
}
