//! How long `load` takes on a spec with very many credentials: the work `tokenspec check`
//! does before the setter cap refuses it, which must stay linear in the spec's size.
//!
//! `cargo run --release -p tokenspec-spec --example many_setters [-- COUNT [KIND]]`: COUNT
//! setters (default 40000) of KIND `credentials` (the default), `variables` (each used in
//! the token URL) or `params` (settable token parameters).

use std::time::Instant;

fn main() {
    let count: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(40_000);
    let kind = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "credentials".to_owned());
    let source = spec(count, &kind);
    let start = Instant::now();
    let result = tokenspec_spec::load(&source, "many.yaml");
    let elapsed = start.elapsed();
    let errors = result.as_ref().err().map_or(0, |d| d.len());
    let first = result
        .err()
        .and_then(|d| d.iter().next().map(ToString::to_string))
        .unwrap_or_else(|| "loaded".to_owned());
    println!(
        "{count} {kind}, {} bytes: {:.3} s, {errors} errors; first: {first}",
        source.len(),
        elapsed.as_secs_f64()
    );
}

/// A spec with `count` setters of `kind`.
fn spec(count: usize, kind: &str) -> String {
    let mut s = String::from("tokenspec: 1\nname: many\nstyle: oauth2\n");
    let names = (0..count).map(|i| format!("s{i}"));
    match kind {
        "variables" => {
            let path: String = names.clone().map(|n| format!("/{{{n}}}")).collect();
            s.push_str(&format!(
                "token:\n  url: \"https://auth.many.example{path}\"\n"
            ));
            s.push_str("credentials:\n  client_id: basic-user\nvariables:\n");
            names.for_each(|n| s.push_str(&format!("  {n}: ~\n")));
        }
        "params" => {
            s.push_str("token:\n  url: https://auth.many.example/token\n  params:\n");
            names.for_each(|n| s.push_str(&format!("    {n}: {{ setter: true }}\n")));
            s.push_str("credentials:\n  client_id: basic-user\n");
        }
        _ => {
            s.push_str("token:\n  url: https://auth.many.example/token\ncredentials:\n");
            names.for_each(|n| s.push_str(&format!("  {n}: {{ in: form }}\n")));
        }
    }
    s
}
