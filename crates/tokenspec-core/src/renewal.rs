//! Renewal: the second layer of the engine, over the token endpoint. It holds the cached
//! token and decides when to ask the endpoint for another: ahead of expiry in the
//! background, on a miss with every concurrent caller waiting on one request (single flight,
//! in a task of its own), with the refresh grant first when one is held, and after an API's
//! rejection at most once per [`REJECTION_PAUSE`]. It knows nothing of API requests
//! (`apply.rs`, above it).

use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};

use crate::cache::{Cached, Lookup, TokenCache, Typed};
use crate::clock::ClockRef;
use crate::endpoint::{Endpoint, Grant};
use crate::error::EngineError;
use crate::flight::{self, Flight, Join, Outcome, Ticket};
use crate::margin::RefreshMargin;
use crate::retry::Deadline;
use crate::secret::AccessToken;
use crate::settings::Settings;
use crate::time::later;
use crate::token::RawToken;

/// A waiter whose flight died without an outcome (its runtime shutting down) tries this
/// many times before renewing on its own.
const JOIN_TRIES: usize = 3;

/// The shortest rest after a failed renewal while a usable token is cached.
const QUIET_MIN: Duration = Duration::from_secs(1);

/// How long after dropping a rejected token another rejection is not renewed for (see
/// the client's `invalidate`).
pub const REJECTION_PAUSE: Duration = Duration::from_secs(30);

/// What [`Renewal::reject`] did with a rejected token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rejection {
    /// Dropped: the next caller renews.
    Dropped,
    /// Not cached any more (replaced or dropped by someone else): the cache holds a newer
    /// token, or the next caller renews.
    Replaced,
    /// Kept: a token was dropped for a rejection too recently.
    Kept,
}

/// The cached token of one client and its renewal. Shared (`Arc`) so a renewal can run in a
/// task of its own.
pub(crate) struct Renewal {
    endpoint: Endpoint,
    cache: TokenCache,
    flight: Flight,
    /// The refresh token of the last response that carried one; only renewal touches it.
    refresh_token: Mutex<Option<SecretString>>,
    /// When a rejected token was last dropped (by the engine's clock), to bound renewals
    /// caused by rejections.
    last_rejection: Mutex<Option<Instant>>,
    margin: RefreshMargin,
    /// Decides expiry.
    clock: ClockRef,
    /// Makes the typed token of a new token, once per token (see `cache.rs`).
    typed: TypedFn,
}

/// Converts a decoded token into the typed token its cache entry holds.
pub(crate) type TypedFn = fn(RawToken) -> Typed;

/// The typed token of an engine built without a generated client: the raw token.
pub(crate) fn untyped(raw: RawToken) -> Typed {
    Arc::new(raw)
}

impl Renewal {
    pub(crate) fn new(endpoint: Endpoint, settings: &Settings, typed: TypedFn) -> Self {
        Renewal {
            endpoint,
            cache: TokenCache::default(),
            flight: Flight::default(),
            refresh_token: Mutex::new(None),
            last_rejection: Mutex::new(None),
            margin: settings.margin,
            clock: settings.clock.clone(),
            typed,
        }
    }

    /// The token endpoint below.
    pub(crate) fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// Whether a token is cached (fresh or not), for `Debug`.
    pub(crate) fn is_cached(&self) -> bool {
        !self.cache.is_empty()
    }

    /// One new token request (one attempt, not coalesced), cached.
    pub(crate) async fn fetch_token(&self) -> Result<RawToken, EngineError> {
        let raw = self.endpoint.attempt(Grant::Credentials, 1, None).await?;
        self.store(raw.clone(), None);
        Ok(raw)
    }

    /// `f` on the current cache entry: a cache hit at once; a token due for renewal at once
    /// too, with a renewal started in the background; a miss after waiting for the one
    /// renewal.
    #[inline]
    pub(crate) async fn with_entry<R>(
        self: &Arc<Self>,
        f: impl FnOnce(&Cached) -> R,
    ) -> Result<R, EngineError> {
        let f = match self.cache.read(&self.clock, f) {
            Lookup::Fresh(r) => return Ok(r),
            Lookup::Due(r) => {
                self.renew_ahead();
                return Ok(r);
            }
            Lookup::Miss(f) => f,
        };
        let entry = self.wait_for_token().await?;
        Ok(f(&entry))
    }

    /// `f` on the current token (see [`with_entry`](Self::with_entry)); no future of its
    /// own around `with_entry`'s, so the hot path is the same one layer deep.
    #[inline]
    pub(crate) fn with_token<R>(
        self: &Arc<Self>,
        f: impl FnOnce(&AccessToken) -> R,
    ) -> impl Future<Output = Result<R, EngineError>> {
        self.with_entry(move |entry| f(entry.token()))
    }

    /// Drops a rejected token unless one was dropped less than [`REJECTION_PAUSE`] ago.
    pub(crate) fn reject(&self, token: &AccessToken) -> Rejection {
        if !self.cache.holds(token) {
            return Rejection::Replaced;
        }
        let provider = &self.endpoint.plan().name;
        let now = self.clock.now();
        let mut last = self
            .last_rejection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if last.is_some_and(|at| now < later(at, REJECTION_PAUSE)) {
            tracing::warn!(
                %provider,
                "the API rejected a token issued after an earlier rejection; keeping it for now"
            );
            return Rejection::Kept;
        }
        if !self.cache.invalidate(token) {
            return Rejection::Replaced;
        }
        *last = Some(now);
        tracing::debug!(%provider, "cached token invalidated");
        Rejection::Dropped
    }

    /// Renews ahead of expiry without making the caller wait: the caller holds a token that
    /// is due but valid, so it is served at once while one renewal runs in the background
    /// (unless one is running, or a failed one asked for rest).
    fn renew_ahead(self: &Arc<Self>) {
        let joined = self.flight.join(self.clock.now(), |quiet| {
            quiet || self.cache.is_fresh(&self.clock)
        });
        if let Join::Lead(ticket) = joined {
            // Without a tokio runtime nothing can run in the background: the ticket is
            // dropped, and the token is renewed by the first caller who finds it unusable.
            self.spawn_flight(ticket);
        }
    }

    /// Waits for a token when the cached one is unusable or missing: joins the renewal in
    /// progress or starts one, and returns its outcome, even a token already due (the caller
    /// asked before it was issued). A token renewed meanwhile is returned at once.
    async fn wait_for_token(self: &Arc<Self>) -> Outcome {
        let (clock, cache) = (&self.clock, &self.cache);
        for _ in 0..JOIN_TRIES {
            let joined = self.flight.join(clock.now(), |quiet| {
                cache.is_fresh(clock) || (quiet && cache.usable(clock).is_some())
            });
            let rx = match joined {
                Join::Skip => match cache.usable(clock) {
                    Some(entry) => return Ok(entry),
                    // Unusable between the check and now: go round again.
                    None => continue,
                },
                Join::Wait(rx) => rx,
                Join::Lead(ticket) => {
                    let rx = ticket.subscribe();
                    if !self.spawn_flight(ticket) {
                        // No tokio runtime to run the flight on: the caller runs it.
                        return self.keep_usable(self.renew(None).await);
                    }
                    match rx {
                        Some(rx) => rx,
                        None => continue,
                    }
                }
            };
            match flight::wait(rx).await {
                // The flight cached this token before telling its waiters, so a caller may
                // have been served it from the cache, had it rejected by the API and dropped
                // it (`reject`) meanwhile: a waiter that joined before the landing must not
                // be handed the dropped token. Go round again for the cached one or a new
                // flight.
                Some(Ok(entry)) if !cache.holds(entry.token()) => continue,
                Some(outcome) => return self.keep_usable(outcome),
                None => {}
            }
        }
        self.keep_usable(self.renew(None).await)
    }

    /// A failed renewal does not poison the cache: the still usable token stands in.
    fn keep_usable(&self, outcome: Outcome) -> Outcome {
        outcome.or_else(|error| self.cache.usable(&self.clock).ok_or(error))
    }

    /// Runs the renewal in a task of its own so a cancelled caller cannot cancel it for
    /// the others. While a usable token is cached, the renewal gives up when that token
    /// stops being usable, a second before it expires (its attempts are cut short at that
    /// instant), so callers are served the cached token until then and never wait on a
    /// renewal that cannot finish in time. `false` when there is no tokio runtime to spawn
    /// on (the ticket is dropped, which clears the slot).
    fn spawn_flight(self: &Arc<Self>, ticket: Ticket) -> bool {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return false;
        };
        let this = Arc::clone(self);
        runtime.spawn(async move {
            let clock = &this.clock;
            let deadline = this
                .cache
                .usable_until(clock)
                .map(|at| Deadline::of(clock, at));
            let outcome = this.renew(deadline).await;
            let quiet = this.endpoint.max_backoff().max(QUIET_MIN);
            let rest = match &outcome {
                Err(EngineError::Provider { error, .. }) => error.retry_after,
                Err(EngineError::Unexpected(u)) => u.retry_after,
                Err(EngineError::RateLimited(r)) => Some(r.retry_after),
                _ => None,
            }
            .map_or(quiet, |w| w.max(quiet));
            if let Err(error) = &outcome {
                this.warn_failed(error);
            }
            // Saturating: a `Retry-After` of u64::MAX seconds is a long rest, not none.
            ticket.land(outcome, Some(later(clock.now(), rest)));
        });
        true
    }

    fn warn_failed(&self, error: &EngineError) {
        let provider = &self.endpoint.plan().name;
        let cause = match error {
            EngineError::Transport(t) => t.causes(),
            _ => String::new(),
        };
        match self.cache.usable_until(&self.clock) {
            Some(at) => tracing::warn!(
                %provider,
                %error,
                %cause,
                served_for_ms = at.saturating_duration_since(self.clock.now()).as_millis() as u64,
                "token renewal failed; the cached token stays in use until a second before it expires"
            ),
            None => tracing::warn!(%provider, %error, %cause, "token renewal failed"),
        }
    }

    /// Renews the token: with the refresh grant if the plan has one and a refresh token is
    /// held, falling back to the credentials grant when the provider rejects it.
    async fn renew(&self, deadline: Option<Deadline>) -> Outcome {
        let refresh_token = self
            .refresh_token
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let (Some(rp), Some(rt)) = (&self.endpoint.plan().refresh, refresh_token) {
            match self
                .endpoint
                .request(
                    Grant::Refresh(&rp.placements, &rp.token_target, &rt),
                    deadline,
                )
                .await
            {
                Ok(raw) => return Ok(self.store(raw, Some(rt))),
                // Not a verdict on the refresh token: the credentials grant would fare no
                // better now.
                Err(e @ (EngineError::Transport(_) | EngineError::RateLimited(_))) => {
                    return Err(e);
                }
                Err(error) => {
                    tracing::debug!(provider = %self.endpoint.plan().name, %error, "refresh token rejected, requesting a new token");
                    *self
                        .refresh_token
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner) = None;
                }
            }
        }
        let raw = self.endpoint.request(Grant::Credentials, deadline).await?;
        Ok(self.store(raw, None))
    }

    /// Caches a token, typed once here; `old_refresh` is kept when a refresh response carries
    /// no new one (RFC 6749 section 6).
    fn store(&self, raw: RawToken, old_refresh: Option<SecretString>) -> Arc<Cached> {
        let token = AccessToken::new(
            raw.access_token.expose_secret(),
            raw.token_type.clone(),
            raw.expires_at(),
        );
        let renew_at = raw
            .expires_in
            .map(|lifetime| self.margin.renew_at(raw.issued_at, lifetime));
        *self
            .refresh_token
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = raw.refresh_token.clone().or(old_refresh);
        self.cache.store(token, (self.typed)(raw), renew_at)
    }
}
