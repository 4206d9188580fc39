//! Warm-cache `access_token()` against what users would write otherwise, side by side.
//!
//! Three readers of an already cached token, run interleaved in one process with 1, 2 and 8
//! concurrent tasks, reported as nanoseconds per call (wall time divided by all calls of all
//! tasks) and as ratios:
//! - `tokenspec`: a built-in client's `with_token(|t| ...)`, the borrow accessor, its cache
//!   filled from a local server;
//! - `owned`: the same client's `access_token()`, which clones the token out (one increment
//!   of a reference count every caller shares: the trade-off of the owned form);
//! - `typed`: the same client's `with_cached_token(|t| ...)`, the borrow of the typed token
//!   (`ApimwToken`), which the cache holds beside the untyped one;
//! - `typed owned`: `cached_token()`, the typed token's `Arc` cloned out;
//! - `mutex`: the lock a typical user wraps around the `oauth2` crate,
//!   `tokio::sync::Mutex<Option<(token, Instant)>>`, checked per call, the token cloned out;
//! - `floor`: a bare `ArcSwap` guard load plus the same expiry check.
//!
//! Run: `cargo run --release -p tokenspec-bench --bin hot-path`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::{Duration, Instant};

use arc_swap::ArcSwap;
use tokenspec_bench::{available_cores, median, print_header};
use tokenspec_core::ExposeSecret;
use tokenspec_core::providers::Apimw;
use tokenspec_tests::servers::apimw;

/// Calls per task in one measurement.
const CALLS: u64 = 200_000;
/// Interleaved rounds; the median is reported.
const ROUNDS: usize = 7;

#[derive(Clone, Copy, Debug)]
enum Reader {
    Tokenspec,
    Owned,
    Typed,
    TypedOwned,
    Mutex,
    Floor,
}

struct Readers {
    client: Apimw,
    mutex: Arc<tokio::sync::Mutex<Option<(String, Instant)>>>,
    floor: Arc<ArcSwap<(String, Instant)>>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(8)
        .enable_all()
        .build()?;
    runtime.block_on(run())
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let server = apimw::start().await?;
    let client = Apimw::builder()
        .api_key(apimw::API_KEY)
        .api_secret(apimw::API_SECRET)
        .base_url(server.url())
        .build()?;
    let token = client.access_token().await?;
    let expires = Instant::now() + Duration::from_secs(3600);
    let value = token.expose_secret().to_owned();
    let readers = Arc::new(Readers {
        client,
        mutex: Arc::new(tokio::sync::Mutex::new(Some((value.clone(), expires)))),
        floor: Arc::new(ArcSwap::from_pointee((value, expires))),
    });

    print_header("access_token() on a warm cache, ns per call (median of interleaved rounds)");
    println!("cores: {}", available_cores());
    println!(
        "{:>5} {:>10} {:>10} {:>10} {:>10} {:>10} {:>10} {:>16} {:>16} {:>12} {:>12} {:>12}",
        "tasks",
        "tokenspec",
        "owned",
        "typed",
        "typed-own",
        "mutex",
        "floor",
        "tokenspec/floor",
        "mutex/tokenspec",
        "owned/floor",
        "typed/floor",
        "t-own/floor"
    );
    for tasks in [1usize, 2, 8] {
        let mut samples = [(); 6].map(|()| Vec::new());
        for _ in 0..ROUNDS {
            for (i, reader) in [
                Reader::Tokenspec,
                Reader::Owned,
                Reader::Typed,
                Reader::TypedOwned,
                Reader::Mutex,
                Reader::Floor,
            ]
            .into_iter()
            .enumerate()
            {
                samples[i].push(measure(&readers, reader, tasks).await?);
            }
        }
        let [t, o, ty, to, m, f] = samples.map(median);
        println!(
            "{tasks:>5} {t:>10.1} {o:>10.1} {ty:>10.1} {to:>10.1} {m:>10.1} {f:>10.1} {:>16.2} {:>16.1} {:>12.2} {:>12.2} {:>12.2}",
            t / f,
            m / t,
            o / f,
            ty / f,
            to / f
        );
    }
    let requests = server.requests().len();
    println!("token requests made during the run: {requests}");
    Ok(())
}

/// Nanoseconds per call with `tasks` tasks each making [`CALLS`] calls.
async fn measure(
    readers: &Arc<Readers>,
    reader: Reader,
    tasks: usize,
) -> Result<f64, Box<dyn std::error::Error>> {
    let start = Instant::now();
    let mut handles = Vec::with_capacity(tasks);
    for _ in 0..tasks {
        let readers = Arc::clone(readers);
        handles.push(tokio::spawn(
            async move { read_many(&readers, reader).await },
        ));
    }
    for handle in handles {
        handle.await??;
    }
    Ok(start.elapsed().as_nanos() as f64 / (CALLS as f64 * tasks as f64))
}

async fn read_many(readers: &Readers, reader: Reader) -> Result<(), String> {
    match reader {
        Reader::Tokenspec => {
            for _ in 0..CALLS {
                let len = readers
                    .client
                    .with_token(|token| token.expose_secret().len())
                    .await
                    .map_err(|e| e.to_string())?;
                black_box(len);
            }
        }
        Reader::Owned => {
            for _ in 0..CALLS {
                let token = readers
                    .client
                    .access_token()
                    .await
                    .map_err(|e| e.to_string())?;
                black_box(token.expose_secret().len());
            }
        }
        Reader::Typed => {
            for _ in 0..CALLS {
                let len = readers
                    .client
                    .with_cached_token(|token| token.access_token.expose_secret().len())
                    .await
                    .map_err(|e| e.to_string())?;
                black_box(len);
            }
        }
        Reader::TypedOwned => {
            for _ in 0..CALLS {
                let token = readers
                    .client
                    .cached_token()
                    .await
                    .map_err(|e| e.to_string())?;
                black_box(token.access_token.expose_secret().len());
            }
        }
        Reader::Mutex => {
            for _ in 0..CALLS {
                let guard = readers.mutex.lock().await;
                let token = match &*guard {
                    Some((token, expires)) if Instant::now() < *expires => token.clone(),
                    _ => return Err("mutex cache empty".into()),
                };
                drop(guard);
                black_box(token.len());
            }
        }
        Reader::Floor => {
            for _ in 0..CALLS {
                let guard = readers.floor.load();
                if Instant::now() >= guard.1 {
                    return Err("floor cache expired".into());
                }
                black_box(guard.0.len());
            }
        }
    }
    Ok(())
}
