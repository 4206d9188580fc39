//! The thundering herd: how many token requests reach the provider when 10,000 callers ask
//! for a token at once and none is cached.
//!
//! 10,000 tasks wait behind a `tokio::sync::Barrier` on a multi-thread runtime, then each asks
//! once for a token, against a local Weavy server (`tokenspec_tests::servers::weavy`) that
//! counts the token requests it receives:
//! - `tokenspec`: the built-in `Weavy` client's `access_token()`, one fresh client shared by
//!   all tasks (single flight: the goal is exactly 1 request);
//! - `naive`: check-then-fetch, as users write it: read a
//!   `tokio::sync::RwLock<Option<(String, Instant)>>`, and on a miss fetch with reqwest and
//!   write the result; every caller that misses before the first write lands sends a request.
//!
//! Each runs on an empty cache and on an expired one (tokenspec's expiry driven by its
//! injected clock). How many naive callers miss before the first write lands depends on
//! scheduling and is bimodal: on an idle machine the first fetch often lands before the
//! other callers have checked (1 request), otherwise hundreds go out. A median hides that,
//! so each row shows the mean of several interleaved runs, with the range.
//!
//! Run: `cargo run --release -p tokenspec-bench --bin herd`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use tokenspec_bench::{Error, available_cores, median, print_header, weavy_token_by_hand};
use tokenspec_core::clock::ManualClock;
use tokenspec_core::providers::Weavy;
use tokenspec_tests::servers::weavy;
use tokio::sync::{Barrier, RwLock};
use tokio::task::JoinSet;

/// Callers in the herd.
const CALLERS: usize = 10_000;
/// Runs of each scenario; the mean is shown, with the range.
const REPEATS: usize = 9;

/// Check-then-fetch behind a read-write lock, with a reused reqwest client.
struct Naive {
    cache: RwLock<Option<(String, Instant)>>,
    http: reqwest::Client,
    token_url: String,
}

impl Naive {
    fn new(base_url: &str, cached: Option<(String, Instant)>) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .no_proxy()
            .build()?;
        Ok(Naive {
            cache: RwLock::new(cached),
            http,
            token_url: format!("{base_url}{}", weavy::TOKEN_PATH),
        })
    }

    async fn access_token(&self) -> Result<String, Error> {
        if let Some((token, expires)) = &*self.cache.read().await
            && Instant::now() < *expires
        {
            return Ok(token.clone());
        }
        let fresh = weavy_token_by_hand(&self.http, &self.token_url).await?;
        let expires = Instant::now() + Duration::from_secs(fresh.expires_in);
        *self.cache.write().await = Some((fresh.access_token.clone(), expires));
        Ok(fresh.access_token)
    }
}

fn main() -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run())
}

/// Who answers the herd, and from which cache state.
#[derive(Clone, Copy)]
enum Scenario {
    Tokenspec { expired: bool },
    Naive { expired: bool },
}

const SCENARIOS: [Scenario; 4] = [
    Scenario::Tokenspec { expired: false },
    Scenario::Naive { expired: false },
    Scenario::Tokenspec { expired: true },
    Scenario::Naive { expired: true },
];

impl Scenario {
    fn client(self) -> &'static str {
        match self {
            Scenario::Tokenspec { .. } => "tokenspec",
            Scenario::Naive { .. } => "naive",
        }
    }

    fn cache(self) -> &'static str {
        let (Scenario::Tokenspec { expired } | Scenario::Naive { expired }) = self;
        if expired { "expired" } else { "empty" }
    }

    /// Runs one herd against a fresh server and a fresh client; returns the token requests
    /// the herd caused.
    async fn run(self) -> Result<(usize, Outcome), Error> {
        let server = weavy::start().await?;
        let outcome = match self {
            Scenario::Tokenspec { expired } => {
                let clock = ManualClock::new();
                let client = Weavy::builder()
                    .host("weavy.example.com")
                    .client_id(weavy::CLIENT_ID)
                    .client_secret(weavy::CLIENT_SECRET)
                    .base_url(server.url())
                    .clock(clock.clone())
                    .build()?;
                if expired {
                    // Cache a token, then move the client's clock past its hour of life.
                    client.access_token().await?;
                    clock.advance(Duration::from_secs(2 * 3600));
                }
                herd(Arc::new(client), |c: Arc<Weavy>| async move {
                    c.access_token().await.map(drop).map_err(Error::from)
                })
                .await
            }
            Scenario::Naive { expired } => {
                // Expired a moment ago: the same race as an empty cache.
                let cached = expired.then(|| ("old-token".to_owned(), Instant::now()));
                let naive = Naive::new(&server.url(), cached)?;
                herd(Arc::new(naive), |n: Arc<Naive>| async move {
                    n.access_token().await.map(drop)
                })
                .await
            }
        };
        let before = usize::from(matches!(self, Scenario::Tokenspec { expired: true }));
        Ok((server.token_request_count() - before, outcome))
    }
}

async fn run() -> Result<(), Error> {
    // Scheduling decides how many naive callers miss before the first write lands, so every
    // scenario runs several times, interleaved, and the mean is shown with the range.
    let mut results: [Vec<(usize, Outcome)>; SCENARIOS.len()] = Default::default();
    for _ in 0..REPEATS {
        for (i, scenario) in SCENARIOS.iter().enumerate() {
            results[i].push(scenario.run().await?);
        }
    }

    print_header(&format!(
        "thundering herd: token requests per {CALLERS} concurrent callers"
    ));
    println!("cores: {}, {REPEATS} runs per row", available_cores());
    println!(
        "{:<10} {:<8} {:>8} {:>11} {:>9} {:>8}",
        "client", "cache", "mean req", "(min-max)", "failures", "wall ms"
    );
    for (scenario, runs) in SCENARIOS.iter().zip(results) {
        let requests: Vec<usize> = runs.iter().map(|(r, _)| *r).collect();
        let failures: usize = runs.iter().map(|(_, o)| o.failures).sum();
        let wall = median(
            runs.iter()
                .map(|(_, o)| o.wall.as_secs_f64() * 1e3)
                .collect(),
        );
        let (min, max) = (
            requests.iter().min().copied().unwrap_or(0),
            requests.iter().max().copied().unwrap_or(0),
        );
        let range = format!("({min}-{max})");
        println!(
            "{:<10} {:<8} {:>8.1} {range:>11} {failures:>9} {wall:>8.1}",
            scenario.client(),
            scenario.cache(),
            requests.iter().sum::<usize>() as f64 / requests.len().max(1) as f64,
        );
    }
    Ok(())
}

/// What one herd did: failed callers and wall time.
struct Outcome {
    failures: usize,
    wall: Duration,
}

/// Releases [`CALLERS`] tasks at once through a barrier, each calling `call` once on the
/// shared `client`.
async fn herd<C, F, Fut>(client: Arc<C>, call: F) -> Outcome
where
    C: Send + Sync + 'static,
    F: Fn(Arc<C>) -> Fut + Copy + Send + 'static,
    Fut: Future<Output = Result<(), Error>> + Send,
{
    let barrier = Arc::new(Barrier::new(CALLERS + 1));
    let mut tasks = JoinSet::new();
    for _ in 0..CALLERS {
        let barrier = Arc::clone(&barrier);
        let client = Arc::clone(&client);
        tasks.spawn(async move {
            barrier.wait().await;
            call(client).await
        });
    }
    // The herd starts when the last task is parked at the barrier.
    barrier.wait().await;
    let start = Instant::now();
    let mut failures = 0;
    while let Some(joined) = tasks.join_next().await {
        if !matches!(joined, Ok(Ok(()))) {
            failures += 1;
        }
    }
    Outcome {
        failures,
        wall: start.elapsed(),
    }
}
