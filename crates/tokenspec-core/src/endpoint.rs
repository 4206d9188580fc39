//! The token endpoint: the first layer of the engine. It holds what a token request is made
//! of (the plan, the slot values, the token URL), the HTTP client tokenspec configures for
//! it, the client-side rate limit and the redaction of provider text, and sends one token
//! request: an attempt, or attempts under the retry policy. It knows nothing of caching
//! (`renewal.rs`) or of API requests (`apply.rs`), which sit above it.

use std::time::{Duration, Instant};

use secrecy::{ExposeSecret, SecretString};
use tokenspec_spec::plan::{Placement, Plan, Target};
use tracing::Instrument as _;
use url::Url;

use crate::body::read_capped;
use crate::clock::ClockRef;
use crate::error::{ConfigError, EngineError, TransportError};
use crate::limit::Limiter;
use crate::plan_ref::PlanRef;
use crate::redact::Redactor;
use crate::request::{self, Inputs};
use crate::response::{self, Received};
use crate::retry::{self, Deadline, RetryPolicy};
use crate::settings::Settings;
use crate::token::RawToken;
use crate::transport::Resolved;
use crate::url_template;

/// Which grant a token request uses.
#[derive(Clone, Copy)]
pub(crate) enum Grant<'a> {
    /// The spec's token request with the client's credentials.
    Credentials,
    /// The refresh grant: its placements, where the refresh token goes, the token.
    Refresh(&'a [Placement], &'a Target, &'a SecretString),
}

impl Grant<'_> {
    fn name(&self) -> &'static str {
        match self {
            Grant::Credentials => "credentials",
            Grant::Refresh(..) => "refresh",
        }
    }
}

/// The token endpoint's client: no redirects (reqwest strips only `Authorization` and
/// cookies across hosts and re-sends 307/308 bodies, so credentials in a body or a custom
/// header would travel to the other host), connect and per-attempt timeouts, and no proxy
/// for a loopback endpoint (tests, local mocks); over them the transport settings (root
/// certificates, client identity, proxy, user agent).
pub(crate) fn http_client(
    token_url: &Url,
    settings: &Settings,
    transport: &Resolved,
) -> Result<reqwest::Client, ConfigError> {
    let mut http = transport.apply(
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(settings.connect_timeout)
            .timeout(settings.request_timeout),
    );
    if !transport.has_proxy()
        && token_url
            .host()
            .is_some_and(|h| url_template::is_loopback(&h))
    {
        http = http.no_proxy();
    }
    http.build().map_err(|e| ConfigError::HttpClient {
        reason: e.without_url().to_string(),
    })
}

/// The token endpoint of one client.
pub(crate) struct Endpoint {
    plan: PlanRef,
    /// Slot values after defaults.
    values: Vec<Option<SecretString>>,
    /// The token URL after substitution and the base URL override.
    token_url: Url,
    http: reqwest::Client,
    limiter: Option<Limiter>,
    /// The client's secrets, to redact from provider text.
    redactor: Redactor,
    retry: RetryPolicy,
    request_timeout: Duration,
    /// Lifetimes count from the injected clock, which decides expiry.
    clock: ClockRef,
}

impl Endpoint {
    /// Checks that the token request can be sent at all (a value a header cannot carry, a
    /// `:` in an unencoded Basic user id) by building it once, and sets up the HTTP client.
    pub(crate) fn new(
        plan: PlanRef,
        values: Vec<Option<SecretString>>,
        token_url: Url,
        settings: &Settings,
        transport: &Resolved,
    ) -> Result<Self, ConfigError> {
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
        let http = http_client(&token_url, settings, transport)?;
        let limiter = plan
            .rate_limit
            .and_then(|limit| Limiter::new(limit, settings.rate_limit_wait));
        Ok(Endpoint {
            plan,
            values,
            token_url,
            http,
            limiter,
            redactor,
            retry: settings.retry,
            request_timeout: settings.request_timeout,
            clock: settings.clock.clone(),
        })
    }

    /// The plan this endpoint serves.
    pub(crate) fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Slot values after defaults (`None` for an optional parameter left unset).
    pub(crate) fn values(&self) -> &[Option<SecretString>] {
        &self.values
    }

    /// The token URL after substitution and the base URL override.
    pub(crate) fn token_url(&self) -> &Url {
        &self.token_url
    }

    /// The retry policy's largest backoff step (the renewal's shortest rest).
    pub(crate) fn max_backoff(&self) -> Duration {
        self.retry.max_backoff()
    }

    /// One token request with the retry policy, given up at `deadline` if there is one.
    pub(crate) async fn request(
        &self,
        grant: Grant<'_>,
        deadline: Option<Deadline>,
    ) -> Result<RawToken, EngineError> {
        retry::run(&self.retry, &self.plan, deadline, |n| {
            self.attempt(grant, n, deadline)
        })
        .await
    }

    /// Sends one attempt of a token request and decodes the response, in a `token_request`
    /// span (provider, grant, attempt, status, latency; never a value). The attempt times
    /// out after the configured request timeout, or at `deadline` if that comes first.
    pub(crate) async fn attempt(
        &self,
        grant: Grant<'_>,
        attempt: u32,
        deadline: Option<Deadline>,
    ) -> Result<RawToken, EngineError> {
        if let Some(limiter) = &self.limiter {
            limiter.acquire().await?;
        }
        let span = tracing::info_span!(
            "token_request",
            provider = %self.plan.name,
            grant = grant.name(),
            attempt,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        async {
            let inputs = Inputs {
                plan: &self.plan,
                values: &self.values,
                url: &self.token_url,
            };
            let mut req = match grant {
                Grant::Refresh(placements, target, token) => {
                    request::build(&inputs, placements, Some((target, token)))?
                }
                Grant::Credentials => request::build(&inputs, &self.plan.placements, None)?,
            };
            if let Some(deadline) = deadline {
                let left = deadline.remaining();
                if left < self.request_timeout {
                    *req.timeout_mut() = Some(left);
                }
            }
            let sent = Instant::now();
            // Lifetimes count from the injected clock, which decides expiry.
            let issued_at = self.clock.now();
            let response = match self.http.execute(req).await {
                Ok(response) => response,
                Err(e) => {
                    let error = TransportError::new(e);
                    tracing::warn!(%error, cause = %error.causes(), "token request not completed");
                    return Err(error.into());
                }
            };
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = read_capped(response).await;
            let span = tracing::Span::current();
            span.record("status", status);
            span.record("latency_ms", sent.elapsed().as_millis() as u64);
            let body = body?;
            let refresh_token = match grant {
                Grant::Refresh(_, _, token) => Some(token),
                Grant::Credentials => None,
            };
            let result = response::decode(
                &self.plan,
                &Received {
                    status,
                    headers: &headers,
                    body: &body,
                    issued_at,
                },
            )
            .map_err(|e| self.redactor.clean_error(e, refresh_token));
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
