//! [`ClientSettings`]: a client's settings as data, for configuration files read with serde
//! (figment, config, toml, a YAML reader).

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use secrecy::SecretString;
use serde::Deserialize;

use crate::builder::Builder;
use crate::env;
use crate::error::ConfigError;

/// A client's settings, deserializable from TOML, YAML or JSON: what the builder's setters
/// take, as data. Apply them with the generated builder's `with_settings`.
///
/// Secrets are never written in it: a secret setter's value is `{ env: VAR }` (read from the
/// environment, or from the file `VAR_FILE` names) or `{ file: PATH }`; an inline secret is
/// refused with [`ConfigError::InvalidSetting`]. The TLS client key and certificate are
/// paths. Errors name the key (`values.secret_key`, `tls.client_key_file`), never a value.
///
/// ```yaml
/// base_url: https://staging.weir.example
/// allow_hosts: [api.staging.weir.example]
/// retry: { max_attempts: 2, initial_backoff_ms: 50, max_backoff_ms: 500 }
/// timeouts: { connect_ms: 2000, request_ms: 5000 }
/// tls:
///   root_certificates_file: /etc/weir/ca.pem
///   client_certificate_file: /run/secrets/weir-client.pem
///   client_key_file: /run/secrets/weir-client.key
/// proxy: http://proxy.internal:3128
/// user_agent: my-service/1.2
/// values:
///   client_id: my-client            # not secret: inline is fine
///   secret_key: { env: WEIR_SECRET_KEY }
/// ```
#[derive(Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ClientSettings {
    /// As the builder's `base_url`.
    pub base_url: Option<String>,
    /// As the builder's `allow_host`, once per entry.
    pub allow_hosts: Vec<String>,
    /// As the builder's `retry`: only the fields given change the default policy.
    pub retry: Option<RetrySettings>,
    /// As the builder's `timeouts`: only the fields given change.
    pub timeouts: Option<TimeoutSettings>,
    /// As the builder's `rate_limit_wait`, in milliseconds.
    pub rate_limit_wait_ms: Option<u64>,
    /// As the builder's `allow_plain_http`.
    pub allow_plain_http: bool,
    /// Root certificates and the mTLS client identity, as files.
    pub tls: TlsSettings,
    /// As the builder's `proxy`. A proxy URL with a password is refused inline: give it as
    /// `{ env: VAR }` or `{ file: PATH }`.
    pub proxy: Option<Value>,
    /// As the builder's `user_agent`.
    pub user_agent: Option<String>,
    /// The spec's setters (credentials, variables, parameters) by name.
    pub values: BTreeMap<String, Value>,
}

/// The retry policy's fields; see [`RetryPolicy`](crate::RetryPolicy).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct RetrySettings {
    /// Attempts in all (1: no retries).
    pub max_attempts: Option<u32>,
    /// The first backoff step, in milliseconds.
    pub initial_backoff_ms: Option<u64>,
    /// The cap of a backoff step, in milliseconds.
    pub max_backoff_ms: Option<u64>,
    /// The time all attempts may take, in milliseconds.
    pub max_elapsed_ms: Option<u64>,
}

/// The connect and request timeouts, in milliseconds.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct TimeoutSettings {
    /// The connect timeout.
    pub connect_ms: Option<u64>,
    /// One attempt of a token request.
    pub request_ms: Option<u64>,
}

/// TLS files: extra roots, and the client certificate and key of mTLS.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct TlsSettings {
    /// A PEM bundle of extra root certificates.
    pub root_certificates_file: Option<PathBuf>,
    /// The client certificate chain, PEM.
    pub client_certificate_file: Option<PathBuf>,
    /// The client key, unencrypted PKCS#8 PEM.
    pub client_key_file: Option<PathBuf>,
}

/// A setter's value: inline (not for secrets), from an environment variable, or from a file.
#[derive(Clone, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Value {
    /// Written in the settings; refused for a secret.
    Inline(String),
    /// `{ env: VAR }`: the variable `VAR`, or the file `VAR_FILE` names.
    Env {
        /// The variable's name.
        env: String,
    },
    /// `{ file: PATH }`: the file's content, one trailing newline trimmed.
    File {
        /// The file's path.
        file: PathBuf,
    },
}

impl fmt::Debug for Value {
    // An inline value may be a secret written by mistake: it is not shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Inline(_) => f.write_str("Inline(..)"),
            Value::Env { env } => f.debug_struct("Env").field("env", env).finish(),
            Value::File { file } => f.debug_struct("File").field("file", file).finish(),
        }
    }
}

impl fmt::Debug for ClientSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientSettings")
            .field(
                "base_url",
                &self.base_url.as_deref().map(crate::url_template::shown),
            )
            .field("allow_hosts", &self.allow_hosts)
            .field("retry", &self.retry)
            .field("timeouts", &self.timeouts)
            .field("rate_limit_wait_ms", &self.rate_limit_wait_ms)
            .field("allow_plain_http", &self.allow_plain_http)
            .field("tls", &self.tls)
            .field("proxy", &self.proxy)
            .field("user_agent", &self.user_agent)
            .field("values", &self.values)
            .finish()
    }
}

impl Value {
    /// The value; `secret` refuses an inline one. `key` names it in errors.
    fn resolve(&self, key: &str, secret: bool) -> Result<String, ConfigError> {
        match self {
            Value::Inline(_) if secret => Err(ConfigError::InvalidSetting {
                key: key.to_owned(),
                reason: "a secret may not be written inline: give `{ env: VAR }` or \
                         `{ file: PATH }`"
                    .to_owned(),
            }),
            Value::Inline(v) => Ok(v.clone()),
            Value::Env { env: var } => env::read(var)?.ok_or_else(|| ConfigError::MissingEnv {
                var: var.clone(),
                setter: key.to_owned(),
            }),
            Value::File { file } => Ok(env::trim_newline(env::read_file(file, key)?)),
        }
    }
}

fn millis(ms: u64) -> Duration {
    Duration::from_millis(ms)
}

impl ClientSettings {
    /// Applies the settings to `builder`, over what was set before.
    pub(crate) fn apply(&self, mut builder: Builder) -> Result<Builder, ConfigError> {
        let parts = builder.parts();
        for (name, value) in &self.values {
            let key = format!("values.{name}");
            let Some(i) = parts.plan.slot_index(name) else {
                return Err(ConfigError::InvalidSetting {
                    key,
                    reason: "the spec has no such setter".to_owned(),
                });
            };
            let secret = parts.plan.slots.get(i).is_none_or(|s| s.secret);
            let v = value.resolve(&key, secret)?;
            if let Some(slot) = parts.values.get_mut(i) {
                *slot = Some(SecretString::from(v));
            }
        }
        if let Some(url) = &self.base_url {
            *parts.base_url = Some(url.clone());
        }
        parts.allow_hosts.extend(self.allow_hosts.iter().cloned());
        let settings = &mut *parts.settings;
        if let Some(r) = &self.retry {
            let mut policy = settings.retry;
            if let Some(n) = r.max_attempts {
                policy = policy.with_max_attempts(n);
            }
            if r.initial_backoff_ms.is_some() || r.max_backoff_ms.is_some() {
                let (initial, max) = policy.backoff_bounds();
                policy = policy.with_backoff(
                    r.initial_backoff_ms.map_or(initial, millis),
                    r.max_backoff_ms.map_or(max, millis),
                );
            }
            if let Some(ms) = r.max_elapsed_ms {
                policy = policy.with_max_elapsed(millis(ms));
            }
            settings.retry = policy;
        }
        if let Some(t) = &self.timeouts {
            if let Some(ms) = t.connect_ms {
                settings.connect_timeout = millis(ms);
            }
            if let Some(ms) = t.request_ms {
                settings.request_timeout = millis(ms);
            }
        }
        if let Some(ms) = self.rate_limit_wait_ms {
            settings.rate_limit_wait = millis(ms);
        }
        settings.allow_plain_http |= self.allow_plain_http;
        let transport = &mut settings.transport;
        if let Some(path) = &self.tls.root_certificates_file {
            let pem = env::read_file(path, "tls.root_certificates_file")?;
            transport.roots.push(pem.into_bytes());
        }
        match (&self.tls.client_certificate_file, &self.tls.client_key_file) {
            (Some(cert), Some(key)) => {
                let cert = env::read_file(cert, "tls.client_certificate_file")?;
                let key = env::read_file(key, "tls.client_key_file")?;
                transport.identity = Some((cert.into_bytes().into(), key.into_bytes().into()));
            }
            (None, None) => {}
            (Some(_), None) | (None, Some(_)) => {
                return Err(ConfigError::InvalidSetting {
                    key: "tls".to_owned(),
                    reason: "give both `client_certificate_file` and `client_key_file`".to_owned(),
                });
            }
        }
        if let Some(proxy) = &self.proxy {
            let url = proxy.resolve("proxy", false)?;
            if matches!(proxy, Value::Inline(_))
                && url::Url::parse(&url).is_ok_and(|u| u.password().is_some())
            {
                return Err(ConfigError::InvalidSetting {
                    key: "proxy".to_owned(),
                    reason: "a proxy password may not be written inline: give `{ env: VAR }` \
                             or `{ file: PATH }`"
                        .to_owned(),
                });
            }
            transport.proxy = Some(url.into());
        }
        if let Some(agent) = &self.user_agent {
            transport.user_agent = Some(agent.clone());
        }
        Ok(builder)
    }
}
