//! The transport settings of a client: extra root certificates, a client identity for mTLS
//! (RFC 8705 `tls_client_auth`), an explicit proxy and the user agent. They apply to the
//! token endpoint's client and to the API client of `send_authorized` alike, over the
//! guarantees those clients keep (no cross-origin redirects, capped bodies, timeouts,
//! https-only).
//!
//! The builder's setters cannot fail, so they only keep what they are given ([`Transport`]);
//! `build` checks it ([`Transport::resolve`]) and turns it into reqwest's types. The client
//! certificate and key are credentials: held as secrets, shown by no `Debug`.

use std::fmt;

use secrecy::{ExposeSecret, SecretSlice, SecretString};

use crate::error::ConfigError;
use crate::url_template;

/// What the builder was given.
#[derive(Clone, Default)]
pub(crate) struct Transport {
    /// PEM bundles of extra root certificates, trusted besides the platform's.
    pub(crate) roots: Vec<Vec<u8>>,
    /// The client certificate chain (PEM) and its PKCS#8 key (PEM).
    pub(crate) identity: Option<(SecretSlice<u8>, SecretSlice<u8>)>,
    /// The proxy URL; it may carry credentials (`http://user:pass@proxy:3128`).
    pub(crate) proxy: Option<SecretString>,
    pub(crate) user_agent: Option<String>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Transport")
            .field("root_certificates", &self.roots.len())
            .field(
                "client_identity",
                &self.identity.as_ref().map(|_| "[REDACTED]"),
            )
            .field(
                "proxy",
                &self
                    .proxy
                    .as_ref()
                    .map(|p| url_template::shown(p.expose_secret())),
            )
            .field("user_agent", &self.user_agent)
            .finish()
    }
}

/// What `build` made of it, ready for a `reqwest::ClientBuilder`.
#[derive(Clone, Default)]
pub(crate) struct Resolved {
    #[cfg(any(feature = "native-tls", feature = "rustls"))]
    roots: Vec<reqwest::Certificate>,
    #[cfg(any(feature = "native-tls", feature = "rustls"))]
    identity: Option<reqwest::Identity>,
    proxy: Option<reqwest::Proxy>,
    user_agent: Option<String>,
}

/// The setter names, as errors name them.
const ROOTS: &str = "root_certificates_pem";
const IDENTITY: &str = "client_identity_pem";
const PROXY: &str = "proxy";

/// Hosts an explicit proxy is never used for: the loopback range, as for the token endpoint
/// without a proxy (tests, local mocks).
const LOOPBACK: &str = "localhost,127.0.0.0/8,::1";

impl Transport {
    /// Checks every setting and parses it. An error names the setter, never the value.
    pub(crate) fn resolve(&self) -> Result<Resolved, ConfigError> {
        #[cfg(not(any(feature = "native-tls", feature = "rustls")))]
        {
            if !self.roots.is_empty() {
                return Err(tls_error(
                    ROOTS,
                    "tokenspec was built without a TLS feature",
                ));
            }
            if self.identity.is_some() {
                return Err(tls_error(
                    IDENTITY,
                    "tokenspec was built without a TLS feature",
                ));
            }
        }
        #[cfg(any(feature = "native-tls", feature = "rustls"))]
        let mut roots = Vec::new();
        #[cfg(any(feature = "native-tls", feature = "rustls"))]
        for pem in &self.roots {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .ok()
                .filter(|c| !c.is_empty())
                .ok_or_else(|| tls_error(ROOTS, "not a PEM bundle of certificates"))?;
            roots.extend(certs);
        }
        #[cfg(any(feature = "native-tls", feature = "rustls"))]
        let identity = match &self.identity {
            Some((cert, key)) => Some(identity(cert.expose_secret(), key.expose_secret())?),
            None => None,
        };
        let proxy = match &self.proxy {
            Some(url) => {
                let proxy = reqwest::Proxy::all(url.expose_secret())
                    .map_err(|_| tls_error(PROXY, "not a proxy URL"))?;
                Some(proxy.no_proxy(reqwest::NoProxy::from_string(LOOPBACK)))
            }
            None => None,
        };
        Ok(Resolved {
            #[cfg(any(feature = "native-tls", feature = "rustls"))]
            roots,
            #[cfg(any(feature = "native-tls", feature = "rustls"))]
            identity,
            proxy,
            user_agent: self.user_agent.clone(),
        })
    }
}

impl Resolved {
    /// Adds the settings to a client builder. Without an explicit proxy, reqwest's system
    /// proxies apply; with one, only it.
    pub(crate) fn apply(&self, mut http: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
        #[cfg(any(feature = "native-tls", feature = "rustls"))]
        if !self.roots.is_empty() {
            http = http.tls_certs_merge(self.roots.iter().cloned());
        }
        #[cfg(any(feature = "native-tls", feature = "rustls"))]
        if let Some(identity) = &self.identity {
            http = http.identity(identity.clone());
        }
        if let Some(proxy) = &self.proxy {
            http = http.proxy(proxy.clone());
        }
        if let Some(agent) = &self.user_agent {
            http = http.user_agent(agent.as_str());
        }
        http
    }

    /// Whether an explicit proxy was set (then it decides about loopback itself).
    pub(crate) fn has_proxy(&self) -> bool {
        self.proxy.is_some()
    }
}

fn tls_error(setting: &str, reason: &str) -> ConfigError {
    ConfigError::Transport {
        setting: setting.to_owned(),
        reason: reason.to_owned(),
    }
}

#[cfg(any(feature = "native-tls", feature = "rustls"))]
/// The PEM labels of a key that is not unencrypted PKCS#8.
const OTHER_KEYS: &[&str] = &[
    "-----BEGIN RSA PRIVATE KEY-----",
    "-----BEGIN EC PRIVATE KEY-----",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----",
    "-----BEGIN OPENSSH PRIVATE KEY-----",
];

#[cfg(any(feature = "native-tls", feature = "rustls"))]
/// A client identity from a PEM certificate chain and an unencrypted PKCS#8 PEM key: the one
/// key format native-tls takes (`Identity::from_pkcs8_pem`), so the one tokenspec takes with
/// either TLS backend.
fn identity(cert: &[u8], key: &[u8]) -> Result<reqwest::Identity, ConfigError> {
    let text = String::from_utf8_lossy(key);
    if OTHER_KEYS.iter().any(|label| text.contains(label)) {
        return Err(tls_error(
            IDENTITY,
            "the key is not an unencrypted PKCS#8 PEM key (`BEGIN PRIVATE KEY`); convert it \
             with `openssl pkcs8 -topk8 -nocrypt`",
        ));
    }
    if !text.contains("-----BEGIN PRIVATE KEY-----") {
        return Err(tls_error(
            IDENTITY,
            "the key is not a PEM key (`BEGIN PRIVATE KEY`)",
        ));
    }
    if !String::from_utf8_lossy(cert).contains("-----BEGIN CERTIFICATE-----") {
        return Err(tls_error(
            IDENTITY,
            "the certificate is not a PEM certificate",
        ));
    }
    backend_identity(cert, key)
        .map_err(|_| tls_error(IDENTITY, "the certificate and key could not be read"))
}

#[cfg(feature = "native-tls")]
fn backend_identity(cert: &[u8], key: &[u8]) -> reqwest::Result<reqwest::Identity> {
    reqwest::Identity::from_pkcs8_pem(cert, key)
}

#[cfg(all(feature = "rustls", not(feature = "native-tls")))]
fn backend_identity(cert: &[u8], key: &[u8]) -> reqwest::Result<reqwest::Identity> {
    // Zeroized on drop: it holds the key.
    let both = SecretSlice::from([key, b"\n", cert].concat());
    reqwest::Identity::from_pem(both.expose_secret())
}
