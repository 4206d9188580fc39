//! [`Builder`]: collects the values of a plan's slots, then checks and builds an [`Engine`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use secrecy::{ExposeSecret, SecretString};
use tokenspec_spec::plan::{Plan, SlotKind};

use crate::apply::Application;
use crate::cache::Typed;
use crate::client::{Client, GeneratedClient};
use crate::clock::{Clock, ClockRef};
use crate::endpoint::Endpoint;
use crate::engine::Engine;
use crate::env;
use crate::error::ConfigError;
use crate::margin::RefreshMargin;
use crate::plan_ref::PlanRef;
use crate::renewal::{self, Renewal, TypedFn};
use crate::retry::RetryPolicy;
use crate::setter_value::SetterValue;
use crate::settings::Settings;
use crate::token::RawToken;
use crate::url_template::{self, Template};

/// The untyped builder behind every generated `<Name>Builder`.
///
/// Setters take and return `self` so the typed builder can move it from one type state to
/// the next.
pub struct Builder {
    plan: PlanRef,
    // Every slot's value is held as a secret, even non-secret ones: one type, and the `Debug`
    // below decides per slot what it may show.
    values: Vec<Option<SecretString>>,
    base_url: Option<String>,
    allow_hosts: Vec<String>,
    settings: Settings,
}

impl Builder {
    /// A builder of a plan generated into the program.
    pub fn new(plan: &'static Plan) -> Self {
        Self::with(PlanRef::Static(plan))
    }

    /// A builder of a plan loaded at run time.
    pub fn from_shared(plan: Arc<Plan>) -> Self {
        Self::with(PlanRef::Shared(plan))
    }

    fn with(plan: PlanRef) -> Self {
        Builder {
            values: vec![None; plan.slots.len()],
            plan,
            base_url: None,
            allow_hosts: Vec::new(),
            settings: Settings::default(),
        }
    }

    /// The plan this builder builds a client of.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Sets slot `slot` (an index into `plan.slots`). An index out of range is ignored:
    /// generated code only passes indices of its own plan.
    pub fn set(mut self, slot: usize, value: impl SetterValue) -> Self {
        if let Some(v) = self.values.get_mut(slot) {
            *v = Some(value.into_secret());
        }
        self
    }

    /// Overrides the scheme, host and port of the token URL and puts the base URL's path
    /// before its path (`url_template::rebase`): tests, staging, self-hosting.
    pub fn base_url(mut self, url: String) -> Self {
        self.base_url = Some(url);
        self
    }

    /// Allows `authorize` to send the token to `host` (`host` or `host:port`) as well.
    pub fn allow_host(mut self, host: String) -> Self {
        self.allow_hosts.push(host);
        self
    }

    /// How failed token requests are retried (see [`RetryPolicy`]).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.settings.retry = policy;
        self
    }

    /// How long before expiry the cached token is renewed (see [`RefreshMargin`]).
    pub fn refresh_margin(mut self, margin: RefreshMargin) -> Self {
        self.settings.margin = margin;
        self
    }

    /// How long a token request may wait for the spec's client-side rate limit before
    /// failing with `RateLimited` (default 5 s).
    pub fn rate_limit_wait(mut self, wait: Duration) -> Self {
        self.settings.rate_limit_wait = wait;
        self
    }

    /// The clock that decides expiry (default: the monotonic clock). Tests pass a
    /// [`ManualClock`](crate::clock::ManualClock).
    pub fn clock(mut self, clock: Arc<dyn Clock>) -> Self {
        self.settings.clock = ClockRef::Custom(clock);
        self
    }

    /// Allows plain `http` to hosts other than loopback, for the token endpoint and
    /// `authorize` (an internal network you trust). Credentials and tokens then travel
    /// unencrypted.
    pub fn allow_plain_http(mut self) -> Self {
        self.settings.allow_plain_http = true;
        self
    }

    /// The connect timeout (default 10 s) and the timeout of one attempt of a token
    /// request (default 30 s).
    pub fn timeouts(mut self, connect: Duration, request: Duration) -> Self {
        self.settings.connect_timeout = connect;
        self.settings.request_timeout = request;
        self
    }

    /// Trusts the certificates of a PEM bundle as roots, besides the platform's (a private
    /// CA of the token endpoint or the API). Checked by `build`.
    pub fn root_certificates_pem(mut self, pem: Vec<u8>) -> Self {
        self.settings.transport.roots.push(pem);
        self
    }

    /// Presents a client certificate (PEM chain) with its key (unencrypted PKCS#8 PEM) in
    /// the TLS handshake: mTLS, RFC 8705 `tls_client_auth`. Both are held as secrets.
    /// Checked by `build`.
    pub fn client_identity_pem(mut self, cert: Vec<u8>, key: Vec<u8>) -> Self {
        self.settings.transport.identity = Some((cert.into(), key.into()));
        self
    }

    /// Sends every request through this proxy (`http://`, `https://` or `socks5://`, with
    /// credentials if it needs them), except those to loopback. Checked by `build`.
    pub fn proxy(mut self, url: String) -> Self {
        self.settings.transport.proxy = Some(url.into());
        self
    }

    /// The `User-Agent` of token and API requests.
    pub fn user_agent(mut self, agent: String) -> Self {
        self.settings.transport.user_agent = Some(agent);
        self
    }

    /// Fills every slot from its environment variable (`plan.slots[i].env`), and the base
    /// URL from `<NAME>_BASE_URL` if that is set. A variable that is set wins over a value
    /// set before; a required slot that is neither set nor in the environment is an error
    /// naming the variable.
    ///
    /// The transport settings come from `<NAME>_ROOT_CERTIFICATES_PEM`,
    /// `<NAME>_CLIENT_CERTIFICATE_PEM` with `<NAME>_CLIENT_KEY_PEM` (mTLS), `<NAME>_PROXY` and
    /// `<NAME>_USER_AGENT`, those that are set.
    ///
    /// Each variable `<VAR>` may instead be given as `<VAR>_FILE`, the path of a file holding
    /// the value (secrets mounted as files); one trailing newline is trimmed.
    pub fn from_env(mut self) -> Result<Builder, ConfigError> {
        for (slot, value) in self.plan.slots.iter().zip(self.values.iter_mut()) {
            match env::read(&slot.env)? {
                Some(v) => *value = Some(SecretString::from(v)),
                None if value.is_none() && is_required(slot.kind) => {
                    return Err(ConfigError::MissingEnv {
                        var: slot.env.to_string(),
                        setter: slot.name.to_string(),
                    });
                }
                None => {}
            }
        }
        let var = tokenspec_spec::reserved::base_url_env(&self.plan.name);
        if let Some(url) = env::read(&var)? {
            self.base_url = Some(url);
        }
        self.transport_from_env()?;
        Ok(self)
    }

    /// The transport settings from `<NAME>_ROOT_CERTIFICATES_PEM`,
    /// `<NAME>_CLIENT_CERTIFICATE_PEM` with `<NAME>_CLIENT_KEY_PEM`, `<NAME>_PROXY` and
    /// `<NAME>_USER_AGENT` (each also as `_FILE`), those that are set.
    fn transport_from_env(&mut self) -> Result<(), ConfigError> {
        let name = &self.plan.name;
        let var = |setting: &str| tokenspec_spec::reserved::setting_env(name, setting);
        let transport = &mut self.settings.transport;
        if let Some(pem) = env::read(&var("ROOT_CERTIFICATES_PEM"))? {
            transport.roots.push(pem.into_bytes());
        }
        let (cert_var, key_var) = (var("CLIENT_CERTIFICATE_PEM"), var("CLIENT_KEY_PEM"));
        match (env::read(&cert_var)?, env::read(&key_var)?) {
            (Some(cert), Some(key)) => {
                transport.identity = Some((cert.into_bytes().into(), key.into_bytes().into()));
            }
            (None, None) => {}
            (Some(_), None) => {
                return Err(ConfigError::MissingEnv {
                    var: key_var,
                    setter: "client_identity_pem".to_owned(),
                });
            }
            (None, Some(_)) => {
                return Err(ConfigError::MissingEnv {
                    var: cert_var,
                    setter: "client_identity_pem".to_owned(),
                });
            }
        }
        if let Some(proxy) = env::read(&var("PROXY"))? {
            transport.proxy = Some(proxy.into());
        }
        if let Some(agent) = env::read(&var("USER_AGENT"))? {
            transport.user_agent = Some(agent);
        }
        Ok(())
    }

    /// Applies [`ClientSettings`](crate::ClientSettings) (a settings file), over what was
    /// set before.
    pub fn with_settings(self, settings: &crate::ClientSettings) -> Result<Builder, ConfigError> {
        settings.apply(self)
    }

    /// Checks that every required slot has a value (the typed builder's state after
    /// `with_settings` says so).
    pub fn check_required(&self) -> Result<(), ConfigError> {
        for (slot, value) in self.plan.slots.iter().zip(&self.values) {
            if value.is_none() && is_required(slot.kind) {
                return Err(ConfigError::MissingValue {
                    setter: slot.name.to_string(),
                });
            }
        }
        Ok(())
    }

    /// Mutable access for [`ClientSettings`](crate::ClientSettings).
    pub(crate) fn parts(&mut self) -> Parts<'_> {
        Parts {
            plan: &self.plan,
            values: &mut self.values,
            base_url: &mut self.base_url,
            allow_hosts: &mut self.allow_hosts,
            settings: &mut self.settings,
        }
    }

    /// Checks the configuration and builds the client: every required slot set, the token
    /// URL valid (https, or http on loopback), header values sendable. Its cache types each
    /// token as the [`RawToken`](crate::token::RawToken) itself.
    pub fn build(self) -> Result<Engine, ConfigError> {
        self.engine(renewal::untyped)
    }

    /// [`build`](Self::build), as the [`Client`] of the generated client `P`, whose cache
    /// types each token once, as `P::Token`.
    pub fn client<P: GeneratedClient>(self) -> Result<Client<P>, ConfigError> {
        Ok(Client::new(self.engine(typed::<P>)?))
    }

    /// [`build`](Self::build) with `typed` making the typed token of each new token.
    fn engine(self, typed: TypedFn) -> Result<Engine, ConfigError> {
        let Builder {
            plan,
            mut values,
            base_url,
            allow_hosts,
            settings,
        } = self;
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
        let base = match base_url.as_deref() {
            Some("") => {
                return Err(ConfigError::EmptyValue {
                    setter: "base_url".to_owned(),
                });
            }
            Some(base) => Some(url_template::parse_checked(base, "base URL", plain)?),
            None => None,
        };
        if let Some(base) = &base {
            token_url = url_template::rebase(&token_url, base);
        }

        let transport = settings.transport.resolve()?;
        let application = Application::new(
            &plan,
            &values,
            &token_url,
            base.as_ref(),
            &allow_hosts,
            &settings,
            &transport,
        )?;
        let endpoint = Endpoint::new(plan, values, token_url, &settings, &transport)?;
        let renewal = Renewal::new(endpoint, &settings, typed);
        Ok(Engine::new(renewal, application))
    }
}

/// The typed token of `P`'s cache: `P::Token`, converted once per token.
fn typed<P: GeneratedClient>(raw: RawToken) -> Typed {
    Arc::new(P::token_from_raw(raw))
}

/// A builder's fields, for [`ClientSettings`](crate::ClientSettings) to fill.
pub(crate) struct Parts<'a> {
    pub(crate) plan: &'a Plan,
    pub(crate) values: &'a mut Vec<Option<SecretString>>,
    pub(crate) base_url: &'a mut Option<String>,
    pub(crate) allow_hosts: &'a mut Vec<String>,
    pub(crate) settings: &'a mut Settings,
}

/// Credentials and URL variables are required; parameters have defaults.
fn is_required(kind: SlotKind) -> bool {
    matches!(kind, SlotKind::Credential | SlotKind::Variable)
}

impl fmt::Debug for Builder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        struct Slots<'a>(&'a Builder);
        impl fmt::Debug for Slots<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let mut map = f.debug_map();
                for (slot, value) in self.0.plan.slots.iter().zip(&self.0.values) {
                    match value {
                        None => map.entry(&slot.name, &"<unset>"),
                        Some(_) if slot.secret => map.entry(&slot.name, &"[REDACTED]"),
                        Some(v) => map.entry(&slot.name, &url_template::shown(v.expose_secret())),
                    };
                }
                map.finish()
            }
        }
        f.debug_struct("Builder")
            .field("provider", &self.plan.name)
            .field("values", &Slots(self))
            .field(
                "base_url",
                &self.base_url.as_deref().map(url_template::shown),
            )
            .field("allow_hosts", &self.allow_hosts)
            .field("settings", &self.settings)
            .finish()
    }
}
