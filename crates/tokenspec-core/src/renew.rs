//! Renewal: single flight in a task of its own, the refresh grant first, retries.

use std::sync::PoisonError;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};

use crate::engine::Engine;
use crate::error::EngineError;
use crate::flight::{self, Join, Outcome, Ticket};
use crate::retry;
use crate::secret::AccessToken;
use crate::token::RawToken;
use crate::transport::Grant;

/// A waiter whose flight died without an outcome (its runtime shutting down) tries this
/// many times before renewing on its own.
const JOIN_TRIES: usize = 3;

/// The shortest rest after a failed renewal while an unexpired token is cached.
const QUIET_MIN: Duration = Duration::from_secs(1);

impl Engine {
    /// One token request with the retry policy.
    pub(crate) async fn request(&self, grant: Grant<'_>) -> Result<RawToken, EngineError> {
        let inner = self.inner();
        retry::run(&inner.settings.retry, &inner.plan, |n| {
            self.attempt(grant, n)
        })
        .await
    }

    /// Waits for a token when the cached one is due, expired or missing: joins the renewal
    /// in progress or starts one, and returns its outcome, even a token already due (the
    /// caller asked before it was issued). A failed renewal yields the cached token while
    /// it has not expired.
    pub(crate) async fn wait_for_token(&self) -> Outcome {
        let inner = self.inner();
        let clock = &inner.settings.clock;
        let cache = &inner.cache;
        for _ in 0..JOIN_TRIES {
            let joined = inner.flight.join(clock.now(), |quiet| {
                cache.is_fresh(clock) || (quiet && cache.unexpired(clock).is_some())
            });
            let rx = match joined {
                Join::Skip => match cache.unexpired(clock) {
                    Some(token) => return Ok(token),
                    // Expired between the check and now: go round again.
                    None => continue,
                },
                Join::Wait(rx) => rx,
                Join::Lead(ticket) => {
                    let rx = ticket.subscribe();
                    if !self.spawn_flight(ticket) {
                        // No tokio runtime to run the flight on: the caller runs it.
                        return self.keep_unexpired(self.renew().await);
                    }
                    match rx {
                        Some(rx) => rx,
                        None => continue,
                    }
                }
            };
            if let Some(outcome) = flight::wait(rx).await {
                return self.keep_unexpired(outcome);
            }
        }
        self.keep_unexpired(self.renew().await)
    }

    /// A failed renewal does not poison the cache: the unexpired token stands in.
    fn keep_unexpired(&self, outcome: Outcome) -> Outcome {
        let inner = self.inner();
        outcome.or_else(|error| inner.cache.unexpired(&inner.settings.clock).ok_or(error))
    }

    /// Runs the renewal in a task of its own so a cancelled caller cannot cancel it for
    /// the others. The task holds a clone of the engine until the renewal ends, which the
    /// retry policy bounds. `false` when there is no tokio runtime to spawn on (the ticket
    /// is dropped, which clears the slot).
    fn spawn_flight(&self, ticket: Ticket) -> bool {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            return false;
        };
        let engine = self.clone();
        runtime.spawn(async move {
            let outcome = engine.renew().await;
            let inner = engine.inner();
            let quiet = inner.settings.retry.max_backoff().max(QUIET_MIN);
            let wait = match &outcome {
                Err(EngineError::Provider { error, .. }) => error.retry_after,
                Err(EngineError::Unexpected(u)) => u.retry_after,
                Err(EngineError::RateLimited(r)) => Some(r.retry_after),
                _ => None,
            }
            .map_or(quiet, |w| w.max(quiet));
            let until = inner.settings.clock.now().checked_add(wait);
            ticket.land(outcome, until);
        });
        true
    }

    /// Renews the token: with the refresh grant if the plan has one and a refresh token is
    /// held, falling back to the credentials grant when the provider rejects it.
    pub(crate) async fn renew(&self) -> Outcome {
        let inner = self.inner();
        let refresh_token = inner
            .refresh_token
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        if let (Some(rp), Some(rt)) = (&inner.plan.refresh, refresh_token) {
            match self
                .request(Grant::Refresh(&rp.placements, &rp.token_target, &rt))
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
        let raw = self.request(Grant::Credentials).await?;
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
