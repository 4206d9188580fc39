//! Load → generate → parse, on mutated bundled specs and on random specs: no input makes the
//! loader or the generator panic, and every spec the loader accepts generates code that
//! parses, has no `compile_error!`, and defines no name twice (the errors rustc would give at
//! the attribute, not at the YAML, for a spec `check` let through).
//!
//! Seeded and reproducible: `TOKENSPEC_FUZZ_SEED` (default below) and `TOKENSPEC_FUZZ_CASES`
//! (inputs of each kind) override the defaults; the test prints both and its throughput.
//! `TOKENSPEC_FUZZ_SHOW=1` prints the first diagnostic of each input that does not load.
//! `cargo test -p tokenspec-codegen --test fuzz -- --nocapture`

mod common;

use std::time::Instant;

use common::{Generated, source, specs};
use tokenspec_codegen::{Options, generate};

/// The default seed; any other reproduces its own run.
const SEED: u64 = 0x7E57_5EED_0000_0009;
/// Inputs of each kind (mutated bundled specs, random specs) by default: about 20 s of a
/// debug build on two cores, with the rest of the suite's fuzzing a minute in all.
const CASES: usize = 2_500;

/// The seeded generator (fastrand's wyrand): the same seed replays the same inputs.
struct Rng(fastrand::Rng);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(fastrand::Rng::with_seed(seed))
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { self.0.usize(..n) }
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

/// Names that have broken generated code, or could: reserved methods, keywords, names that
/// meet after case conversion, names of the generated types (the client is `Fuzz`), names of
/// the builder's fields and of what generated code calls.
const NAMES: &[&str] = &[
    "client_id",
    "client_secret",
    "api_key",
    "host",
    "region",
    "scope",
    "audience",
    "tenant",
    "x_1",
    "x1",
    "a_2b",
    "a2b",
    "a2_b",
    "timeouts",
    "retry",
    "clock",
    "refresh_margin",
    "rate_limit_wait",
    "allow_plain_http",
    "build",
    "base_url",
    "allow_host",
    "builder",
    "from_env",
    "fuzz",
    "fuzz_slot",
    "fuzz_slot_slot",
    "fuzz_builder",
    "fuzz_token",
    "fuzz_error",
    "slot",
    "set",
    "unset",
    "inner",
    "state",
    "engine",
    "plan",
    "fmt",
    "new",
    "into",
    "clone",
    "default",
    "type",
    "self",
    "r#x",
    "Client",
    "client-id",
    "é",
    "_x",
    "x_",
    "access_token",
    "authorize",
    "fetch_token",
    "with_token",
    "send_authorized",
];

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
    "\t",
    "\n  ",
    "\n",
    "#",
    "{x}",
    "~",
    "-1",
    "99999999999999999999",
    "\u{0}",
    "---\n",
    "? ",
    "|\n  ",
    "in: json",
    "setter: true",
    "secret: false",
    "env: FUZZ_X",
    "status: 429",
    "tokenspec: 2",
];

/// A bundled spec with a few edits: names swapped for [`NAMES`], splices, cuts, lines repeated.
fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut out = text.to_owned();
    for _ in 0..=rng.below(3) {
        let at = floor_char(&out, rng.below(out.len() + 1));
        match rng.below(6) {
            0 | 1 => {
                // Replace the next identifier-like word with a name from the pool.
                let rest = &out[at..];
                if let Some(start) = rest.find(|c: char| c.is_ascii_lowercase()) {
                    let word = &rest[start..];
                    let len = word
                        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                        .unwrap_or(word.len());
                    let from = at + start;
                    out.replace_range(from..from + len, rng.pick(NAMES));
                }
            }
            2 => out.insert_str(at, rng.pick(SPLICES)),
            3 => {
                let end = floor_char(&out, (at + rng.below(30)).min(out.len()));
                out.replace_range(at..end, "");
            }
            4 => {
                let lines: Vec<&str> = out.lines().collect();
                let line = format!("{}\n", lines.get(rng.below(lines.len())).unwrap_or(&""));
                let at = out[..at].rfind('\n').map_or(0, |i| i + 1);
                out.insert_str(at, &line);
            }
            _ => out.truncate(at),
        }
    }
    out
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

const PLACES: &[&str] = &[
    "basic-user",
    "basic-password",
    "form",
    "json",
    "query",
    "header",
    "api-header",
];

/// Names a real spec would use, so that most random specs load.
const GOOD: &[&str] = &[
    "client_id",
    "client_secret",
    "api_key",
    "host",
    "region",
    "scope",
    "audience",
    "tenant",
    "x_1",
    "a2b",
    "fuzz",
    "fuzz_slot",
    "fuzz_token",
    "slot",
    "set",
    "inner",
    "state",
    "fmt",
    "new",
    "into",
    "plan",
    "access_token",
    "authorize",
];

/// Mostly a good name, sometimes any name of the pool.
fn name(rng: &mut Rng) -> &'static str {
    if rng.chance(85) {
        rng.pick(GOOD)
    } else {
        rng.pick(NAMES)
    }
}

/// A placement (short form or mapping) that fits `body` most of the time.
fn place(rng: &mut Rng, body: &str, i: usize) -> String {
    let fitting = match body {
        "json" => "json",
        "form" => "form",
        _ => "query",
    };
    match rng.below(10) {
        0 => rng.pick(PLACES).to_owned(),
        1 if i == 0 => "basic-user".to_owned(),
        2 if i == 1 => "basic-password".to_owned(),
        3 => format!("{{ in: header, name: x-h{i} }}"),
        4 => format!(
            "{{ in: api-header, name: x-a{i}, secret: {} }}",
            rng.chance(50)
        ),
        5 => format!(
            "{{ in: {fitting}, env: {} }}",
            rng.pick(&["FUZZ_X", "FUZZ_Y", "FUZZ_CLIENT_ID", "ACME_HOST"])
        ),
        6 => format!("{{ in: {fitting}, secret: false, docs: Some docs. }}"),
        _ => fitting.to_owned(),
    }
}

/// A spec from parts: mostly well-formed, so that many load and reach the generator.
fn random_spec(rng: &mut Rng) -> String {
    let mut s = String::from("tokenspec: 1\n");
    let provider = rng.pick(&[
        "fuzz", "fuzz", "fuzz", "acme", "acme", "x_1", "build", "Fuzz",
    ]);
    s.push_str(&format!("name: {provider}\n"));
    let oauth2 = rng.chance(70);
    if oauth2 {
        s.push_str("style: oauth2\n");
    }
    let variables: Vec<&str> = (0..rng.below(3)).map(|_| name(rng)).collect();
    if !variables.is_empty() {
        s.push_str("variables:\n");
        for v in &variables {
            if rng.chance(20) {
                let env = rng.pick(&["FUZZ_X", "FUZZ_HOST", "ACME_CLIENT_ID"]);
                s.push_str(&format!("  {v}: {{ env: {env} }}\n"));
            } else {
                s.push_str(&format!("  {v}: Docs of {v}.\n"));
            }
        }
    }
    let host: String = variables.iter().map(|v| format!("{{{v}}}.")).collect();
    let scheme = if rng.chance(95) { "https" } else { "http" };
    s.push_str(&format!(
        "token:\n  url: \"{scheme}://{host}auth.example.com/token\"\n"
    ));
    let body = rng.pick(&["form", "form", "form", "json", "none"]);
    if body != "form" || rng.chance(30) {
        s.push_str(&format!("  body: {body}\n"));
    }
    if rng.chance(30) {
        s.push_str("  params:\n");
        for _ in 0..=rng.below(2) {
            let p = name(rng);
            let in_ = if body == "none" { "query" } else { "body" };
            match rng.below(3) {
                0 => s.push_str(&format!("    {p}: {{ value: fixed, in: {in_} }}\n")),
                1 => s.push_str(&format!(
                    "    {p}: {{ value: v, in: {in_}, setter: true }}\n"
                )),
                _ => s.push_str(&format!("    {p}: {{ in: header, setter: true }}\n")),
            }
        }
    }
    s.push_str("credentials:\n");
    let many = if rng.chance(3) {
        60 + rng.below(10)
    } else {
        1 + rng.below(4)
    };
    for i in 0..many {
        let name = if many > 5 {
            format!("c{i}")
        } else {
            name(rng).to_owned()
        };
        let place = place(rng, body, i);
        s.push_str(&format!("  {name}: {place}\n"));
    }
    if !oauth2 || rng.chance(40) {
        s.push_str("response:\n  token: data.access_token\n");
        if rng.chance(50) {
            let ty = rng.pick(&["string", "integer", "bool", "number"]);
            s.push_str(&format!(
                "  fields:\n    {}: {{ path: data.x, type: {ty} }}\n",
                name(rng)
            ));
        }
    }
    if rng.chance(40) {
        s.push_str("errors:\n  code: error.code\n  variants:\n");
        for _ in 0..=rng.below(2) {
            let code = rng.pick(&[
                "invalid_client",
                "INVALID_CLIENT",
                "Provider",
                "rate-limited",
                "x_1",
                "x1",
                "400013",
            ]);
            s.push_str(&format!("    - code: \"{code}\"\n"));
            if rng.chance(40) {
                s.push_str("      status: 429\n      retry: true\n");
            }
        }
    }
    if rng.chance(20) {
        s.push_str("limits:\n  rate: 10/minute\n");
    }
    if rng.chance(30) {
        let host = variables.first().map_or("api.example.com".to_owned(), |v| {
            format!("{{{v}}}.api.example.com")
        });
        s.push_str(&format!("apply:\n  hosts: [\"{host}\"]\n"));
    }
    if oauth2 && body != "none" && rng.chance(15) {
        s.push_str(
            "refresh:\n  params:\n    grant_type: refresh_token\n  token_param: refresh_token\n",
        );
    }
    s
}

/// Loads `text`; when it loads, generates and checks the code. Returns whether it loaded.
fn run(text: &str, opts: &Options) -> bool {
    match tokenspec_spec::load(text, "fuzz.yaml") {
        Err(d) => {
            assert!(!d.is_empty());
            if std::env::var_os("TOKENSPEC_FUZZ_SHOW").is_some() {
                println!(
                    "{}",
                    d.iter().next().map(ToString::to_string).unwrap_or_default()
                );
            }
            let _ = d.render(text, "fuzz.yaml");
            false
        }
        Ok(spec) => {
            let tokens = generate(&spec, opts);
            let printed = tokens.to_string();
            assert!(
                !printed.contains("compile_error"),
                "a spec the loader accepts generates a compile error:\n{text}\n{printed}"
            );
            let generated = Generated::parse(tokens);
            generated.assert_distinct_names();
            true
        }
    }
}

#[test]
fn every_spec_that_loads_generates_code_that_parses() {
    let seed: u64 = env_or("TOKENSPEC_FUZZ_SEED", SEED);
    let cases: usize = env_or("TOKENSPEC_FUZZ_CASES", CASES);
    println!(
        "fuzz: seed {seed:#x}, {cases} mutated and {cases} random specs (TOKENSPEC_FUZZ_SEED, TOKENSPEC_FUZZ_CASES)"
    );
    let mut rng = Rng::new(seed);
    let opts = Options::named("Fuzz", "fuzz.yaml").expect("name");
    let bundled: Vec<String> = specs().iter().map(|(file, _)| source(file)).collect();
    let start = Instant::now();
    let (mut mutated_ok, mut random_ok) = (0, 0);
    for i in 0..cases {
        let text = mutate(&mut rng, &bundled[i % bundled.len()]);
        mutated_ok += usize::from(run(&text, &opts));
    }
    for _ in 0..cases {
        let text = random_spec(&mut rng);
        random_ok += usize::from(run(&text, &opts));
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "fuzz: {} inputs in {elapsed:.1} s ({:.0}/s); {mutated_ok} mutated and {random_ok} random specs loaded and generated",
        2 * cases,
        (2 * cases) as f64 / elapsed.max(1e-9)
    );
    // The generators must reach the generator often enough to test it.
    assert!(
        mutated_ok * 10 >= cases,
        "only {mutated_ok} of {cases} mutated specs loaded"
    );
    assert!(
        random_ok * 10 >= cases,
        "only {random_ok} of {cases} random specs loaded"
    );
}
