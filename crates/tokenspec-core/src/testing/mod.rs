//! A mock token endpoint derived from a spec, for testing code that uses a generated client
//! (feature `testing`).
//!
//! [`MockProvider`] reads the same [`Plan`] the engine executes (from a spec file at run
//! time, or from a generated client's `plan()`, such as `Weir::plan()`) and serves the token
//! endpoint it describes on a loopback port:
//!
//! - it accepts only requests whose method, path, body encoding, credential placement (HTTP
//!   Basic, form-encoded or not, JSON body, form, query, header), fixed parameters and
//!   headers are those of the spec, and whose credentials are the configured ones;
//! - it answers in the spec's response shape (root wrapper, success discriminator, token
//!   type, lifetime, refresh token, declared fields) with a fresh token each time;
//! - it answers wrong credentials, misplaced values and wrong paths with the spec's own
//!   error envelope, choosing the code and status of the variant the spec names for the
//!   mistake, so the client reports the typed error it would get from the real provider;
//! - it records every request with secrets redacted ([`RecordedRequest`]), and misbehaves
//!   on demand ([`MockServer::fail_next`] with a [`Fault`]).
//!
//! A test starts the mock, points the client's base URL at it, runs the code under test and
//! asserts on what the mock saw:
//!
//! ```
//! use tokenspec_core::providers::Weir;
//! use tokenspec_core::testing::{Fault, MockProvider};
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Or MockProvider::from_spec_file("specs/weir.yaml")?
//! let mock = MockProvider::for_plan(Weir::plan())
//!     .credential("client_id", "test-client")
//!     .start()
//!     .await?;
//!
//! let client = Weir::builder()
//!     .client_id("test-client")
//!     .secret_key(mock.credential("secret_key").unwrap_or_default())
//!     .base_url(mock.base_url())
//!     .build()?;
//!
//! // The code under test.
//! let token = client.fetch_token().await?;
//! assert!(token.expires_in.is_some());
//!
//! assert_eq!(mock.request_count(), 1);
//! let request = &mock.requests()[0];
//! assert_eq!(request.basic_user.as_deref(), Some("test-client"));
//! assert_eq!(request.header("authorization"), Some("Basic [REDACTED]"));
//!
//! // The provider misbehaves: the client sees a typed error, not a panic.
//! mock.fail_next(usize::MAX, Fault::HtmlPage { status: 502 });
//! assert!(client.fetch_token().await.is_err());
//! # Ok(())
//! # }
//! ```

mod check;
mod fault;
mod incoming;
mod record;
mod reply;
mod route;
mod server;

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokenspec_spec::plan::SlotKind;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use fault::Fault;
pub use record::{REDACTED, RecordedRequest};
/// A provider's token protocol, lowered from its spec: what [`MockProvider::for_plan`] takes
/// and what a generated client's `plan()` returns.
pub use tokenspec_spec::plan::Plan;

use record::Redactor;
use route::Route;
use server::{Shared, State};

/// A mock token endpoint, configured but not yet listening: set credentials and the token
/// lifetime, then [`start`](Self::start) it.
///
/// Every credential of the spec has a default value, `mock-<name>` (`mock-client_id`);
/// [`MockServer::credential`] tells the test what it is. A parameter the client may set
/// (`scope`) accepts any value unless one is configured with [`credential`](Self::credential).
#[derive(Clone)]
pub struct MockProvider {
    plan: Plan,
    values: Vec<(String, String)>,
    lifetime: Duration,
    port: u16,
}

impl fmt::Debug for MockProvider {
    // The configured values may be secrets: only their names are shown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockProvider")
            .field("provider", &self.plan.name)
            .field(
                "configured",
                &self.values.iter().map(|(n, _)| n).collect::<Vec<_>>(),
            )
            .field("lifetime", &self.lifetime)
            .field("port", &self.port)
            .finish()
    }
}

/// Why a mock could not be created or started.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MockError {
    /// The spec file could not be read.
    #[error("cannot read the spec `{path}`: {source}")]
    Read {
        /// The path given.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The spec is invalid; `rendered` shows every problem with its line and column.
    #[error("the spec `{path}` is invalid:\n{rendered}")]
    Spec {
        /// The path (or label) of the spec.
        path: String,
        /// The diagnostics, rendered rustc-style.
        rendered: String,
    },
    /// [`MockProvider::credential`] named something that is not a credential or parameter
    /// of the spec.
    #[error("`{name}` is not a credential or parameter of the `{provider}` spec")]
    UnknownValue {
        /// The name given.
        name: String,
        /// The provider.
        provider: String,
    },
    /// The loopback port could not be bound.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Bind {
        /// The port asked for (0: any).
        port: u16,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl MockProvider {
    /// A mock of the provider `plan` describes, such as a built-in client's
    /// (`Weir::plan()`).
    pub fn for_plan(plan: &Plan) -> MockProvider {
        MockProvider {
            plan: plan.clone(),
            values: Vec::new(),
            lifetime: Duration::from_secs(3600),
            port: 0,
        }
    }

    /// A mock of the provider a spec describes, given its YAML text; `path_label` names it
    /// in diagnostics.
    ///
    /// # Errors
    /// [`MockError::Spec`] with every problem of the spec.
    pub fn from_spec(source: &str, path_label: &str) -> Result<MockProvider, MockError> {
        match tokenspec_spec::load(source, path_label) {
            Ok(spec) => Ok(MockProvider::for_plan(&spec.plan)),
            Err(diagnostics) => Err(MockError::Spec {
                path: path_label.to_owned(),
                rendered: diagnostics.render(source, path_label),
            }),
        }
    }

    /// A mock of the provider described by the spec file at `path`.
    ///
    /// # Errors
    /// [`MockError::Read`] when the file cannot be read, [`MockError::Spec`] when it is
    /// invalid.
    pub fn from_spec_file(path: impl AsRef<Path>) -> Result<MockProvider, MockError> {
        let path = path.as_ref();
        let label = path.display().to_string();
        let source = std::fs::read_to_string(path).map_err(|source| MockError::Read {
            path: label.clone(),
            source,
        })?;
        MockProvider::from_spec(&source, &label)
    }

    /// The value the credential (or settable parameter) `name` must have; without it a
    /// credential must be `mock-<name>`. An unknown name fails [`start`](Self::start).
    pub fn credential(mut self, name: &str, value: impl Into<String>) -> MockProvider {
        let value = value.into();
        match self.values.iter_mut().find(|(n, _)| n == name) {
            Some(entry) => entry.1 = value,
            None => self.values.push((name.to_owned(), value)),
        }
        self
    }

    /// The lifetime of the tokens the mock issues (whole seconds; default one hour).
    pub fn lifetime(mut self, lifetime: Duration) -> MockProvider {
        self.lifetime = lifetime;
        self
    }

    /// The loopback port to listen on (default 0: any free port).
    pub fn port(mut self, port: u16) -> MockProvider {
        self.port = port;
        self
    }

    /// The plan the mock serves.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Starts serving on 127.0.0.1; the server stops when the returned handle is dropped.
    /// Must be called inside a Tokio runtime.
    ///
    /// # Errors
    /// [`MockError::UnknownValue`] for a configured name the spec does not declare,
    /// [`MockError::Bind`] when the port cannot be bound.
    pub async fn start(self) -> Result<MockServer, MockError> {
        let expected = self.expected()?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, self.port))
            .await
            .map_err(|source| MockError::Bind {
                port: self.port,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| MockError::Bind {
            port: self.port,
            source,
        })?;
        let shared = Arc::new(Shared {
            route: Route::from_template(&self.plan.url),
            redactor: Redactor::new(&self.plan, &expected),
            expected,
            lifetime: self.lifetime,
            plan: self.plan,
            state: Mutex::new(State::default()),
        });
        let task = tokio::spawn(server::serve(listener, shared.clone()));
        Ok(MockServer { shared, addr, task })
    }

    /// The value each slot must have: configured, the default of a credential, or `None`
    /// (any value) for variables and unconfigured parameters.
    fn expected(&self) -> Result<Vec<Option<String>>, MockError> {
        let plan = &self.plan;
        if let Some((name, _)) = self.values.iter().find(|(name, _)| {
            plan.slot_index(name)
                .is_none_or(|i| plan.slots[i].kind == SlotKind::Variable)
        }) {
            return Err(MockError::UnknownValue {
                name: name.clone(),
                provider: plan.name.to_string(),
            });
        }
        Ok(plan
            .slots
            .iter()
            .map(|slot| {
                let configured = self.values.iter().find(|(n, _)| *n == slot.name);
                match (configured, slot.kind) {
                    (Some((_, v)), _) => Some(v.clone()),
                    (None, SlotKind::Credential) => Some(format!("mock-{}", slot.name)),
                    (None, _) => None,
                }
            })
            .collect())
    }
}

/// A running mock token endpoint. Dropping it stops the server and closes its
/// connections.
pub struct MockServer {
    shared: Arc<Shared>,
    addr: SocketAddr,
    task: JoinHandle<()>,
}

impl fmt::Debug for MockServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockServer")
            .field("provider", &self.shared.plan.name)
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl MockServer {
    /// The address the mock listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:<port>`: give it to the client builder's `base_url`, or to a URL
    /// variable that is a whole base URL (`api_url`).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `127.0.0.1:<port>`: for a URL variable that is a host (`host`), together with
    /// `base_url`, since the spec's scheme is https.
    pub fn host(&self) -> String {
        self.addr.to_string()
    }

    /// The token endpoint's URL (the spec's path on [`base_url`](Self::base_url)), for curl.
    pub fn url(&self) -> String {
        format!("{}{}", self.base_url(), self.shared.route.path())
    }

    /// The value the mock expects for credential or parameter `name`; `None` when any value
    /// is accepted or the spec has no such name.
    pub fn credential(&self, name: &str) -> Option<&str> {
        let i = self.shared.plan.slot_index(name)?;
        self.shared.expected.get(i)?.as_deref()
    }

    /// Every credential and configured parameter with the value the mock expects, in the
    /// spec's order.
    pub fn credentials(&self) -> Vec<(&str, &str)> {
        let plan = &self.shared.plan;
        plan.slots
            .iter()
            .zip(&self.shared.expected)
            .filter_map(|(slot, v)| Some((&*slot.name, v.as_deref()?)))
            .collect()
    }

    /// Makes the next `n` requests (after any faults already queued) get `fault` instead of
    /// the normal answer; `usize::MAX` means from now on.
    pub fn fail_next(&self, n: usize, fault: Fault) {
        self.shared.state().faults.push(n, fault);
    }

    /// Drops every queued fault: the mock behaves again.
    pub fn clear_faults(&self) {
        self.shared.state().faults.clear();
    }

    /// How many requests the mock has received, on any path.
    pub fn request_count(&self) -> usize {
        self.shared.state().requests.len()
    }

    /// Every request received so far, in order, secrets redacted.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.state().requests.clone()
    }

    /// The access tokens the mock has handed out in usable responses, in order: what the
    /// client under test should be sending to APIs.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.shared.state().issued.clone()
    }
}
