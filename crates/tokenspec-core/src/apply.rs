//! `authorize`: applies the token (and the spec's API headers) to an API request.

use reqwest::RequestBuilder;
use secrecy::ExposeSecret;

use crate::engine::Engine;
use crate::error::{ConfigError, DecodeError, EngineError, TransportError};
use crate::request::{header_name, header_value};
use crate::url_template;

impl Engine {
    /// Adds `<header>: <scheme> <token>` and the API headers to `request`, after checking
    /// that it goes to an allowed host over https (or http on loopback). Allowed are the
    /// spec's `apply.hosts` (else the token URL's host), the `base_url` override's host, and
    /// every `allow_host`. A host without a port matches any port. The added values are
    /// marked sensitive.
    pub async fn authorize(&self, request: RequestBuilder) -> Result<RequestBuilder, EngineError> {
        let (client, request) = request.build_split();
        let mut request = request.map_err(TransportError::new)?;
        let inner = self.inner();
        let url = request.url();
        url_template::check_scheme(url, "API URL")?;
        if !inner.allowed.iter().any(|h| h.matches(url)) {
            return Err(ConfigError::HostNotAllowed {
                host: url.host_str().unwrap_or_default().to_owned(),
            }
            .into());
        }

        let token = self.access_token().await?;
        let apply = &inner.plan.apply;
        let text = match &apply.scheme {
            Some(scheme) => format!("{scheme} {}", token.expose_secret()),
            None => token.expose_secret().to_owned(),
        };
        // Only a token with control characters fails here: the provider's fault.
        let value = header_value(&text, true, "access token").map_err(|_| {
            DecodeError::new("the access token holds characters a header cannot carry")
        })?;
        let mut headers = Vec::with_capacity(1 + apply.headers.len());
        headers.push((header_name(&apply.header)?, value));
        for h in &apply.headers {
            let slot = inner.plan.slots.get(h.slot);
            let label = slot.map_or("", |s| s.name.as_str());
            // Checked by `build`; an optional slot left unset adds nothing.
            if let Some(v) = inner.values.get(h.slot).and_then(Option::as_ref) {
                let secret = slot.is_none_or(|s| s.secret);
                headers.push((
                    header_name(&h.name)?,
                    header_value(v.expose_secret(), secret, label)?,
                ));
            }
        }
        for (name, value) in headers {
            request.headers_mut().insert(name, value);
        }
        Ok(RequestBuilder::from_parts(client, request))
    }
}
