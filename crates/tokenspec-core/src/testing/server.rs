//! The HTTP side of the mock: accepting connections on loopback and answering each request.
//!
//! hyper is used directly (not a router) because one fault needs what routers hide: a
//! service that fails makes hyper close the connection without an answer, which is exactly
//! a dropped connection.

use std::hash::{BuildHasher, RandomState};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokenspec_spec::plan::Plan;
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use url::form_urlencoded;

use super::check::{self, Reject, Rejection};
use super::fault::{Fault, FaultQueue};
use super::incoming::Incoming;
use super::record::{RecordedRequest, Redactor};
use super::reply::{self, Issued, Reply, Shape};
use super::route::Route;

/// The largest request body read; token requests are tiny.
const MAX_REQUEST: usize = 1024 * 1024;

/// Everything the request handler needs, shared by all connections.
#[derive(Debug)]
pub(crate) struct Shared {
    pub plan: Plan,
    pub route: Route,
    /// The value each slot must have; `None` accepts any.
    pub expected: Vec<Option<String>>,
    pub lifetime: Duration,
    pub redactor: Redactor,
    pub state: Mutex<State>,
}

/// What changes as requests come in.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub requests: Vec<RecordedRequest>,
    pub faults: FaultQueue,
    /// Access tokens handed out in usable responses, in order.
    pub issued: Vec<String>,
    /// Refresh tokens handed out, which a refresh grant may present.
    pub refresh_tokens: Vec<String>,
    serial: u64,
}

impl Shared {
    /// The state, even after a panic elsewhere poisoned the lock (the data stays coherent:
    /// every update is a single push or pop).
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// What to do with one request.
enum Action {
    Reply(Reply),
    Delay(Duration, Reply),
    Drop,
}

/// The error that makes hyper close the connection without answering.
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by the mock")
    }
}

impl std::error::Error for Dropped {}

/// Accepts connections until the task is aborted; aborting it drops the `JoinSet`, which
/// aborts every connection too.
pub(crate) async fn serve(listener: TcpListener, shared: Arc<Shared>) {
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors and the like: wait a little instead of spinning.
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        while connections.try_join_next().is_some() {}
        let shared = shared.clone();
        connections.spawn(async move {
            let service = service_fn(move |req| handle(shared.clone(), req));
            // An error ends only this connection (the client left, or a dropped-connection
            // fault).
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}

async fn handle(
    shared: Arc<Shared>,
    req: Request<hyper::body::Incoming>,
) -> Result<Response<Full<Bytes>>, Dropped> {
    let incoming = read(req).await?;
    let action = decide(&shared, &incoming);
    let reply = match action {
        Action::Reply(reply) => reply,
        Action::Delay(wait, reply) => {
            tokio::time::sleep(wait).await;
            reply
        }
        Action::Drop => return Err(Dropped),
    };
    Ok(response(reply))
}

async fn read(req: Request<hyper::body::Incoming>) -> Result<Incoming, Dropped> {
    let (parts, body) = req.into_parts();
    let body = Limited::new(body, MAX_REQUEST)
        .collect()
        .await
        .map_err(|_| Dropped)?
        .to_bytes();
    Ok(Incoming {
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: form_urlencoded::parse(parts.uri.query().unwrap_or_default().as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
        headers: parts
            .headers
            .iter()
            .map(|(n, v)| {
                let value = String::from_utf8_lossy(v.as_bytes()).into_owned();
                (n.as_str().to_owned(), value)
            })
            .collect(),
        body: body.to_vec(),
    })
}

/// Checks and records the request and picks the answer, all under one lock so the count,
/// the record and the fault consumed always agree.
fn decide(shared: &Shared, req: &Incoming) -> Action {
    let plan = &shared.plan;
    let mut state = shared.state();
    let verdict = check::check(plan, &shared.route, &shared.expected, req).and_then(|ok| match &ok
        .refresh_token
    {
        Some(t) if !state.refresh_tokens.contains(t) => Err(Rejection {
            kind: Reject::InvalidGrant,
            reason: "the refresh token was not issued by this mock".to_owned(),
        }),
        _ => Ok(ok),
    });
    let fault = state.faults.take();
    let rejection = verdict.as_ref().err().map(|r| r.reason.clone());
    let record = shared.redactor.record(req, rejection, fault.clone());
    state.requests.push(record);

    let scope = verdict.as_ref().ok().and_then(|a| a.scope.clone());
    let mint = |state: &mut State, usable: bool| {
        issue(plan, shared.lifetime, state, scope.clone(), usable)
    };
    let normal = |state: &mut State| match &verdict {
        Ok(_) => reply::success(plan, &mint(state, true), Shape::Normal),
        Err(r) => reply::rejection(plan, r.kind, &r.reason),
    };
    let Some(fault) = fault else {
        return Action::Reply(normal(&mut state));
    };
    Action::Reply(match fault {
        Fault::Delay(wait) => return Action::Delay(wait, normal(&mut state)),
        Fault::DropConnection => return Action::Drop,
        Fault::TooManyRequests { retry_after } => {
            let mut r = reply::status_error(plan, 429, "too many token requests (mock fault)");
            r.headers.push(("retry-after", retry_after.to_string()));
            r
        }
        Fault::ServerError { status } => {
            let status = if (100..=599).contains(&status) {
                status
            } else {
                500
            };
            reply::status_error(plan, status, "internal error (mock fault)")
        }
        Fault::HtmlPage { status } => reply::html(if (100..=599).contains(&status) {
            status
        } else {
            502
        }),
        Fault::TruncatedJson => reply::truncated(plan, &mint(&mut state, false)),
        Fault::WrongTypes => reply::success(plan, &mint(&mut state, false), Shape::WrongTypes),
        Fault::MalformedToken => reply::success(plan, &mint(&mut state, false), Shape::NoToken),
        Fault::Redirect => reply::redirect(),
        // Only an accepted request gets a token, expired or not.
        Fault::ExpiredToken => match &verdict {
            Ok(_) => reply::success(plan, &mint(&mut state, true), Shape::Expired),
            Err(r) => reply::rejection(plan, r.kind, &r.reason),
        },
    })
}

/// A fresh token (and refresh token, when the plan reads one); `usable` ones are remembered.
fn issue(
    plan: &Plan,
    lifetime: Duration,
    state: &mut State,
    scope: Option<String>,
    usable: bool,
) -> Issued {
    state.serial += 1;
    let serial = state.serial;
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    // Unique within the mock by the serial; the random part keeps two mocks (or two runs)
    // from issuing the same token, so a test cannot pass by accident on a stale token.
    let nonce = RandomState::new().hash_one((serial, nanos));
    let token = format!("mock-{}-{serial}-{nonce:016x}", plan.name);
    let refresh_token = plan
        .response
        .refresh_token
        .as_ref()
        .map(|_| format!("mock-refresh-{serial}-{nonce:016x}"));
    if usable {
        state.issued.push(token.clone());
        state.refresh_tokens.extend(refresh_token.clone());
    }
    Issued {
        token,
        refresh_token,
        lifetime_secs: lifetime.as_secs(),
        scope,
    }
}

fn response(reply: Reply) -> Response<Full<Bytes>> {
    let mut builder = Response::builder()
        .status(StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR));
    for (name, value) in &reply.headers {
        builder = builder.header(*name, value.as_str());
    }
    builder
        .body(Full::new(Bytes::from(reply.body)))
        .unwrap_or_else(|_| {
            // Only a header value the mock built itself could fail; answer plainly.
            let mut fallback = Response::new(Full::new(Bytes::new()));
            *fallback.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            fallback
        })
}
