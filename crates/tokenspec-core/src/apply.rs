//! `authorize`: applies the token (and the spec's API headers) to an API request, as a
//! reqwest builder, an `http::Request` or a bare `HeaderMap`; and `send_authorized`, which
//! retries once with a fresh token after a 401.

use http::{HeaderMap, HeaderName, HeaderValue};
use reqwest::RequestBuilder;
use secrecy::{ExposeSecret, SecretString};
use url::Url;

use crate::engine::{Engine, Rejection};
use crate::error::{ConfigError, DecodeError, EngineError, TransportError};
use crate::request::{header_name, header_value};
use crate::secret::AccessToken;
use crate::url_template;

impl Engine {
    /// Adds `<header>: <scheme> <token>` and the API headers to `request`, after checking
    /// that it goes to an allowed host over https (or http on loopback). Allowed are the
    /// spec's `apply.hosts` (else the token URL's host), the `base_url` override's host, and
    /// every `allow_host`. A host without a port matches any port. The added values are
    /// marked sensitive (HTTP/2 never indexes them; `Debug` of the map hides them).
    ///
    /// The check covers the request's own URL only: where a redirect goes is up to the
    /// client that sends it. Build that `reqwest::Client` with
    /// [`redirect_policy`](crate::redirect_policy) (or `Policy::none()`): reqwest's default
    /// follows redirects to any host and drops only `Authorization` on the way, so a token
    /// under another header, or an API header, would reach the other host.
    pub async fn authorize(&self, request: RequestBuilder) -> Result<RequestBuilder, EngineError> {
        Ok(self.authorize_reqwest(request).await?.0)
    }

    /// [`authorize`](Self::authorize) for an [`http::Request`], whose URI must be absolute.
    /// Whatever sends it must not follow redirects to another origin, as `authorize` says.
    pub async fn authorize_request<B>(
        &self,
        mut request: http::Request<B>,
    ) -> Result<http::Request<B>, EngineError> {
        let url = Url::parse(&request.uri().to_string()).map_err(|e| ConfigError::InvalidUrl {
            what: "API URL".to_owned(),
            reason: e.to_string(),
        })?;
        self.authorize_headers(&url, request.headers_mut()).await?;
        Ok(request)
    }

    /// Adds the token and the API headers to `headers` of a request to `url`, after the
    /// same host check as [`authorize`](Self::authorize). Returns the token it used, for
    /// [`invalidate`](Self::invalidate) should the API reject it. Whatever sends the
    /// request must not follow redirects to another origin, as `authorize` says.
    pub async fn authorize_headers(
        &self,
        url: &Url,
        headers: &mut HeaderMap,
    ) -> Result<AccessToken, EngineError> {
        self.check_host(url)?;
        let (token, header) = self
            .with_token(|t| (t.clone(), self.token_header(t)))
            .await?;
        let (name, value) = header?;
        headers.insert(name, value);
        for (name, value) in self.api_headers()? {
            headers.insert(name, value);
        }
        Ok(token)
    }

    /// Sends the request `build` makes, authorized; if the API answers 401, drops that
    /// token from the cache (unless already replaced), and sends a second request `build`
    /// makes with a fresh token. Other statuses, and the second answer whatever it is, are
    /// returned as they are. Renewals caused by 401s are bounded as
    /// [`invalidate`](Self::invalidate) says: when the rejected token is kept, the 401 is
    /// returned without a second request.
    ///
    /// The request is sent through a client of tokenspec's, not the one `build` started
    /// from, because only a client's redirect policy decides where a redirect goes: it
    /// follows redirects only within the request's origin ([`redirect_policy`](crate::redirect_policy)),
    /// so neither the token nor an API header reaches another host. Kept from what `build`
    /// makes: the method, URL, headers, body, version and the request's own timeout. Not
    /// kept: the settings of the `reqwest::Client` it came from (default headers, proxies,
    /// TLS settings and client certificates, cookie store, its timeouts and redirect
    /// policy); the connect timeout is the builder's `timeouts`.
    pub async fn send_authorized(
        &self,
        mut build: impl FnMut() -> RequestBuilder,
    ) -> Result<reqwest::Response, EngineError> {
        let http = self.api_http()?;
        let (request, token) = self.authorize_request_of(build()).await?;
        let response = http.execute(request).await.map_err(TransportError::new)?;
        if response.status() != http::StatusCode::UNAUTHORIZED {
            return Ok(response);
        }
        if self.reject(&token) == Rejection::Kept {
            return Ok(response);
        }
        let (request, _) = self.authorize_request_of(build()).await?;
        Ok(http.execute(request).await.map_err(TransportError::new)?)
    }

    /// The request a builder makes, authorized, with the token used.
    async fn authorize_request_of(
        &self,
        request: RequestBuilder,
    ) -> Result<(reqwest::Request, AccessToken), EngineError> {
        let (_, request) = request.build_split();
        let mut request = request.map_err(TransportError::new)?;
        let url = request.url().clone();
        let token = self.authorize_headers(&url, request.headers_mut()).await?;
        Ok((request, token))
    }

    async fn authorize_reqwest(
        &self,
        request: RequestBuilder,
    ) -> Result<(RequestBuilder, AccessToken), EngineError> {
        let (client, request) = request.build_split();
        let mut request = request.map_err(TransportError::new)?;
        let url = request.url().clone();
        let token = self.authorize_headers(&url, request.headers_mut()).await?;
        Ok((RequestBuilder::from_parts(client, request), token))
    }

    fn check_host(&self, url: &Url) -> Result<(), EngineError> {
        let inner = self.inner();
        url_template::check_scheme(url, "API URL", inner.settings.allow_plain_http)?;
        if !inner.allowed.iter().any(|h| h.matches(url)) {
            return Err(ConfigError::HostNotAllowed {
                host: url.host_str().unwrap_or_default().to_owned(),
            }
            .into());
        }
        Ok(())
    }

    /// `<header>: <scheme> <token>`, sensitive.
    fn token_header(&self, token: &AccessToken) -> Result<(HeaderName, HeaderValue), EngineError> {
        let apply = &self.inner().plan.apply;
        // Zeroized on drop; the header value's own copy is out of reach.
        let text = SecretString::from(match &apply.scheme {
            Some(scheme) => format!("{scheme} {}", token.expose_secret()),
            None => token.expose_secret().to_owned(),
        });
        // Only a token with control characters fails here: the provider's fault.
        let value = header_value(text.expose_secret(), true, "access token").map_err(|_| {
            DecodeError::new("the access token holds characters a header cannot carry")
        })?;
        Ok((header_name(&apply.header)?, value))
    }

    /// The spec's API headers filled from slots; secret ones sensitive.
    fn api_headers(&self) -> Result<Vec<(HeaderName, HeaderValue)>, EngineError> {
        let inner = self.inner();
        let mut headers = Vec::with_capacity(inner.plan.apply.headers.len());
        for h in inner.plan.apply.headers.iter() {
            let slot = inner.plan.slots.get(h.slot);
            let label = slot.map_or("", |s| &*s.name);
            // Checked by `build`; an optional slot left unset adds nothing.
            if let Some(v) = inner.values.get(h.slot).and_then(Option::as_ref) {
                let secret = slot.is_none_or(|s| s.secret);
                headers.push((
                    header_name(&h.name)?,
                    header_value(v.expose_secret(), secret, label)?,
                ));
            }
        }
        Ok(headers)
    }
}
