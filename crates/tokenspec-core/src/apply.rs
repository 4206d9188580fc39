//! Application: the third layer of the engine, over renewal. It knows which hosts the
//! token may go to and applies the token (and the spec's API headers) to an API request, as
//! a reqwest builder, an `http::Request` or a bare `HeaderMap`; `send_authorized` sends
//! through tokenspec's API client and retries once with a fresh token after a 401.
//!
//! The steps of one authorized API call are written here once, for `send_authorized`, the
//! reqwest middleware and the tower layer (thin adapters over them): [`Application::check_host`]
//! before anything (a refused request fetches no token), [`Application::apply_token`], and
//! after the answer [`Application::replay_after`], which decides on the one renewal.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use http::{HeaderMap, HeaderName, HeaderValue};
use reqwest::RequestBuilder;
use secrecy::{ExposeSecret, SecretString};
use tokenspec_spec::plan::Plan;
use url::Url;

use crate::api_error::ApiError;
use crate::error::{ConfigError, DecodeError, EngineError, TransportError};
use crate::renewal::{Rejection, Renewal};
use crate::request::{header_name, header_value};
use crate::secret::AccessToken;
use crate::settings::Settings;
use crate::transport::Resolved;
use crate::url_template::{self, AllowedHost, Template};

/// Where the token may go, and the client API requests are sent through.
pub(crate) struct Application {
    /// Hosts `authorize` may send the token to.
    allowed: Vec<AllowedHost>,
    allow_plain_http: bool,
    connect_timeout: Duration,
    /// Root certificates, client identity, proxy and user agent, as for the token endpoint.
    transport: Resolved,
    /// The client `send_authorized` sends API requests through, built on first use.
    api_http: OnceLock<reqwest::Client>,
}

impl Application {
    /// The allowed hosts: the spec's `apply.hosts` (else the token URL's host), the
    /// `base_url` override's host and every `allow_host`, each by the host rule; and the API
    /// headers checked sendable.
    pub(crate) fn new(
        plan: &Plan,
        values: &[Option<SecretString>],
        token_url: &Url,
        base_url: Option<&Url>,
        allow_hosts: &[String],
        settings: &Settings,
        transport: &Resolved,
    ) -> Result<Self, ConfigError> {
        let lookup = |name: &str| {
            let i = plan.slot_index(name)?;
            values.get(i)?.as_ref().map(|v| v.expose_secret())
        };
        // The user chose the base URL's host for the credentials; the token may go there
        // too (a local mock serving both the token endpoint and the API).
        let mut allowed: Vec<AllowedHost> =
            base_url.and_then(AllowedHost::of_url).into_iter().collect();
        for host in plan.apply.hosts.iter() {
            let host = url_template::substitute(host, "API host", Template::Host, lookup)?;
            allowed.push(AllowedHost::parse(&host)?);
        }
        if plan.apply.hosts.is_empty() {
            allowed.extend(AllowedHost::of_url(token_url));
        }
        for host in allow_hosts {
            allowed.push(AllowedHost::parse(host)?);
        }
        // Fail now, not on the first API request, for a header that cannot be sent.
        header_name(&plan.apply.header)?;
        for h in plan.apply.headers.iter() {
            header_name(&h.name)?;
            if let Some(v) = values.get(h.slot).and_then(Option::as_ref) {
                let label = plan.slots.get(h.slot).map_or("", |s| &*s.name);
                header_value(v.expose_secret(), true, label)?;
            }
        }
        Ok(Application {
            allowed,
            allow_plain_http: settings.allow_plain_http,
            connect_timeout: settings.connect_timeout,
            transport: transport.clone(),
            api_http: OnceLock::new(),
        })
    }

    /// Adds `<header>: <scheme> <token>` and the API headers to `request`, after checking
    /// that it goes to an allowed host over https (or http on loopback). Allowed are the
    /// spec's `apply.hosts` (else the token URL's host), the `base_url` override's host with
    /// its port, and every `allow_host`. An entry without a port matches any port. The added values are
    /// marked sensitive (HTTP/2 never indexes them; `Debug` of the map hides them).
    ///
    /// The check covers the request's own URL only: where a redirect goes is up to the
    /// client that sends it. Build that `reqwest::Client` with
    /// [`redirect_policy`](crate::redirect_policy) (or `Policy::none()`): reqwest's default
    /// follows redirects to any host and drops only `Authorization` on the way, so a token
    /// under another header, or an API header, would reach the other host.
    pub(crate) async fn authorize(
        &self,
        renewal: &Arc<Renewal>,
        request: RequestBuilder,
    ) -> Result<RequestBuilder, EngineError> {
        let (client, request) = request.build_split();
        let mut request = request.map_err(TransportError::new)?;
        let url = request.url().clone();
        self.authorize_headers(renewal, &url, request.headers_mut())
            .await?;
        Ok(RequestBuilder::from_parts(client, request))
    }

    /// [`authorize`](Self::authorize) for an [`http::Request`], whose URI must be absolute.
    pub(crate) async fn authorize_request<B>(
        &self,
        renewal: &Arc<Renewal>,
        mut request: http::Request<B>,
    ) -> Result<http::Request<B>, EngineError> {
        let url = api_url(request.uri())?;
        self.authorize_headers(renewal, &url, request.headers_mut())
            .await?;
        Ok(request)
    }

    /// Adds the token and the API headers to `headers` of a request to `url`, after the
    /// same host check as [`authorize`](Self::authorize). Returns the token it used, for
    /// `invalidate` should the API reject it.
    pub(crate) async fn authorize_headers(
        &self,
        renewal: &Arc<Renewal>,
        url: &Url,
        headers: &mut HeaderMap,
    ) -> Result<AccessToken, EngineError> {
        self.check_host(url)?;
        self.apply_token(renewal, headers).await
    }

    /// [`authorize_headers`](Self::authorize_headers) with its failures split: a refused
    /// URL (no token is fetched for it) apart from a token that could not be had.
    pub(crate) async fn authorize_api<T>(
        &self,
        renewal: &Arc<Renewal>,
        url: &Url,
        headers: &mut HeaderMap,
    ) -> Result<AccessToken, ApiError<EngineError, T>> {
        self.check_host(url).map_err(ApiError::Refused)?;
        self.apply_token(renewal, headers)
            .await
            .map_err(ApiError::Token)
    }

    /// Adds the token and the API headers to `headers`, with no host check (the caller
    /// made it); returns the token used.
    async fn apply_token(
        &self,
        renewal: &Arc<Renewal>,
        headers: &mut HeaderMap,
    ) -> Result<AccessToken, EngineError> {
        let plan = renewal.endpoint().plan();
        let (token, header) = renewal
            .with_token(|t| (t.clone(), token_header(plan, t)))
            .await?;
        let (name, value) = header?;
        headers.insert(name, value);
        for (name, value) in api_headers(renewal)? {
            headers.insert(name, value);
        }
        Ok(token)
    }

    /// After the API answered a request that carried `token` with `status`: whether to send
    /// it once more, with a fresh token. Only after a 401, and only if the token was dropped
    /// from the cache (or already replaced by a newer one): renewals caused by 401s are
    /// bounded to one per `REJECTION_PAUSE` (see `Renewal::reject`), so an API that rejects
    /// every token costs no token request per call, and a call is sent at most twice.
    pub(crate) fn replay_after(
        &self,
        renewal: &Renewal,
        token: &AccessToken,
        status: http::StatusCode,
    ) -> bool {
        status == http::StatusCode::UNAUTHORIZED && renewal.reject(token) != Rejection::Kept
    }

    /// Sends the request `build` makes, authorized, through tokenspec's API client (see
    /// [`api_client`]); after a 401, sends a second request `build` makes with a fresh token
    /// if [`replay_after`](Self::replay_after) says so, else returns the 401 as it is.
    pub(crate) async fn send_authorized(
        &self,
        renewal: &Arc<Renewal>,
        mut build: impl FnMut() -> RequestBuilder,
    ) -> Result<reqwest::Response, ApiError<EngineError>> {
        let http = self.api_http().map_err(request_error)?;
        let (request, token) = self.authorize_built(renewal, build()).await?;
        let response = http.execute(request).await.map_err(request_error)?;
        if !self.replay_after(renewal, &token, response.status()) {
            return Ok(response);
        }
        let (request, _) = self.authorize_built(renewal, build()).await?;
        http.execute(request).await.map_err(request_error)
    }

    /// A request built, authorized, with the token used.
    async fn authorize_built(
        &self,
        renewal: &Arc<Renewal>,
        request: RequestBuilder,
    ) -> Result<(reqwest::Request, AccessToken), ApiError<EngineError>> {
        let (_, request) = request.build_split();
        let mut request = request.map_err(request_error)?;
        let url = request.url().clone();
        let token = self
            .authorize_api(renewal, &url, request.headers_mut())
            .await?;
        Ok((request, token))
    }

    /// The API client of [`api_client`], built on first use (most programs never call
    /// `send_authorized`, and building one loads the TLS roots).
    fn api_http(&self) -> reqwest::Result<&reqwest::Client> {
        if let Some(client) = self.api_http.get() {
            return Ok(client);
        }
        let client = api_client(self.connect_timeout, &self.transport)?;
        Ok(self.api_http.get_or_init(|| client))
    }

    /// Whether the token may go with a request to `url`: https (or http on loopback, or
    /// anywhere with `allow_plain_http`), and a host, with its port, that an allowed entry
    /// matches. The refusal names the request's host and port and every allowed entry.
    pub(crate) fn check_host(&self, url: &Url) -> Result<(), ConfigError> {
        url_template::check_scheme(url, "API URL", self.allow_plain_http)?;
        if !self.allowed.iter().any(|h| h.matches(url)) {
            return Err(ConfigError::HostNotAllowed {
                host: url.host_str().unwrap_or_default().to_owned(),
                port: url.port_or_known_default().unwrap_or_default(),
                allowed: self.allowed.iter().map(AllowedHost::shown).collect(),
            });
        }
        Ok(())
    }
}

/// The URL of an `http::Request`'s URI, which must be absolute.
pub(crate) fn api_url(uri: &http::Uri) -> Result<Url, ConfigError> {
    Url::parse(&uri.to_string()).map_err(|e| ConfigError::InvalidUrl {
        what: "API URL".to_owned(),
        reason: e.to_string(),
    })
}

/// The transport's error of an API request, without its URL (which may carry credentials of
/// the caller's in its query).
fn request_error<T>(error: reqwest::Error) -> ApiError<T> {
    ApiError::Request(error.without_url())
}

/// The client `send_authorized` sends API requests through: redirects only within the
/// request's origin ([`redirect_policy`](crate::redirect_policy)), the configured connect
/// timeout, the client's transport settings (root certificates, client identity, proxy,
/// user agent), and otherwise reqwest's defaults (system proxies, the platform's TLS roots).
/// The whole-request timeout is the request's own (`RequestBuilder::timeout`), if the caller
/// set one.
fn api_client(connect_timeout: Duration, transport: &Resolved) -> reqwest::Result<reqwest::Client> {
    transport
        .apply(
            reqwest::Client::builder()
                .redirect(crate::redirect_policy())
                .connect_timeout(connect_timeout),
        )
        .build()
}

/// `<header>: <scheme> <token>`, sensitive.
fn token_header(
    plan: &Plan,
    token: &AccessToken,
) -> Result<(HeaderName, HeaderValue), EngineError> {
    let apply = &plan.apply;
    // Zeroized on drop; the header value's own copy is out of reach.
    let text = SecretString::from(match &apply.scheme {
        Some(scheme) => format!("{scheme} {}", token.expose_secret()),
        None => token.expose_secret().to_owned(),
    });
    // Only a token with control characters fails here: the provider's fault.
    let value = header_value(text.expose_secret(), true, "access token")
        .map_err(|_| DecodeError::new("the access token holds characters a header cannot carry"))?;
    Ok((header_name(&apply.header)?, value))
}

/// The spec's API headers filled from slots; secret ones sensitive.
fn api_headers(renewal: &Renewal) -> Result<Vec<(HeaderName, HeaderValue)>, EngineError> {
    let (plan, values) = (renewal.endpoint().plan(), renewal.endpoint().values());
    let mut headers = Vec::with_capacity(plan.apply.headers.len());
    for h in plan.apply.headers.iter() {
        let slot = plan.slots.get(h.slot);
        let label = slot.map_or("", |s| &*s.name);
        // Checked by `Application::new`; an optional slot left unset adds nothing.
        if let Some(v) = values.get(h.slot).and_then(Option::as_ref) {
            let secret = slot.is_none_or(|s| s.secret);
            headers.push((
                header_name(&h.name)?,
                header_value(v.expose_secret(), secret, label)?,
            ));
        }
    }
    Ok(headers)
}
