//! Hostile token responses over real HTTP on loopback: whatever a token endpoint answers
//! (odd statuses and headers, mutated token responses of each bundled spec's shape, wrong
//! types, deep nesting, huge or negative lifetimes, invalid UTF-8, truncated or empty
//! bodies), `fetch_token` and `access_token` return a token or a typed error, never panic or
//! hang, and no error's Display or Debug holds a configured secret.
//!
//! Seeded and reproducible: `TOKENSPEC_FUZZ_SEED` (decimal or `0x` hex) and
//! `TOKENSPEC_FUZZ_COUNT` override the defaults; the seed and count are printed, and a
//! failure names the input's index and bytes.
//!
//! One raw TCP server serves every input (axum would refuse to send a broken response): the
//! test writes the next answer into it and then asks the clients, which were built once.

mod common;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{builder, bundled};
use serde_json::{Value, json};
use tokenspec_core::__private::{Engine, EngineError};
use tokenspec_core::RetryPolicy;
use tokenspec_core::clock::ManualClock;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::TcpListener;

const DEFAULT_SEED: u64 = 0x7E57_DEC0_DE5E_ED01;
/// About 12 s in a debug build on two cores (300 to 350 inputs a second).
const DEFAULT_COUNT: usize = 4_000;
/// Far beyond any answer on loopback; only a hang reaches it.
const HANG: Duration = Duration::from_secs(10);

/// The configured values; none may appear in an error.
const SECRETS: &[(&str, &str)] = &[
    ("secret_key", "fz-weir-secret-9d2b71"),
    ("api_key", "fz-api-key-51c0e8"),
    ("api_secret", "fz-apimw-secret-0f6a3d"),
    ("client_secret", "fz-client-secret-77e4c2"),
];
const CLIENT_ID: &str = "fz-client-id-3a19";

/// The seeded generator (fastrand's wyrand): the same seed replays the same inputs.
struct Rng(fastrand::Rng);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0.u64(..)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.0.usize(..n) }
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

fn env_number(var: &str) -> Option<u64> {
    let text = std::env::var(var).ok()?;
    match text.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => text.parse().ok(),
    }
}

/// A TCP server on 127.0.0.1 that reads each request and answers it with the bytes last
/// programmed, then closes the connection (so a body without length ends there).
struct RawServer {
    url: String,
    answer: Arc<Mutex<Arc<Vec<u8>>>>,
}

impl RawServer {
    async fn start() -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let answer: Arc<Mutex<Arc<Vec<u8>>>> = Arc::default();
        let programmed = answer.clone();
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let bytes = programmed.lock().expect("not poisoned").clone();
                tokio::spawn(async move {
                    // Read the whole request first: closing with unread bytes resets the
                    // connection, and the client would see that instead of the answer.
                    if read_request(&mut stream).await.is_ok() {
                        let _ = stream.write_all(&bytes).await;
                        let _ = stream.shutdown().await;
                    }
                });
            }
        });
        RawServer { url, answer }
    }

    fn program(&self, bytes: Vec<u8>) {
        *self.answer.lock().expect("not poisoned") = Arc::new(bytes);
    }
}

/// Reads a request's head and, by its `content-length`, its body.
async fn read_request(stream: &mut tokio::net::TcpStream) -> std::io::Result<()> {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        seen.extend_from_slice(&buf[..n]);
        if let Some(i) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&seen[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let mut have = seen.len() - head_end;
    while have < length {
        let n = stream.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        have += n;
    }
    Ok(())
}

/// A client of one bundled spec: its name, the shapes of its success and error documents,
/// and two engines on the server (one attempt, and retries with a tiny backoff).
struct Client {
    spec: &'static str,
    success: Value,
    error: Value,
    /// The root arrives as a string holding JSON (skauth).
    root_string: Option<&'static str>,
    once: Engine,
    retrying: Engine,
    /// The retrying engine's clock, moved past every token's expiry between inputs.
    clock: ManualClock,
    /// The secret values it was configured with, which a provider may echo.
    secrets: Vec<&'static str>,
}

fn secret(name: &str) -> &'static str {
    SECRETS
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| *v)
        .unwrap_or(CLIENT_ID)
}

fn clients(url: &str) -> Vec<Client> {
    let token = "fz-token";
    let oauth = json!({"access_token": token, "token_type": "Bearer", "expires_in": 3600});
    let oauth_error = json!({"error": "invalid_client", "error_description": "no"});
    let shapes: [(&'static str, Value, Value, Option<&'static str>); 5] = [
        (
            "weir",
            json!({"status": "success", "data": {"accessToken": token, "tokenType": "Bearer", "expiresIn": 3600}}),
            json!({"status": "error", "error": {"code": "INVALID_CREDENTIALS", "message": "m", "details": "d"}}),
            None,
        ),
        (
            "apimw",
            json!({"success": true, "data": {"access_token": token, "token_type": "Bearer", "expires_in": 3600, "refresh_token": "r"}}),
            json!({"success": false, "error": {"code": "INVALID_CREDENTIALS", "message": "m"}}),
            None,
        ),
        (
            "skauth",
            oauth.clone(),
            json!({"error": {"code": "401021", "message": "m", "code_reason": "r"}}),
            Some("data"),
        ),
        ("weavy", oauth.clone(), oauth_error.clone(), None),
        ("weightron", oauth, oauth_error, None),
    ];
    // Retry-After past `max_elapsed` is returned, not waited, so odd values cost nothing.
    let tiny = RetryPolicy::default()
        .with_max_attempts(2)
        .with_backoff(Duration::from_millis(1), Duration::from_millis(2))
        .with_max_elapsed(Duration::from_millis(50));
    shapes
        .into_iter()
        .map(|(spec, success, error, root_string)| {
            let mut plan = (*bundled(spec)).clone();
            // Weir's client-side limit (10 a minute) would refuse most inputs unsent.
            plan.rate_limit = None;
            let plan = Arc::new(plan);
            let values: Vec<(&str, &str)> = plan
                .slots
                .iter()
                .filter_map(|slot| match &*slot.name {
                    "api_url" => Some(("api_url", url)),
                    "host" => None,
                    _ if slot.default.is_some() => None,
                    name => Some((&*slot.name, secret(name))),
                })
                .collect();
            let clock = ManualClock::new();
            let engine = |policy: RetryPolicy, clock: Option<&ManualClock>| {
                let mut b = builder(&plan, &values)
                    .retry(policy)
                    .timeouts(Duration::from_secs(2), Duration::from_secs(3));
                if spec == "weavy" {
                    b = b.set(plan.slot_index("host").expect("host"), "h.example");
                }
                if spec != "skauth" {
                    b = b.base_url(url.to_owned());
                }
                if let Some(clock) = clock {
                    b = b.clock(Arc::new(clock.clone()));
                }
                b.build().expect("fuzz client builds")
            };
            let secrets = plan
                .slots
                .iter()
                .filter(|slot| slot.secret)
                .map(|slot| secret(&slot.name))
                .collect();
            Client {
                spec,
                success,
                error,
                root_string,
                once: engine(RetryPolicy::none(), None),
                retrying: engine(tiny, Some(&clock)),
                clock,
                secrets,
            }
        })
        .collect()
}

/// Values that break decoders, written as JSON text (some are not valid JSON on purpose).
const ODD_VALUES: &[&str] = &[
    "null",
    "true",
    "0",
    "-0",
    "-1",
    "-3600",
    "3.5",
    "1e309",
    "-1e309",
    "1e-400",
    "NaN",
    "Infinity",
    "-Infinity",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "123456789012345678901234567890",
    "\"3600\"",
    "\"-1\"",
    "\"NaN\"",
    "\"1e400\"",
    "\"\"",
    "\" \"",
    "\"\\u0000\"",
    "\"\\ud800\"",
    "\"Bearer\\r\\nX: y\"",
    "[]",
    "{}",
    "[1,2]",
    "{\"a\":1}",
];

/// Bytes that make text invalid UTF-8 (a lone continuation, a surrogate), or merely odd
/// (NUL, a byte order mark).
const BAD_BYTES: &[&[u8]] = &[b"\xff", b"\xc3", b"\xed\xa0\x80", b"\0", b"\xef\xbb\xbf"];

/// Bodies that are no token document at all.
const WHOLE_BODIES: &[&[u8]] = &[b"", b"null", b"[]", b"\"x\"", b"<html>", b"a=b&c=d"];

const STATUSES: &[u16] = &[
    200, 200, 200, 200, 201, 202, 204, 206, 299, 301, 302, 304, 307, 400, 401, 403, 404, 408, 418,
    429, 429, 500, 502, 503, 504, 599, 600, 999,
];

const CONTENT_TYPES: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=latin1",
    "text/plain",
    "text/html",
    "application/x-www-form-urlencoded",
    "application/problem+json",
    "",
    ";;;",
];

const RETRY_AFTERS: &[&str] = &[
    "0",
    "1",
    "-1",
    "1.5",
    " 3 ",
    "3600",
    "18446744073709551615",
    "99999999999999999999999",
    "NaN",
    "",
    "soon",
    "Wed, 21 Oct 2015 07:28:00 GMT",
    "Thu, 01 Jan 1970 00:00:00 GMT",
    "Fri, 31 Dec 9999 23:59:59 GMT",
    "Mon, 32 Foo 2024 99:99:99 GMT",
];

/// A JSON value changed at one random place: a value replaced by an odd one (through a
/// marker replaced in the text), a key removed or added, or nesting deepened.
fn mutate_doc(rng: &mut Rng, doc: &mut Value) {
    match doc {
        Value::Object(map) if !map.is_empty() && !rng.chance(4) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = rng.pick(&keys).clone();
            match rng.below(6) {
                0 => {
                    map.remove(&key);
                }
                1 => {
                    map.insert(format!("{key}_"), Value::String("__ODD__".into()));
                }
                _ => {
                    if let Some(child) = map.get_mut(&key) {
                        mutate_doc(rng, child);
                    }
                }
            }
        }
        other => {
            *other = if rng.chance(8) {
                Value::String("__DEEP__".into())
            } else {
                Value::String("__ODD__".into())
            }
        }
    }
}

fn body_text(rng: &mut Rng, client: &Client) -> Vec<u8> {
    let mut doc = if rng.chance(4) {
        client.error.clone()
    } else {
        client.success.clone()
    };
    for _ in 0..rng.below(3) {
        mutate_doc(rng, &mut doc);
    }
    let odd = match rng.pick(&client.secrets) {
        // A provider echoing what it was sent, in a sentence with a line break.
        secret if rng.chance(6) => format!("\"secret {secret} is wrong\\n(for {secret})\""),
        _ => (*rng.pick(ODD_VALUES)).to_owned(),
    };
    let depth = 1 + rng.below(3000);
    let deep = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
    let render = |doc: &Value| {
        doc.to_string()
            .replace("\"__ODD__\"", &odd)
            .replace("\"__DEEP__\"", &deep)
    };
    let mut text = match client.root_string {
        // The root as a string holding JSON, and sometimes as the object itself.
        Some(root) if !rng.chance(4) => json!({ root: render(&doc) }).to_string(),
        Some(root) => format!("{{\"{root}\":{}}}", render(&doc)),
        None => render(&doc),
    }
    .into_bytes();
    match rng.below(12) {
        0 => text.truncate(rng.below(text.len() + 1)),
        1 => {
            let at = rng.below(text.len() + 1);
            let bad = *rng.pick(BAD_BYTES);
            text.splice(at..at, bad.iter().copied());
        }
        2 => {
            let at = rng.below(text.len().max(1));
            if let Some(b) = text.get_mut(at) {
                *b = rng.next() as u8;
            }
        }
        3 => text = rng.pick(WHOLE_BODIES).to_vec(),
        4 if rng.chance(8) => text = vec![b' '; 70 * 1024],
        _ => {}
    }
    text
}

/// A whole HTTP response: status line, headers, framing (right, lying, chunked or none).
fn answer(rng: &mut Rng, client: &Client) -> Vec<u8> {
    let body = body_text(rng, client);
    // Half are 200, so mutated successes reach the decoder's every path.
    let status = if rng.chance(2) {
        200
    } else {
        *rng.pick(STATUSES)
    };
    let mut head = if rng.chance(40) {
        rng.pick(&[
            "HTTP/1.1 abc Nope\r\n",
            "HTTP/1.1 1000 X\r\n",
            "garbage\r\n",
            "HTTP/1.1 200\r\n",
        ])
        .to_string()
    } else {
        format!("HTTP/1.1 {status} X\r\n")
    };
    if !rng.chance(6) {
        let content_type = if rng.chance(2) {
            "application/json"
        } else {
            rng.pick(CONTENT_TYPES)
        };
        head.push_str(&format!("content-type: {content_type}\r\n"));
    }
    if rng.chance(3) {
        head.push_str(&format!("retry-after: {}\r\n", rng.pick(RETRY_AFTERS)));
    }
    if rng.chance(20) {
        head.push_str("x-bad: \x01\x7f é\r\n");
    }
    head.push_str("connection: close\r\n");
    let mut bytes;
    match rng.below(8) {
        0 => {
            head.push_str(&format!(
                "content-length: {}\r\n\r\n",
                body.len() + 1 + rng.below(100)
            ));
            bytes = head.into_bytes();
            bytes.extend_from_slice(&body);
        }
        1 if !body.is_empty() => {
            head.push_str(&format!(
                "content-length: {}\r\n\r\n",
                rng.below(body.len())
            ));
            bytes = head.into_bytes();
            bytes.extend_from_slice(&body);
        }
        2 => {
            head.push_str("transfer-encoding: chunked\r\n\r\n");
            bytes = head.into_bytes();
            for chunk in body.chunks(1 + rng.below(64)) {
                bytes.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
                bytes.extend_from_slice(chunk);
                bytes.extend_from_slice(b"\r\n");
            }
            if !rng.chance(4) {
                bytes.extend_from_slice(b"0\r\n\r\n");
            }
        }
        3 => {
            // No length: the body ends when the connection closes.
            head.push_str("\r\n");
            bytes = head.into_bytes();
            bytes.extend_from_slice(&body);
        }
        _ => {
            head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
            bytes = head.into_bytes();
            bytes.extend_from_slice(&body);
        }
    }
    bytes
}

/// The input, printable: escaped and cut to 600 bytes.
fn show(bytes: &[u8]) -> String {
    let cut = &bytes[..bytes.len().min(600)];
    format!("{} ({} bytes)", cut.escape_ascii(), bytes.len())
}

/// What a call ended in, for the closing tally.
fn kind(result: &Result<(), EngineError>) -> &'static str {
    match result {
        Ok(()) => "token",
        Err(EngineError::Provider { .. }) => "provider",
        Err(EngineError::Config(_)) => "config",
        Err(EngineError::Transport(_)) => "transport",
        Err(EngineError::Decode(_)) => "decode",
        Err(EngineError::Unexpected(_)) => "unexpected",
        Err(EngineError::RateLimited(_)) => "rate_limited",
    }
}

fn check(result: Result<(), EngineError>, what: &str) {
    if let Err(error) = result {
        let texts = [error.to_string(), format!("{error:?}")];
        for (name, value) in SECRETS.iter().chain([&("client_id", CLIENT_ID)]) {
            for text in &texts {
                assert!(!text.contains(value), "{what}: `{name}` shown in: {text}");
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_token_responses_end_in_a_token_or_a_typed_error() {
    let seed = env_number("TOKENSPEC_FUZZ_SEED").unwrap_or(DEFAULT_SEED);
    let count = env_number("TOKENSPEC_FUZZ_COUNT").map_or(DEFAULT_COUNT, |n| n as usize);
    println!(
        "decode_fuzz: seed {seed:#x}, {count} inputs (TOKENSPEC_FUZZ_SEED, TOKENSPEC_FUZZ_COUNT)"
    );
    let server = RawServer::start().await;
    let clients = clients(&server.url);
    let mut rng = Rng(fastrand::Rng::with_seed(seed));
    let mut outcomes: BTreeMap<&str, usize> = BTreeMap::new();
    let start = Instant::now();
    for index in 0..count {
        let client = &clients[rng.below(clients.len())];
        let bytes = answer(&mut rng, client);
        let what = format!(
            "seed {seed:#x} input {index} ({}): {}",
            client.spec,
            show(&bytes)
        );
        server.program(bytes);

        let fetched = tokio::time::timeout(HANG, client.once.fetch_token())
            .await
            .unwrap_or_else(|_| panic!("fetch_token hung on {what}"));
        let cached = tokio::time::timeout(HANG, client.retrying.access_token())
            .await
            .unwrap_or_else(|_| panic!("access_token hung on {what}"));
        // The next input renews: a cached token would be served without asking. Past the
        // rejection pause by the engine's clock, so the invalidation is not refused.
        client.clock.advance(Duration::from_secs(7200));
        if let Ok(token) = &cached {
            client.retrying.invalidate(token);
        }
        for result in [fetched.map(drop), cached.map(drop)] {
            *outcomes.entry(kind(&result)).or_default() += 1;
            check(result, &what);
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "decode_fuzz: {count} inputs in {secs:.1} s ({:.0} inputs/s); outcomes {outcomes:?}",
        count as f64 / secs
    );
}
