//! `tokenspec mock <spec> [--port N]`: serve the spec's token endpoint on loopback until
//! Ctrl-C, for trying a spec (or `tokenspec token`) by hand with curl.
//!
//! The server is tokenspec-core's `testing::MockProvider`, the one users' tests start: it
//! accepts only the request the spec describes, with the credentials printed at start-up.

use std::future::Future;
use std::io::{self, Write};
use std::path::PathBuf;

use tokenspec_core::__private::{BodyEncoding, Plan, SlotKind, Source, Target};
use tokenspec_core::testing::{MockError, MockProvider, MockServer};

use crate::unknown_setter::UnknownSetter;
use crate::{Status, load};

/// Arguments of `tokenspec mock`.
#[derive(Debug, Clone, clap::Args)]
pub struct MockArgs {
    /// The spec file.
    #[arg(value_name = "SPEC")]
    pub spec: PathBuf,
    /// The loopback port to listen on (default: any free port).
    #[arg(long, default_value_t = 0)]
    pub port: u16,
    /// The value a credential or settable parameter must have: `name=value` (default for a
    /// credential: `mock-<name>`).
    #[arg(long = "set", value_name = "NAME=VALUE")]
    pub set: Vec<String>,
}

/// Starts the mock, prints its URL, the credentials it expects and a curl command to `out`,
/// then serves until `shutdown` completes (Ctrl-C for the binary) and prints how many
/// requests it answered.
///
/// [`Status::Usage`] for an unreadable spec, a malformed or unknown `--set`, or a port that
/// cannot be bound; [`Status::Failure`] for a spec with errors.
pub async fn mock(
    args: &MockArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
    shutdown: impl Future<Output = ()>,
) -> io::Result<Status> {
    let spec = match load::load(&args.spec, err)? {
        Ok(spec) => spec,
        Err(status) => return Ok(status),
    };
    let mut provider = MockProvider::for_plan(&spec.plan).port(args.port);
    // The mock is told credentials and parameters; URL variables only shape the client's URL.
    let settable: Vec<String> = (spec.plan.slots.iter())
        .filter(|slot| slot.kind != SlotKind::Variable)
        .map(|slot| slot.name.to_string())
        .collect();
    for arg in &args.set {
        // Neither the argument nor its name is shown: either may be a pasted secret.
        let Some((name, value)) = arg.split_once('=') else {
            writeln!(
                err,
                "error: a `--set` argument has no `=`: write `--set name=value`"
            )?;
            return Ok(Status::Usage);
        };
        if !settable.iter().any(|s| s == name) {
            writeln!(err, "error: {}", UnknownSetter::new(name, settable))?;
            return Ok(Status::Usage);
        }
        provider = provider.credential(name, value);
    }
    let server = match provider.start().await {
        Ok(server) => server,
        Err(e @ (MockError::UnknownValue { .. } | MockError::Bind { .. })) => {
            writeln!(err, "error: {e}")?;
            return Ok(Status::Usage);
        }
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(Status::Failure);
        }
    };
    banner(&server, &spec.plan, out)?;
    out.flush()?;
    shutdown.await;
    writeln!(out, "stopped after {} request(s)", server.request_count())?;
    Ok(Status::Success)
}

fn banner(server: &MockServer, plan: &Plan, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, "mock `{}` token endpoint: {}", plan.name, server.url())?;
    writeln!(
        out,
        "  base URL: {} (a client's base_url, or a URL variable)",
        server.base_url()
    )?;
    for (name, value) in server.credentials() {
        writeln!(out, "  {name} = {value}")?;
    }
    writeln!(out, "try it:\n  {}", curl(server, plan))?;
    writeln!(out, "press Ctrl-C to stop")
}

/// A curl command sending the request the mock accepts. The mock's default values need no
/// form-encoding, so `-u` sends them as a client following RFC 6749 would.
fn curl(server: &MockServer, plan: &Plan) -> String {
    let value = |source: &Source| match source {
        Source::Fixed(text) => text.to_string(),
        Source::Slot(i) => {
            let slot = plan.slots.get(*i);
            let name = slot.map_or("", |s| &*s.name);
            server
                .credential(name)
                .map(str::to_owned)
                .or_else(|| slot.and_then(|s| s.default.as_deref().map(str::to_owned)))
                .unwrap_or_else(|| format!("<{name}>"))
        }
    };
    let mut parts = vec![
        "curl".to_owned(),
        "-X".to_owned(),
        plan.method.as_str().to_owned(),
    ];
    let (mut user, mut password) = (String::new(), String::new());
    let mut url = tokenspec_core::reqwest::Url::parse(&server.url()).ok();
    let mut json = Vec::new();
    for p in plan.placements.iter() {
        let v = value(&p.source);
        match &p.target {
            Target::BasicUser => user = v,
            Target::BasicPassword => password = v,
            Target::Header(name) => parts.extend(["-H".to_owned(), quote(&format!("{name}: {v}"))]),
            Target::Query(name) => {
                if let Some(url) = &mut url {
                    url.query_pairs_mut().append_pair(name, &v);
                }
            }
            Target::Body(name) if plan.body == BodyEncoding::Json => json.push((name.clone(), v)),
            Target::Body(name) => {
                parts.extend(["--data-urlencode".to_owned(), quote(&format!("{name}={v}"))]);
            }
        }
    }
    if !user.is_empty() || !password.is_empty() {
        parts.extend(["-u".to_owned(), quote(&format!("{user}:{password}"))]);
    }
    if plan.body == BodyEncoding::Json {
        let has_type = plan.placements.iter().any(
            |p| matches!(&p.target, Target::Header(h) if h.eq_ignore_ascii_case("content-type")),
        );
        if !has_type {
            parts.extend(["-H".to_owned(), quote("Content-Type: application/json")]);
        }
        let object: tokenspec_core::JsonValue = json.into_iter().collect();
        parts.extend(["--data".to_owned(), quote(&object.to_string())]);
    }
    let url = url.map_or_else(|| server.url(), String::from);
    parts.push(quote(&url));
    parts.join(" ")
}

/// Single-quotes `text` for a POSIX shell.
fn quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use super::*;

    fn spec(name: &str) -> PathBuf {
        PathBuf::from(format!(
            "{}/../../specs/{name}.yaml",
            env!("CARGO_MANIFEST_DIR")
        ))
    }

    /// An `out` the test can read while the command still holds it.
    #[derive(Clone, Default)]
    struct Shared(Arc<Mutex<Vec<u8>>>);

    impl Shared {
        fn text(&self) -> String {
            String::from_utf8_lossy(&self.0.lock().expect("lock")).into_owned()
        }
    }

    impl Write for Shared {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.lock().expect("lock").extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn serves_the_printed_request_until_shutdown() {
        let args = MockArgs {
            spec: spec("weir"),
            port: 0,
            set: vec!["client_id=cli-client".to_owned()],
        };
        let (out, mut err) = (Shared::default(), Vec::new());
        let printed = out.clone();
        // Stands for Ctrl-C: polled once the banner is out, it sends what the banner says.
        let shutdown = async move {
            let text = printed.text();
            let url = text
                .lines()
                .next()
                .and_then(|l| l.rsplit(' ').next())
                .expect("url")
                .to_owned();
            let response = tokenspec_core::reqwest::Client::builder()
                .no_proxy()
                .build()
                .expect("http")
                .post(url)
                .basic_auth("cli-client", Some("mock-secret_key"))
                .header("content-type", "application/json")
                .send()
                .await
                .expect("send");
            assert_eq!(response.status().as_u16(), 200);
        };
        let status = mock(&args, &mut out.clone(), &mut err, shutdown)
            .await
            .expect("writable");
        assert_eq!(status, Status::Success);
        let text = out.text();
        assert!(
            text.starts_with("mock `weir` token endpoint: http://127.0.0.1:"),
            "{text}"
        );
        assert!(text.contains("client_id = cli-client"), "{text}");
        assert!(text.contains("secret_key = mock-secret_key"), "{text}");
        assert!(
            text.contains(
                "curl -X POST -H 'Content-Type: application/json' -u 'cli-client:mock-secret_key' 'http://127.0.0.1:"
            ),
            "{text}"
        );
        assert!(text.contains("stopped after 1 request(s)"), "{text}");
    }

    #[tokio::test]
    async fn unknown_or_malformed_values_are_usage_errors() {
        for set in ["nope=1", "client_id"] {
            let args = MockArgs {
                spec: spec("weir"),
                port: 0,
                set: vec![set.to_owned()],
            };
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let status = mock(&args, &mut out, &mut err, async {})
                .await
                .expect("writable");
            assert_eq!(status, Status::Usage, "{set}");
            assert!(!err.is_empty());
        }
    }
}
