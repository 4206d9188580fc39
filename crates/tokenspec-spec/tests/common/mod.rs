//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::sync::LazyLock;

use tokenspec_spec::{Diagnostics, Spec, load};

/// Names of the bundled specs, the file stems of `specs/*.yaml` (sorted).
pub fn bundled_names() -> &'static [&'static str] {
    static NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
        let dir = format!("{}/../../specs", env!("CARGO_MANIFEST_DIR"));
        let mut stems: Vec<&'static str> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("reading {dir}: {e}"))
            .filter_map(|e| {
                let path = e.ok()?.path();
                (path.extension()? == "yaml").then_some(())?;
                let stem = path.file_stem()?.to_str()?.to_owned();
                Some(&*Box::leak(stem.into_boxed_str()))
            })
            .collect();
        stems.sort_unstable();
        assert!(!stems.is_empty(), "no spec in {dir}");
        stems
    });
    &NAMES
}

/// The text of a bundled spec.
pub fn bundled_source(name: &str) -> String {
    let path = format!("{}/../../specs/{name}.yaml", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

/// Loads a bundled spec, failing the test with the rendered diagnostics.
pub fn bundled(name: &str) -> Spec {
    let source = bundled_source(name);
    let label = format!("specs/{name}.yaml");
    load(&source, &label).unwrap_or_else(|d| panic!("{}", d.render(&source, &label)))
}

/// Loads a spec that must fail and returns its diagnostics.
pub fn errors(source: &str) -> Diagnostics {
    match load(source, "test.yaml") {
        Ok(spec) => panic!("expected errors, the spec loaded: {:#?}", spec.plan),
        Err(d) => d,
    }
}

/// `(line, column, message)` of each diagnostic, for compact assertions.
pub fn positions(d: &Diagnostics) -> Vec<(usize, usize, String)> {
    d.iter()
        .map(|d| (d.line, d.column, d.message.clone()))
        .collect()
}

/// Asserts exactly one diagnostic whose message contains `needle`, and returns it.
pub fn one_error(source: &str, needle: &str) -> tokenspec_spec::Diagnostic {
    let d = errors(source);
    let rendered = d.render(source, "test.yaml");
    assert_eq!(d.len(), 1, "expected one error, got:\n{rendered}");
    let first = d.iter().next().cloned().expect("one diagnostic");
    assert!(
        first.message.contains(needle),
        "expected `{needle}` in:\n{rendered}"
    );
    first
}

/// A minimal valid spec with `extra` appended (top-level keys) and `creds` as credentials.
pub fn oauth2_spec(extra: &str) -> String {
    format!(
        "tokenspec: 1\nname: acme\nstyle: oauth2\ntoken:\n  url: https://auth.acme.example/token\ncredentials:\n  client_id: {{ in: basic-user, secret: false }}\n  client_secret: {{ in: basic-password }}\n{extra}"
    )
}
