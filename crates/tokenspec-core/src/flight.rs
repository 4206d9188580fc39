//! Single flight: at most one renewal in progress, its outcome handed to every waiter.
//!
//! The renewal runs in a task of its own (see `renewal.rs`), so a caller that is
//! cancelled while waiting does not cancel it for the others. Waiters subscribe to a `watch`
//! channel the task fills once. If the task dies without an outcome (its runtime shut
//! down), the [`Ticket`]'s `Drop` clears the slot so the next caller starts afresh.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use tokio::sync::watch;

use crate::cache::Cached;
use crate::error::EngineError;

/// The result of one renewal, shared by all its waiters.
pub(crate) type Outcome = Result<Arc<Cached>, EngineError>;

type Rx = watch::Receiver<Option<Outcome>>;

#[derive(Default)]
struct State {
    running: Option<Rx>,
    /// After a failed renewal, callers holding a token that is due but usable use it
    /// until then without trying again (the provider is down or limiting us). Callers
    /// without a usable token do not wait for this.
    quiet_until: Option<Instant>,
}

#[derive(Default, Clone)]
pub(crate) struct Flight {
    state: Arc<Mutex<State>>,
}

/// What [`Flight::join`] decided.
pub(crate) enum Join {
    /// A renewal is in progress: wait for it.
    Wait(Rx),
    /// Start one: the caller must run it and land the ticket.
    Lead(Ticket),
    /// No renewal is needed, or allowed, now.
    Skip,
}

/// The right and duty to run the one renewal in progress.
pub(crate) struct Ticket {
    state: Arc<Mutex<State>>,
    tx: Option<watch::Sender<Option<Outcome>>>,
}

impl Flight {
    fn lock(state: &Mutex<State>) -> MutexGuard<'_, State> {
        // The state is two fields set together: consistent even after a panic elsewhere.
        state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Joins the renewal in progress, or leads a new one unless `skip(quiet)` says no
    /// renewal is needed; `quiet` tells whether a failed renewal asked for rest. `skip` runs
    /// under the lock, so a renewal that just landed is seen.
    pub(crate) fn join(&self, now: Instant, skip: impl FnOnce(bool) -> bool) -> Join {
        let mut state = Self::lock(&self.state);
        if let Some(rx) = &state.running {
            return Join::Wait(rx.clone());
        }
        if skip(state.quiet_until.is_some_and(|t| now < t)) {
            return Join::Skip;
        }
        let (tx, rx) = watch::channel(None);
        state.running = Some(rx);
        Join::Lead(Ticket {
            state: self.state.clone(),
            tx: Some(tx),
        })
    }
}

impl Ticket {
    /// A receiver of this flight's outcome.
    pub(crate) fn subscribe(&self) -> Option<Rx> {
        self.tx.as_ref().map(watch::Sender::subscribe)
    }

    /// Ends the flight: the cache has been updated already, so callers arriving after the
    /// slot is cleared find the new token.
    pub(crate) fn land(mut self, outcome: Outcome, quiet_until: Option<Instant>) {
        let mut state = Flight::lock(&self.state);
        state.running = None;
        state.quiet_until = if outcome.is_ok() { None } else { quiet_until };
        if let Some(tx) = self.tx.take() {
            tx.send_replace(Some(outcome));
        }
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        if self.tx.is_some() {
            // Not landed: the task was dropped. Waiters see the channel close.
            Flight::lock(&self.state).running = None;
        }
    }
}

/// Waits for the flight's outcome; `None` if it died without one.
pub(crate) async fn wait(mut rx: Rx) -> Option<Outcome> {
    let outcome = rx.wait_for(Option::is_some).await.ok()?;
    outcome.clone()
}
