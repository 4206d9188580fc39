//! [`Engine`]: the client state shared by all clones, the token cache and single flight.
//!
//! The read path is lock-free: the current token sits in an `ArcSwapOption`. Renewal goes
//! through one async gate, so concurrent callers on an empty or expiring cache cause one
//! request and share its result, success or failure.

use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use arc_swap::ArcSwapOption;
use secrecy::{ExposeSecret, SecretString};
use tokenspec_spec::plan::{Plan, Target};
use tracing::Instrument as _;
use url::Url;

use crate::body::read_capped;
use crate::builder::{Builder, PlanRef, is_required};
use crate::error::{ConfigError, EngineError, TransportError};
use crate::limit::{Limiter, MAX_WAIT};
use crate::request::{self, Inputs};
use crate::response::{self, Received};
use crate::secret::AccessToken;
use crate::token::RawToken;
use crate::url_template::{self, AllowedHost};

/// Connecting to the token endpoint gives up after this long.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// A whole token request (connect, send, read) gives up after this long.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// A cached token is renewed this fraction of its lifetime before it expires...
const RENEW_FRACTION: u32 = 10;
/// ...but never more than this long before.
const MAX_RENEW_MARGIN: Duration = Duration::from_secs(60);

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
    http: reqwest::Client,
    cache: ArcSwapOption<Cached>,
    gate: tokio::sync::Mutex<Gate>,
    /// Mirror of `Gate::generation`, readable without the lock.
    generation: AtomicU64,
    limiter: Option<Limiter>,
    attempts: AtomicU64,
}

/// The cached token.
struct Cached {
    token: AccessToken,
    refresh_token: Option<SecretString>,
    /// When to start renewing; `None` for a token of unknown lifetime (no `expires_in` and
    /// no `lifetime` in the spec), which is kept until `fetch_token` replaces it.
    renew_at: Option<Instant>,
}

/// State of the renewal gate.
struct Gate {
    /// Number of finished renewal attempts.
    generation: u64,
    /// The outcome of the last attempt, handed to the callers that waited for it (even a
    /// token that is already due for renewal, such as one with a zero lifetime: the waiters
    /// asked before it was issued).
    last: Option<Result<AccessToken, EngineError>>,
}

impl Engine {
    pub(crate) fn build(builder: Builder) -> Result<Engine, ConfigError> {
        let Builder {
            plan,
            mut values,
            base_url,
            allow_hosts,
        } = builder;
        for (slot, value) in plan.slots.iter().zip(values.iter_mut()) {
            if value.is_none() {
                if is_required(slot.kind) {
                    return Err(ConfigError::MissingValue {
                        setter: slot.name.clone(),
                    });
                }
                *value = slot.default.clone().map(SecretString::from);
            }
        }
        let lookup = |name: &str| {
            let i = plan.slot_index(name)?;
            values.get(i)?.as_ref().map(|v| v.expose_secret())
        };

        let url = url_template::substitute(&plan.url, "token URL", lookup)?;
        let mut token_url = url_template::parse_checked(&url, "token URL")?;
        let mut allowed = Vec::new();
        if let Some(base) = &base_url {
            let base = url_template::parse_checked(base, "base URL")?;
            token_url = url_template::rebase(&token_url, &base);
            // The user chose this host for the credentials; the token may go there too
            // (a local mock serving both the token endpoint and the API).
            allowed.extend(AllowedHost::of_url(&base));
        }

        for host in &plan.apply.hosts {
            let host = url_template::substitute(host, "API host", lookup)?;
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
        request::build(&inputs, &plan.placements, None)?;
        request::header_name(&plan.apply.header)?;
        for h in &plan.apply.headers {
            request::header_name(&h.name)?;
            if let Some(v) = values.get(h.slot).and_then(Option::as_ref) {
                let label = plan.slots.get(h.slot).map_or("", |s| s.name.as_str());
                request::header_value(v.expose_secret(), true, label)?;
            }
        }

        let mut http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT);
        // A system proxy would otherwise receive loopback traffic (tests, local mocks).
        if token_url
            .host()
            .is_some_and(|h| url_template::is_loopback(&h))
        {
            http = http.no_proxy();
        }
        let http = http.build().map_err(|e| ConfigError::HttpClient {
            reason: e.without_url().to_string(),
        })?;

        let limiter = plan
            .rate_limit
            .and_then(|limit| Limiter::new(limit, MAX_WAIT));
        Ok(Engine {
            inner: Arc::new(Inner {
                plan,
                values,
                token_url,
                allowed,
                http,
                cache: ArcSwapOption::empty(),
                gate: tokio::sync::Mutex::new(Gate {
                    generation: 0,
                    last: None,
                }),
                generation: AtomicU64::new(0),
                limiter,
                attempts: AtomicU64::new(0),
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

    /// Requests a new token (always), caches it and returns it.
    pub async fn fetch_token(&self) -> Result<RawToken, EngineError> {
        let raw = self.request(None).await?;
        self.store(&raw, None);
        Ok(raw)
    }

    /// The cached token while it is fresh; otherwise renews it, once for all concurrent
    /// callers. A token is renewed a tenth of its lifetime (at most 60 s) before it expires.
    /// If renewal fails while the cached token has not actually expired, the cached token is
    /// returned.
    pub async fn access_token(&self) -> Result<AccessToken, EngineError> {
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        let seen = self.inner.generation.load(Ordering::Acquire);
        let mut gate = self.inner.gate.lock().await;
        // Someone renewed while we waited for the gate.
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        // An attempt finished while we waited: its outcome is ours too.
        if gate.generation != seen
            && let Some(last) = &gate.last
        {
            return last.clone();
        }
        let result = match self.renew().await {
            Ok(token) => Ok(token),
            Err(error) => self.unexpired().ok_or(error),
        };
        gate.generation += 1;
        gate.last = Some(result.clone());
        self.inner
            .generation
            .store(gate.generation, Ordering::Release);
        result
    }

    /// Renews the token: with the refresh grant if the plan has one and a refresh token is
    /// cached (falling back to a new token if that fails), else with a new token.
    async fn renew(&self) -> Result<AccessToken, EngineError> {
        let cached = self.inner.cache.load_full();
        let refresh_token = cached.as_ref().and_then(|c| c.refresh_token.clone());
        if let (Some(rp), Some(rt)) = (&self.inner.plan.refresh, refresh_token) {
            match self
                .request(Some((&rp.placements, &rp.token_target, &rt)))
                .await
            {
                Ok(raw) => return Ok(self.store(&raw, Some(rt))),
                Err(error) => {
                    tracing::debug!(provider = %self.inner.plan.name, %error, "refresh failed, requesting a new token");
                }
            }
        }
        let raw = self.request(None).await?;
        Ok(self.store(&raw, None))
    }

    /// Caches a token; `old_refresh` is kept when a refresh response carries no new one
    /// (RFC 6749 section 6).
    fn store(&self, raw: &RawToken, old_refresh: Option<SecretString>) -> AccessToken {
        let expires_at = raw.expires_at();
        let token = AccessToken::new(
            raw.access_token.expose_secret(),
            raw.token_type.clone(),
            expires_at,
        );
        let renew_at = match (raw.expires_in, expires_at) {
            (Some(lifetime), Some(at)) => {
                let margin = (lifetime / RENEW_FRACTION).min(MAX_RENEW_MARGIN);
                Some(at.checked_sub(margin).unwrap_or(raw.issued_at))
            }
            _ => None,
        };
        self.inner.cache.store(Some(Arc::new(Cached {
            token: token.clone(),
            refresh_token: raw.refresh_token.clone().or(old_refresh),
            renew_at,
        })));
        token
    }

    /// The cached token if it need not be renewed yet.
    fn fresh(&self) -> Option<AccessToken> {
        let cached = self.inner.cache.load();
        let c = cached.as_ref()?;
        c.renew_at
            .is_none_or(|at| Instant::now() < at)
            .then(|| c.token.clone())
    }

    /// The cached token if it has not expired (it may be due for renewal).
    fn unexpired(&self) -> Option<AccessToken> {
        let cached = self.inner.cache.load();
        let c = cached.as_ref()?;
        c.token
            .expires_at()
            .is_none_or(|at| Instant::now() < at)
            .then(|| c.token.clone())
    }

    /// Sends one token request (or refresh request) and decodes the response.
    async fn request(
        &self,
        refresh: Option<(
            &Vec<tokenspec_spec::plan::Placement>,
            &Target,
            &SecretString,
        )>,
    ) -> Result<RawToken, EngineError> {
        let inner = &*self.inner;
        if let Some(limiter) = &inner.limiter {
            limiter.acquire().await?;
        }
        let attempt = inner.attempts.fetch_add(1, Ordering::Relaxed) + 1;
        let span = tracing::info_span!(
            "token_request",
            provider = %inner.plan.name,
            attempt,
            refresh = refresh.is_some(),
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        async {
            let inputs = Inputs {
                plan: &inner.plan,
                values: &inner.values,
                url: &inner.token_url,
            };
            let req = match refresh {
                Some((placements, target, token)) => {
                    request::build(&inputs, placements, Some((target, token)))?
                }
                None => request::build(&inputs, &inner.plan.placements, None)?,
            };
            let issued_at = Instant::now();
            let response = inner.http.execute(req).await.map_err(TransportError::new)?;
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = read_capped(response).await;
            let span = tracing::Span::current();
            span.record("status", status);
            span.record("latency_ms", issued_at.elapsed().as_millis() as u64);
            let body = body?;
            let result = response::decode(
                &inner.plan,
                &Received {
                    status,
                    headers: &headers,
                    body: &body,
                    issued_at,
                },
            );
            match &result {
                Ok(_) => tracing::debug!("token received"),
                Err(error) => tracing::warn!(%error, "token request failed"),
            }
            result
        }
        .instrument(span)
        .await
    }
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let cached = self.inner.cache.load();
        // A URL variable could carry user:password; never show it.
        let mut url = self.inner.token_url.clone();
        let _ = url.set_username("");
        let _ = url.set_password(None);
        f.debug_struct("Engine")
            .field("provider", &self.inner.plan.name)
            .field("token_url", &url.as_str())
            .field("token_cached", &cached.is_some())
            .finish_non_exhaustive()
    }
}
