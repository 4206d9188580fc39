//! Renewal: single flight in a task of its own, the refresh grant first, retries.

use std::sync::PoisonError;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::engine::Engine;
use crate::error::EngineError;
use crate::flight::{self, Join, Outcome, Ticket};
use crate::retry::{self, Deadline};
use crate::secret::AccessToken;
use crate::time::later;
use crate::token::RawToken;
use crate::transport::Grant;

/// A waiter whose flight died without an outcome (its runtime shutting down) tries this
/// many times before renewing on its own.
const JOIN_TRIES: usize = 3;

/// The shortest rest after a failed renewal while a usable token is cached.
const QUIET_MIN: Duration = Duration::from_secs(1);

impl Engine {
    /// One token request with the retry policy, given up at `deadline` if there is one.
    pub(crate) async fn request(
        &self,
        grant: Grant<'_>,
        deadline: Option<Deadline>,
    ) -> Result<RawToken, EngineError> {
        let inner = self.inner();
        retry::run(&inner.settings.retry, &inner.plan, deadline, |n| {
            self.attempt(grant, n, deadline)
        })
        .await
    }

    /// Renews ahead of expiry without making the caller wait: the caller holds a token that
    /// is due but valid, so it is served at once while one renewal runs in the background
    /// (unless one is running, or a failed one asked for rest).
    pub(crate) fn renew_ahead(&self) {
        let inner = self.inner();
        let clock = &inner.settings.clock;
        let joined = inner
            .flight
            .join(clock.now(), |quiet| quiet || inner.cache.is_fresh(clock));
        if let Join::Lead(ticket) = joined {
            // Without a tokio runtime nothing can run in the background: the ticket is
            // dropped, and the token is renewed by the first caller who finds it expired.
            self.spawn_flight(ticket);
        }
    }

    /// Waits for a token when the cached one is expired or missing: joins the renewal in
    /// progress or starts one, and returns its outcome, even a token already due (the caller
    /// asked before it was issued). A token renewed meanwhile is returned at once.
    pub(crate) async fn wait_for_token(&self) -> Outcome {
        let inner = self.inner();
        let clock = &inner.settings.clock;
        let cache = &inner.cache;
        for _ in 0..JOIN_TRIES {
            let joined = inner.flight.join(clock.now(), |quiet| {
                cache.is_fresh(clock) || (quiet && cache.usable(clock).is_some())
            });
            let rx = match joined {
                Join::Skip => match cache.usable(clock) {
                    Some(token) => return Ok(token),
                    // Expired between the check and now: go round again.
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
            if let Some(outcome) = flight::wait(rx).await {
                return self.keep_usable(outcome);
            }
        }
        self.keep_usable(self.renew(None).await)
    }

    /// A failed renewal does not poison the cache: the still usable token stands in.
    fn keep_usable(&self, outcome: Outcome) -> Outcome {
        let inner = self.inner();
        outcome.or_else(|error| inner.cache.usable(&inner.settings.clock).ok_or(error))
    }

    /// Runs the renewal in a task of its own so a cancelled caller cannot cancel it for
    /// the others. While a usable token is cached, the renewal gives up when that token
    /// stops being usable, a second before it expires (its attempts are cut short at that
    /// instant), so callers are served the cached token until then and never wait on a
    /// renewal that cannot finish in time. The
    /// task holds a clone of the engine until the renewal ends. `false` when there is no
    /// tokio runtime to spawn on (the ticket is dropped, which clears the slot).
    fn spawn_flight(&self, ticket: Ticket) -> bool {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return false;
        };
        let engine = self.clone();
        runtime.spawn(async move {
            let inner = engine.inner();
            let clock = &inner.settings.clock;
            let deadline = inner.cache.usable_until(clock).map(|at| Deadline::of(clock, at));
            let outcome = engine.renew(deadline).await;
            let quiet = inner.settings.retry.max_backoff().max(QUIET_MIN);
            let rest = match &outcome {
                Err(EngineError::Provider { error, .. }) => error.retry_after,
                Err(EngineError::Unexpected(u)) => u.retry_after,
                Err(EngineError::RateLimited(r)) => Some(r.retry_after),
                _ => None,
            }
            .map_or(quiet, |w| w.max(quiet));
            if let Err(error) = &outcome {
                let cause = match error {
                    EngineError::Transport(t) => t.causes(),
                    _ => String::new(),
                };
                match inner.cache.usable_until(clock) {
                    Some(at) => tracing::warn!(
                        provider = %inner.plan.name,
                        %error,
                        %cause,
                        served_for_ms = at.saturating_duration_since(clock.now()).as_millis() as u64,
                        "token renewal failed; the cached token stays in use until a second before it expires"
                    ),
                    None => tracing::warn!(provider = %inner.plan.name, %error, %cause, "token renewal failed"),
                }
            }
            // Saturating: a `Retry-After` of u64::MAX seconds is a long rest, not none.
            ticket.land(outcome, Some(later(clock.now(), rest)));
        });
        true
    }

    /// Renews the token: with the refresh grant if the plan has one and a refresh token is
    /// held, falling back to the credentials grant when the provider rejects it.
    pub(crate) async fn renew(&self, deadline: Option<Deadline>) -> Outcome {
        let inner = self.inner();
        let refresh_token = inner
            .refresh_token
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let (Some(rp), Some(rt)) = (&inner.plan.refresh, refresh_token) {
            match self
                .request(
                    Grant::Refresh(&rp.placements, &rp.token_target, &rt),
                    deadline,
                )
                .await
            {
                Ok(raw) => return Ok(self.store(&raw, Some(rt))),
                // Not a verdict on the refresh token: the credentials grant would fare no
                // better now.
                Err(e @ (EngineError::Transport(_) | EngineError::RateLimited(_))) => {
                    return Err(e);
                }
                Err(error) => {
                    tracing::debug!(provider = %inner.plan.name, %error, "refresh token rejected, requesting a new token");
                    *inner
                        .refresh_token
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner) = None;
                }
            }
        }
        let raw = self.request(Grant::Credentials, deadline).await?;
        Ok(self.store(&raw, None))
    }

    /// Caches a token; `old_refresh` is kept when a refresh response carries no new one
    /// (RFC 6749 section 6).
    pub(crate) fn store(&self, raw: &RawToken, old_refresh: Option<SecretString>) -> AccessToken {
        let inner = self.inner();
        let expires_at = raw.expires_at();
        let token = AccessToken::new(
            raw.access_token.expose_secret(),
            raw.token_type.clone(),
            expires_at,
        );
        let renew_at = raw
            .expires_in
            .map(|lifetime| inner.settings.margin.renew_at(raw.issued_at, lifetime));
        *inner
            .refresh_token
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = raw.refresh_token.clone().or(old_refresh);
        inner.cache.store(token.clone(), renew_at);
        token
    }
}
