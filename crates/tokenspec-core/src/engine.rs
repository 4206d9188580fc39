//! [`Engine`]: the client state shared by all clones, and its build.
//!
//! The read path is lock-free (see `cache.rs`); renewal goes through single flight (see
//! `flight.rs` and `renew.rs`); each token request goes through retries (`retry.rs`) and one
//! attempt at a time on the wire (`transport.rs`).

use std::fmt;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use tokenspec_spec::plan::Plan;
use url::Url;

use crate::builder::{Builder, PlanRef, is_required};
use crate::cache::{Lookup, TokenCache};
use crate::error::{ConfigError, EngineError};
use crate::flight::Flight;
use crate::limit::Limiter;
use crate::redact::Redactor;
use crate::request::{self, Inputs};
use crate::secret::AccessToken;
use crate::settings::Settings;
use crate::time::later;
use crate::token::RawToken;
use crate::transport::{self, Grant};
use crate::url_template::{self, AllowedHost, Template};

/// A token client: the configuration, the HTTP client and the cache. Cheap to clone; clones
/// share everything.
#[derive(Clone)]
pub struct Engine {
    inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) plan: PlanRef,
    /// Slot values after defaults.
    pub(crate) values: Vec<Option<SecretString>>,
    /// The token URL after substitution and the base URL override.
    pub(crate) token_url: Url,
    /// Hosts `authorize` may send the token to.
    pub(crate) allowed: Vec<AllowedHost>,
    pub(crate) settings: Settings,
    pub(crate) http: reqwest::Client,
    /// The client `send_authorized` sends API requests through, built on first use.
    pub(crate) api_http: OnceLock<reqwest::Client>,
    pub(crate) cache: TokenCache,
    /// The refresh token of the last response that carried one; only renewal touches it.
    pub(crate) refresh_token: Mutex<Option<SecretString>>,
    pub(crate) flight: Flight,
    pub(crate) limiter: Option<Limiter>,
    /// The client's secrets, to redact from provider text.
    pub(crate) redactor: Redactor,
    /// When a rejected token was last dropped (by the engine's clock), to bound renewals
    /// caused by rejections.
    pub(crate) last_rejection: Mutex<Option<Instant>>,
}

impl Engine {
    pub(crate) fn build(builder: Builder) -> Result<Engine, ConfigError> {
        let Builder {
            plan,
            mut values,
            base_url,
            allow_hosts,
            settings,
        } = builder;
        for (slot, value) in plan.slots.iter().zip(values.iter_mut()) {
            // An empty value is never meant: an empty host moves the token URL
            // (`https:///api/auth` parses as host `api`), an empty secret is a missing one.
            if value.as_ref().is_some_and(|v| v.expose_secret().is_empty()) {
                return Err(ConfigError::EmptyValue {
                    setter: slot.name.to_string(),
                });
            }
            if value.is_none() {
                if is_required(slot.kind) {
                    return Err(ConfigError::MissingValue {
                        setter: slot.name.to_string(),
                    });
                }
                *value = slot.default.as_deref().map(SecretString::from);
            }
        }
        let lookup = |name: &str| {
            let i = plan.slot_index(name)?;
            values.get(i)?.as_ref().map(|v| v.expose_secret())
        };
        let plain = settings.allow_plain_http;

        let url = url_template::substitute(&plan.url, "token URL", Template::Url, lookup)?;
        let mut token_url = url_template::parse_checked(&url, "token URL", plain)?;
        let mut allowed = Vec::new();
        if let Some(base) = &base_url {
            if base.is_empty() {
                return Err(ConfigError::EmptyValue {
                    setter: "base_url".to_owned(),
                });
            }
            let base = url_template::parse_checked(base, "base URL", plain)?;
            token_url = url_template::rebase(&token_url, &base);
            // The user chose this host for the credentials; the token may go there too
            // (a local mock serving both the token endpoint and the API).
            allowed.extend(AllowedHost::of_url(&base));
        }

        for host in plan.apply.hosts.iter() {
            let host = url_template::substitute(host, "API host", Template::Host, lookup)?;
            allowed.push(AllowedHost::parse(&host)?);
        }
        if plan.apply.hosts.is_empty() {
            allowed.extend(AllowedHost::of_url(&token_url));
        }
        for host in &allow_hosts {
            allowed.push(AllowedHost::parse(host)?);
        }

        // Fail now, not on the first request, for a value that cannot be sent.
        let inputs = Inputs {
            plan: &plan,
            values: &values,
            url: &token_url,
        };
        let probe = request::build(&inputs, &plan.placements, None)?;
        let mut redactor = Redactor::default();
        for (slot, value) in plan.slots.iter().zip(&values) {
            if let Some(value) = value.as_ref().filter(|_| slot.secret) {
                redactor.add(value.expose_secret());
            }
        }
        if let Some(basic) = probe
            .headers()
            .get(http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
        {
            redactor.add_basic(basic);
        }
        request::header_name(&plan.apply.header)?;
        for h in plan.apply.headers.iter() {
            request::header_name(&h.name)?;
            if let Some(v) = values.get(h.slot).and_then(Option::as_ref) {
                let label = plan.slots.get(h.slot).map_or("", |s| &*s.name);
                request::header_value(v.expose_secret(), true, label)?;
            }
        }

        let http = transport::http_client(&token_url, &settings)?;
        let limiter = plan
            .rate_limit
            .and_then(|limit| Limiter::new(limit, settings.rate_limit_wait));
        Ok(Engine {
            inner: Arc::new(Inner {
                plan,
                values,
                token_url,
                allowed,
                settings,
                http,
                api_http: OnceLock::new(),
                cache: TokenCache::default(),
                refresh_token: Mutex::new(None),
                flight: Flight::default(),
                limiter,
                last_rejection: Mutex::new(None),
                redactor,
            }),
        })
    }

    /// The plan this client executes.
    pub fn plan(&self) -> &Plan {
        &self.inner.plan
    }

    pub(crate) fn inner(&self) -> &Inner {
        &self.inner
    }

    /// Requests a new token (always: one request, not coalesced with others, not retried),
    /// caches it and returns it. Counts against the client-side rate limit. The caller sees
    /// every failure as it is and decides on retries (the generated error's
    /// `is_retryable`); `access_token` and `with_token` retry by the policy.
    pub async fn fetch_token(&self) -> Result<RawToken, EngineError> {
        let raw = self.attempt(Grant::Credentials, 1, None).await?;
        self.store(&raw, None);
        Ok(raw)
    }

    /// Calls `f` with the current token and returns what it returns: the fastest way to use
    /// the token (a cache hit takes no lock, allocates nothing and touches no shared
    /// reference count). `f` runs while the cache is pinned, so keep it short: copy the
    /// token into a header, don't await anything.
    ///
    /// A token inside its refresh margin is still valid: the caller gets it at once, and
    /// one renewal starts in the background (in a task of its own; without a tokio runtime
    /// there is none, and the token is renewed once it stops being served). The cache
    /// serves a token until a second before it expires (a provider may end it up to a
    /// second early), and the renewal gives up then, logging a warning; after a failed
    /// renewal callers get the cached token without another attempt for a short rest (at
    /// least 1 s, or the provider's `Retry-After`). Only a missing token, or one in its last
    /// second, makes callers wait: one request for all concurrent callers, whose outcome
    /// they all share.
    pub async fn with_token<R>(&self, f: impl FnOnce(&AccessToken) -> R) -> Result<R, EngineError> {
        let f = match self.inner.cache.read(&self.inner.settings.clock, f) {
            Lookup::Fresh(r) => return Ok(r),
            Lookup::Due(r) => {
                self.renew_ahead();
                return Ok(r);
            }
            Lookup::Miss(f) => f,
        };
        let token = self.wait_for_token().await?;
        Ok(f(&token))
    }

    /// The current token, owned: [`with_token`](Self::with_token) with a clone. The clone
    /// increments a reference count shared by every caller, which costs tens of nanoseconds
    /// under contention across cores; prefer `with_token` on hot paths.
    pub async fn access_token(&self) -> Result<AccessToken, EngineError> {
        self.with_token(AccessToken::clone).await
    }

    /// Drops `token` from the cache if it is still the cached one (the API rejected it), so
    /// the next caller renews. Says whether it was dropped. Many callers invalidating the
    /// same token cause one renewal; a token already replaced is left alone.
    ///
    /// Renewals caused this way are bounded: after a token is dropped, another rejection
    /// within [`REJECTION_PAUSE`] (30 s) keeps the cached token and returns `false`, with a
    /// warning. A fresh token the API rejects too will not be fixed by a third (a clock
    /// skew, a missing permission, an API that answers 401 to everything), and renewing on
    /// every rejected call would turn each API request into a token request.
    pub fn invalidate(&self, token: &AccessToken) -> bool {
        matches!(self.reject(token), Rejection::Dropped)
    }

    /// [`invalidate`](Self::invalidate), telling why a token was not dropped.
    pub(crate) fn reject(&self, token: &AccessToken) -> Rejection {
        let inner = &self.inner;
        if !inner.cache.holds(token) {
            return Rejection::Replaced;
        }
        let now = inner.settings.clock.now();
        let mut last = inner
            .last_rejection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if last.is_some_and(|at| now < later(at, REJECTION_PAUSE)) {
            tracing::warn!(
                provider = %inner.plan.name,
                "the API rejected a token issued after an earlier rejection; keeping it for now"
            );
            return Rejection::Kept;
        }
        if !inner.cache.invalidate(token) {
            return Rejection::Replaced;
        }
        *last = Some(now);
        tracing::debug!(provider = %inner.plan.name, "cached token invalidated");
        Rejection::Dropped
    }
}

/// How long after dropping a rejected token another rejection is not renewed for (see
/// [`Engine::invalidate`]).
pub const REJECTION_PAUSE: Duration = Duration::from_secs(30);

/// What [`Engine::reject`] did with a rejected token.
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

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine")
            .field("provider", &self.inner.plan.name)
            .field(
                "token_url",
                &url_template::shown(self.inner.token_url.as_str()),
            )
            .field("token_cached", &!self.inner.cache.is_empty())
            .finish_non_exhaustive()
    }
}
