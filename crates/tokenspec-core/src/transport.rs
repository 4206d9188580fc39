//! One token request on the wire: the HTTP client tokenspec configures, and one attempt.

use std::time::Instant;

use secrecy::SecretString;
use tokenspec_spec::plan::{Placement, Target};
use tracing::Instrument as _;
use url::Url;

use crate::body::read_capped;
use crate::engine::Engine;
use crate::error::{ConfigError, EngineError, TransportError};
use crate::request::{self, Inputs};
use crate::response::{self, Received};
use crate::retry::Deadline;
use crate::settings::Settings;
use crate::token::RawToken;
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
/// for a loopback endpoint (tests, local mocks).
pub(crate) fn http_client(
    token_url: &Url,
    settings: &Settings,
) -> Result<reqwest::Client, ConfigError> {
    let mut http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(settings.connect_timeout)
        .timeout(settings.request_timeout);
    if token_url
        .host()
        .is_some_and(|h| url_template::is_loopback(&h))
    {
        http = http.no_proxy();
    }
    http.build().map_err(|e| ConfigError::HttpClient {
        reason: e.without_url().to_string(),
    })
}

/// The client `send_authorized` sends API requests through: redirects only within the
/// request's origin ([`redirect_policy`](crate::redirect_policy)), the configured connect
/// timeout, and otherwise reqwest's defaults (system proxies, TLS roots). The whole-request
/// timeout is the request's own (`RequestBuilder::timeout`), if the caller set one.
pub(crate) fn api_client(settings: &Settings) -> Result<reqwest::Client, TransportError> {
    reqwest::Client::builder()
        .redirect(crate::redirect_policy())
        .connect_timeout(settings.connect_timeout)
        .build()
        .map_err(TransportError::new)
}

impl Engine {
    /// The API client of [`api_client`], built on first use (most programs never call
    /// `send_authorized`, and building one loads the TLS roots).
    pub(crate) fn api_http(&self) -> Result<&reqwest::Client, TransportError> {
        let inner = self.inner();
        if let Some(client) = inner.api_http.get() {
            return Ok(client);
        }
        let client = api_client(&inner.settings)?;
        Ok(inner.api_http.get_or_init(|| client))
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
        let inner = self.inner();
        if let Some(limiter) = &inner.limiter {
            limiter.acquire().await?;
        }
        let span = tracing::info_span!(
            "token_request",
            provider = %inner.plan.name,
            grant = grant.name(),
            attempt,
            status = tracing::field::Empty,
            latency_ms = tracing::field::Empty,
        );
        async {
            let inputs = Inputs {
                plan: &inner.plan,
                values: &inner.values,
                url: &inner.token_url,
            };
            let mut req = match grant {
                Grant::Refresh(placements, target, token) => {
                    request::build(&inputs, placements, Some((target, token)))?
                }
                Grant::Credentials => request::build(&inputs, &inner.plan.placements, None)?,
            };
            if let Some(deadline) = deadline {
                let left = deadline.remaining();
                if left < inner.settings.request_timeout {
                    *req.timeout_mut() = Some(left);
                }
            }
            let sent = Instant::now();
            // Lifetimes count from the injected clock, which decides expiry.
            let issued_at = inner.settings.clock.now();
            let response = match inner.http.execute(req).await {
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
                &inner.plan,
                &Received {
                    status,
                    headers: &headers,
                    body: &body,
                    issued_at,
                },
            )
            .map_err(|e| inner.redactor.clean_error(e, refresh_token));
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
