//! How long the generator takes per bundled spec, in its two stages: `load` (parse the YAML,
//! check it, lower it to a plan) and `generate` (the token stream the macro returns), plus
//! `generate_file` (the same, formatted by prettyplease, as build.rs and the CLI write it).
//!
//! `cargo run --release -p tokenspec-codegen --example generator_time`
//!
//! Prints the median of many runs per spec; each stage's time is what the macro adds to a
//! user's build for that spec (the macro runs `load` and `generate`).

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use tokenspec_codegen::{Options, generate, generate_file};

/// Runs per measurement; the median is reported.
const RUNS: usize = 201;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(mut f: impl FnMut()) -> Duration {
    // One warm-up run, then the median of RUNS.
    f();
    median(
        (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                f();
                start.elapsed()
            })
            .collect(),
    )
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../specs");
    let mut files: Vec<_> = std::fs::read_dir(&specs)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();

    println!(
        "{:<10} {:>7} {:>12} {:>12} {:>14}",
        "spec", "bytes", "load", "generate", "generate_file"
    );
    for path in files {
        let source = std::fs::read_to_string(&path)?;
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("spec");
        let label = format!("specs/{stem}.yaml");
        let spec = tokenspec_spec::load(&source, &label).map_err(|d| d.render(&source, &label))?;
        let name = heck::AsUpperCamelCase(stem).to_string();
        let opts = Options::named(&name, &label).ok_or("spec name is not an identifier")?;

        let load = time(|| {
            black_box(tokenspec_spec::load(black_box(&source), &label).is_ok());
        });
        let tokens = time(|| {
            black_box(generate(black_box(&spec), &opts));
        });
        let file = time(|| {
            black_box(generate_file(black_box(&spec), &opts));
        });
        println!(
            "{stem:<10} {:>7} {:>9.1} µs {:>9.1} µs {:>11.1} µs",
            source.len(),
            load.as_secs_f64() * 1e6,
            tokens.as_secs_f64() * 1e6,
            file.as_secs_f64() * 1e6,
        );
    }

    // Scaling up to the checker's cap on setters: a spec of `n` required credentials. The
    // typed builder names every required setter's type parameter in each setter's return
    // type, so its tokens grow as n²; the per-setter time shows how much that weighs.
    println!();
    println!(
        "{:<10} {:>12} {:>12} {:>16}",
        "setters", "load", "generate", "generate/setter"
    );
    for n in [8, 16, 32, tokenspec_spec::limits::MAX_SETTERS] {
        let source = with_credentials(n);
        let label = format!("scaling_{n}.yaml");
        let spec = tokenspec_spec::load(&source, &label).map_err(|d| d.render(&source, &label))?;
        let opts = Options::named("Scaling", &label).ok_or("not an identifier")?;
        let load = time(|| {
            black_box(tokenspec_spec::load(black_box(&source), &label).is_ok());
        });
        let tokens = time(|| {
            black_box(generate(black_box(&spec), &opts));
        });
        println!(
            "{n:<10} {:>9.1} µs {:>9.1} µs {:>13.2} µs",
            load.as_secs_f64() * 1e6,
            tokens.as_secs_f64() * 1e6,
            tokens.as_secs_f64() * 1e6 / n as f64,
        );
    }
    Ok(())
}

/// A valid spec with `n` credentials, every one in the form body.
fn with_credentials(n: usize) -> String {
    let mut yaml = String::from(
        "tokenspec: 1\nname: scaling\nstyle: oauth2\ntoken:\n  url: https://auth.example.com/token\ncredentials:\n",
    );
    for i in 0..n {
        yaml.push_str(&format!("  c{i}: form\n"));
    }
    yaml
}
