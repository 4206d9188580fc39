//! The token cache: one `ArcSwapOption`, read without locks.
//!
//! A cache hit loads an `arc_swap` guard (a thread-local debt slot: no lock, no allocation,
//! no increment of the shared reference count, which does not scale across cores), compares
//! one instant, and hands the caller a borrow of the token. Only an owned copy, asked for
//! with `access_token()` or `cached_token()`, increments the token's reference count.
//!
//! An entry holds the token twice, converted once when it arrives: as the [`AccessToken`]
//! every client reads, and as the generated client's typed token (`WeirToken`, with the
//! spec's `response.fields`), type-erased because the engine is not generic; a typed read
//! is one type-id comparison more than an untyped one.

use std::any::Any;
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

/// The typed token of an entry: the generated client's (`WeirToken`), or the [`RawToken`]
/// itself for an engine built without one.
///
/// [`RawToken`]: crate::token::RawToken
pub(crate) type Typed = Arc<dyn Any + Send + Sync>;

/// The cached token, its typed form, when to renew it, and until when to serve it.
pub(crate) struct Cached {
    token: AccessToken,
    typed: Typed,
    /// When to start renewing; `None` for a token of unknown lifetime (no `expires_in` and
    /// no `lifetime` in the spec), which is kept until replaced or invalidated.
    renew_at: Option<Instant>,
    /// The last instant it is served: [`EXPIRY_SLACK`] before it expires; `None` for a token
    /// of unknown lifetime.
    usable_until: Option<Instant>,
}

impl Cached {
    /// The token.
    #[inline]
    pub(crate) fn token(&self) -> &AccessToken {
        &self.token
    }

    /// The typed token, if it is a `T` (it is the client's token type, which made it).
    #[inline]
    pub(crate) fn typed<T: 'static>(&self) -> Option<&T> {
        self.typed.downcast_ref()
    }

    /// The typed token, owned, if it is a `T`.
    #[inline]
    pub(crate) fn typed_arc<T: Send + Sync + 'static>(&self) -> Option<Arc<T>> {
        Arc::clone(&self.typed).downcast().ok()
    }

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
    /// Calls `f` on the cached entry if it is fresh, while holding the guard (keep `f` short:
    /// a thread holds few guards before arc_swap falls back to reference counts).
    #[inline]
    pub(crate) fn read<R, F>(&self, clock: &ClockRef, f: F) -> Lookup<R, F>
    where
        F: FnOnce(&Cached) -> R,
    {
        let guard = self.slot.load();
        let Some(cached) = guard.as_ref() else {
            return Lookup::Miss(f);
        };
        let Some(renew_at) = cached.renew_at else {
            return Lookup::Fresh(f(cached));
        };
        let now = clock.now();
        if now < renew_at {
            Lookup::Fresh(f(cached))
        } else if cached.usable(now) {
            Lookup::Due(f(cached))
        } else {
            Lookup::Miss(f)
        }
    }

    /// Whether a token not yet due for renewal is cached.
    pub(crate) fn is_fresh(&self, clock: &ClockRef) -> bool {
        matches!(self.read(clock, |_| ()), Lookup::Fresh(()))
    }

    /// The cached entry if it is still usable (it may be due for renewal).
    pub(crate) fn usable(&self, clock: &ClockRef) -> Option<Arc<Cached>> {
        let guard = self.slot.load();
        let cached = guard.as_ref()?;
        cached.usable(clock.now()).then(|| Arc::clone(cached))
    }

    /// Until when the cached token is served, if it still is and its lifetime is known.
    pub(crate) fn usable_until(&self, clock: &ClockRef) -> Option<Instant> {
        let guard = self.slot.load();
        let at = guard.as_ref()?.usable_until?;
        (clock.now() < at).then_some(at)
    }

    /// Caches `token` and its typed form, to be renewed from `renew_at` (never later than it
    /// stops being usable); returns the new entry.
    pub(crate) fn store(
        &self,
        token: AccessToken,
        typed: Typed,
        renew_at: Option<Instant>,
    ) -> Arc<Cached> {
        let usable_until = token.expires_at().map(|at| earlier(at, EXPIRY_SLACK));
        let renew_at = match (renew_at, usable_until) {
            (Some(r), Some(u)) => Some(r.min(u)),
            (r, _) => r,
        };
        let entry = Arc::new(Cached {
            token,
            typed,
            renew_at,
            usable_until,
        });
        self.slot.store(Some(Arc::clone(&entry)));
        entry
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
