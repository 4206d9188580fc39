//! A cold `fetch_token()` against what users would write otherwise, side by side.
//!
//! Three clients make the same client-credentials request to the same local Weavy server
//! (`tokenspec_tests::servers::weavy`), one full token request per call, interleaved (the
//! order rotates every iteration so none always goes first):
//! - `tokenspec`: the built-in `Weavy` client's `fetch_token()` (always requests, then caches);
//! - `reqwest`: hand-written reqwest code as a careful user writes it from Weavy's document: one
//!   reused `reqwest::Client` (no redirects, timeouts), the form body, the JSON token parsed;
//! - `oauth2`: the `oauth2` crate's client-credentials exchange (`AuthType::RequestBody`) over
//!   its reused reqwest client, redirects off as its docs advise.
//!
//! Each round reports the median latency per request of each client and its ratio to
//! hand-written reqwest; the last line is the median ratio over the rounds.
//!
//! Run: `cargo run --release -p tokenspec-bench --bin cold_fetch`.

use std::time::{Duration, Instant};

use oauth2::basic::BasicClient;
use oauth2::{
    AuthType, ClientId, ClientSecret, EndpointNotSet, EndpointSet, TokenResponse as _, TokenUrl,
};
use tokenspec_bench::{
    Error, WeavyToken, available_cores, median, print_header, weavy_token_by_hand,
};
use tokenspec_core::ExposeSecret as _;
use tokenspec_core::providers::Weavy;
use tokenspec_tests::servers::weavy;

/// Token requests per client in one round.
const ITERATIONS: usize = 2_000;
/// Requests per client before the first round (connections opened, code paths warm).
const WARMUP: usize = 100;
/// Rounds; the median of their ratios is the result.
const ROUNDS: usize = 3;
/// Timeouts of the baselines' HTTP clients: tokenspec's defaults.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The oauth2 crate's client with only the token endpoint set.
type OAuthClient =
    BasicClient<EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointSet>;

/// The three contenders, each with its reused HTTP client.
struct Contenders {
    tokenspec: Weavy,
    http: reqwest::Client,
    token_url: String,
    oauth: OAuthClient,
    oauth_http: oauth2::reqwest::Client,
}

const NAMES: [&str; 3] = ["tokenspec", "reqwest", "oauth2"];

impl Contenders {
    fn new(base_url: &str) -> Result<Self, Error> {
        let token_url = format!("{base_url}{}", weavy::TOKEN_PATH);
        let tokenspec = Weavy::builder()
            .host("weavy.example.com")
            .client_id(weavy::CLIENT_ID)
            .client_secret(weavy::CLIENT_SECRET)
            .base_url(base_url)
            .build()?;
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .no_proxy()
            .build()?;
        let oauth = BasicClient::new(ClientId::new(weavy::CLIENT_ID.to_owned()))
            .set_client_secret(ClientSecret::new(weavy::CLIENT_SECRET.to_owned()))
            .set_token_uri(TokenUrl::new(token_url.clone())?)
            .set_auth_type(AuthType::RequestBody);
        let oauth_http = oauth2::reqwest::Client::builder()
            .redirect(oauth2::reqwest::redirect::Policy::none())
            .connect_timeout(CONNECT_TIMEOUT)
            .timeout(REQUEST_TIMEOUT)
            .no_proxy()
            .build()?;
        Ok(Contenders {
            tokenspec,
            http,
            token_url,
            oauth,
            oauth_http,
        })
    }

    /// One full token request by contender `which` (an index into [`NAMES`]); returns the
    /// token's length so the work cannot be optimised away.
    async fn fetch(&self, which: usize) -> Result<usize, Error> {
        Ok(match which {
            0 => self
                .tokenspec
                .fetch_token()
                .await?
                .access_token
                .expose_secret()
                .len(),
            1 => self.fetch_by_hand().await?.access_token.len(),
            _ => {
                let token = self
                    .oauth
                    .exchange_client_credentials()
                    .request_async(&self.oauth_http)
                    .await?;
                token.access_token().secret().len()
            }
        })
    }

    /// What Weavy's document asks for, written by hand.
    async fn fetch_by_hand(&self) -> Result<WeavyToken, Error> {
        weavy_token_by_hand(&self.http, &self.token_url).await
    }
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let server = weavy::start().await?;
    let contenders = Contenders::new(&server.url())?;
    for i in 0..WARMUP {
        for which in 0..NAMES.len() {
            std::hint::black_box(contenders.fetch((which + i) % NAMES.len()).await?);
        }
    }

    print_header("cold fetch_token(), one full token request per call, µs (median per round)");
    println!(
        "cores: {}, {ITERATIONS} requests per client per round, interleaved",
        available_cores()
    );
    println!(
        "{:>5} {:>10} {:>10} {:>10} {:>17} {:>14}",
        "round", NAMES[0], NAMES[1], NAMES[2], "tokenspec/reqwest", "oauth2/reqwest"
    );
    let mut ratios = (Vec::new(), Vec::new());
    for round in 1..=ROUNDS {
        let [t, r, o] = measure_round(&contenders).await?.map(median);
        println!(
            "{round:>5} {t:>10.1} {r:>10.1} {o:>10.1} {:>17.3} {:>14.3}",
            t / r,
            o / r
        );
        ratios.0.push(t / r);
        ratios.1.push(o / r);
    }
    println!(
        "median ratio over {ROUNDS} rounds: tokenspec/reqwest {:.3} (goal <= 1.05), \
         oauth2/reqwest {:.3}",
        median(ratios.0),
        median(ratios.1)
    );
    let violations = server.violations();
    println!(
        "token requests served: {}, wire-format violations: {}",
        server.token_request_count(),
        violations.len()
    );
    match violations.first() {
        Some(first) => Err(format!("a client sent a malformed request: {first}").into()),
        None => Ok(()),
    }
}

/// One round: [`ITERATIONS`] requests per contender, the order rotating each iteration.
/// Returns every request's latency in microseconds, per contender.
async fn measure_round(contenders: &Contenders) -> Result<[Vec<f64>; 3], Error> {
    let mut samples: [Vec<f64>; 3] = Default::default();
    for i in 0..ITERATIONS {
        for k in 0..NAMES.len() {
            let which = (i + k) % NAMES.len();
            let start = Instant::now();
            std::hint::black_box(contenders.fetch(which).await?);
            samples[which].push(start.elapsed().as_secs_f64() * 1e6);
        }
    }
    Ok(samples)
}
