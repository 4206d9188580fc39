//! Mutated and truncated versions of the bundled specs never make `load` panic, and every
//! diagnostic they produce renders and points inside the source.
//!
//! Seeded and reproducible: `TOKENSPEC_FUZZ_SEED` and `TOKENSPEC_FUZZ_CASES` (mutations per
//! bundled spec) override the defaults; the test prints both and its throughput.
//! `cargo test -p tokenspec-spec --test fuzz -- --nocapture`

use std::time::Instant;

mod common;

use common::{bundled_names, bundled_source};
use tokenspec_spec::load;

/// The default seed; any other reproduces its own run.
const SEED: u64 = 0x9E37_79B9_7F4A_7C15;
/// Mutations per bundled spec by default: a few seconds of a debug build.
const CASES: usize = 2_000;

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// The seeded generator (fastrand's wyrand): the same seed replays the same inputs.
struct Rng(fastrand::Rng);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(fastrand::Rng::with_seed(seed))
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.0.usize(..n) }
    }
}

/// Text that tends to break YAML or the model when dropped into a spec.
const SPLICES: &[&str] = &[
    ":",
    "- ",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!binary ",
    "\t",
    "\n  ",
    "\n",
    "#",
    "{x}",
    "..",
    "~",
    "0x1F",
    "-1",
    "99999999999999999999999",
    "é",
    "\u{0}",
    "---\n",
    "? ",
    "|\n  ",
    ">\n",
    "%YAML 1.2\n",
    "in: json",
    "status: 999",
    "code: [",
    "tokenspec: 2",
];

fn mutate(rng: &mut Rng, source: &str) -> String {
    let mut chars: Vec<char> = source.chars().collect();
    for _ in 0..=rng.below(4) {
        let at = rng.below(chars.len() + 1);
        match rng.below(5) {
            0 => chars.truncate(at),
            1 => {
                let end = (at + rng.below(20)).min(chars.len());
                chars.drain(at..end);
            }
            2 => {
                let splice = SPLICES[rng.below(SPLICES.len())];
                chars.splice(at..at, splice.chars());
            }
            3 => {
                // Duplicate a line somewhere else (duplicate keys, misplaced sections).
                let text: String = chars.iter().collect();
                let lines: Vec<&str> = text.lines().collect();
                let line = lines.get(rng.below(lines.len())).copied().unwrap_or("");
                let insert = format!("{line}\n");
                chars.splice(at..at, insert.chars());
            }
            _ => {
                if let Some(c) = chars.get_mut(at) {
                    *c = char::from(b' ' + (rng.below(95) as u8));
                }
            }
        }
    }
    chars.into_iter().collect()
}

#[test]
fn mutated_specs_never_panic() {
    let seed: u64 = env_or("TOKENSPEC_FUZZ_SEED", SEED);
    let per_spec: usize = env_or("TOKENSPEC_FUZZ_CASES", CASES);
    println!(
        "fuzz: seed {seed:#x}, {per_spec} mutations of each bundled spec (TOKENSPEC_FUZZ_SEED, TOKENSPEC_FUZZ_CASES)"
    );
    let mut rng = Rng::new(seed);
    let start = Instant::now();
    let mut failures = 0;
    let mut total = 0;
    for name in bundled_names() {
        let source = bundled_source(name);
        // Every prefix at line boundaries, then random mutations.
        let mut cases: Vec<String> = source
            .char_indices()
            .filter(|(_, c)| *c == '\n')
            .map(|(i, _)| source[..i].to_owned())
            .collect();
        cases.extend((0..per_spec).map(|_| mutate(&mut rng, &source)));
        for case in cases {
            total += 1;
            if let Err(d) = load(&case, "fuzz.yaml") {
                failures += 1;
                assert!(!d.is_empty());
                let rendered = d.render(&case, "fuzz.yaml");
                assert!(rendered.starts_with("error: "), "{rendered}");
                let lines = case.lines().count().max(1);
                for diag in d.iter() {
                    assert!(
                        diag.line <= lines + 1,
                        "line {} past the end:\n{case}",
                        diag.line
                    );
                }
            }
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "fuzz: {total} inputs in {elapsed:.1} s ({:.0}/s), {failures} refused",
        total as f64 / elapsed.max(1e-9)
    );
    assert!(total >= 5 * per_spec, "{total} cases");
    // Most mutations break the spec; this checks the mutator is doing something.
    assert!(failures > total / 3, "{failures} of {total} failed");
}

#[test]
fn odd_inputs_never_panic() {
    let inputs = [
        "",
        " ",
        "\n\n",
        "~",
        "null",
        "1",
        "[]",
        "{}",
        "- - -",
        "a: b: c",
        "\u{feff}tokenspec: 1",
        "tokenspec: 1\n\u{0}",
        "&a [*a]",
        "a: &a\n  b: *a\nc: *a",
        "? [a]\n: b",
        "tokenspec: 1\nname: a\ntoken: { url: \"{\" }\ncredentials: {}\nresponse: { token: t }",
        "tokenspec: 1\nname: a\ntoken: { url: \"https://{}\" }\ncredentials: {}\nresponse: { token: t }",
        "tokenspec: 1\nname: a\ntoken: { url: \"http://[::1\" }\ncredentials: {}\nresponse: { token: t }",
        "tokenspec: 1\nname: a\ntoken: { url: \"http://@:\" }\ncredentials: {}\nresponse: { token: t }",
        "tokenspec: 18446744073709551616",
        "tokenspec: 1\nlimits: { rate: 4294967296/second }",
        "tokenspec: 1\nlimits: { rate: /minute }",
        "tokenspec: 1\nresponse: { success: { equals: 1.5 } }",
    ];
    for input in inputs {
        if let Err(d) = load(input, "odd.yaml") {
            let _ = d.render(input, "odd.yaml");
        }
    }
    // A deeply nested document is refused by the parser's budget, not by a stack overflow.
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert!(load(&deep, "deep.yaml").is_err());
}
