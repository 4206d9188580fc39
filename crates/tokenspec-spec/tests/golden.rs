//! Golden renderings of spec diagnostics: each `tests/golden/<case>.yaml` is a bad spec, and
//! `<case>.txt` beside it is exactly what [`Diagnostics::render`] prints for it, the text a
//! user sees inside `cargo build` (the macro adds only rustc's pointer at the attribute).
//!
//! A new case is a new `.yaml` file: the glob picks it up, and
//! `EXPECTORATE=overwrite cargo test -p tokenspec-spec --test golden` writes its `.txt`; read
//! it before committing. Whatever a rewrite says, every diagnostic keeps a location in the
//! YAML and a hint, or this test fails.
//!
//! These cases were trybuild UI tests once; trybuild is now kept for what only rustc shows
//! (`tests/ui-cases`).

use std::path::{Path, PathBuf};

use tokenspec_spec::{Diagnostics, load};

/// The folder of the cases, `tests/golden`.
fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("golden")
}

/// Every `*.yaml` of the folder, sorted by name.
fn cases() -> Vec<PathBuf> {
    let dir = golden_dir();
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    cases.sort();
    cases
}

/// The label a case is loaded under: its path relative to this crate, as a user's spec path
/// is relative to their `Cargo.toml`.
fn label(case: &Path) -> String {
    let name = case.file_name().expect("file name").to_string_lossy();
    format!("tests/golden/{name}")
}

/// Loads a case, which must fail.
fn diagnostics(case: &Path, source: &str) -> Diagnostics {
    match load(source, &label(case)) {
        Ok(_) => panic!(
            "{}: the spec loaded, a golden case must fail",
            case.display()
        ),
        Err(d) => d,
    }
}

#[test]
fn every_case_renders_as_its_golden_text() {
    let mut failed = Vec::new();
    for case in cases() {
        let source = std::fs::read_to_string(&case).expect("case readable");
        let rendered = diagnostics(&case, &source).render(&source, &label(&case));
        let golden = case.with_extension("txt");
        // Check every case, then name all that differ (expectorate prints each diff).
        let outcome = std::panic::catch_unwind(|| expectorate::assert_contents(&golden, &rendered));
        if outcome.is_err() {
            failed.push(golden.display().to_string());
        }
    }
    assert!(failed.is_empty(), "golden renderings differ: {failed:?}");
}

/// What the trybuild guard used to promise of each `.stderr`: every diagnostic is shown at
/// its `file:line:column` in the YAML, with a hint, and there are at least 20 cases. A rewrite that made a diagnostic worse
/// (lost its location or hint) fails here even though expectorate accepted the new text.
#[test]
fn every_diagnostic_is_located_in_the_yaml_with_a_hint() {
    let cases = cases();
    for case in &cases {
        let source = std::fs::read_to_string(case).expect("case readable");
        let label = label(case);
        let diagnostics = diagnostics(case, &source);
        // The rendering, which the other test holds equal to the `.txt` (read fresh here, so
        // this test does not race an `EXPECTORATE=overwrite` run writing the files).
        let golden = diagnostics.render(&source, &label);
        for d in diagnostics.iter() {
            assert!(
                d.line > 0 && d.column > 0,
                "{}: `{}` has no location",
                case.display(),
                d.message
            );
            let at = format!("--> {label}:{}:{}", d.line, d.column);
            assert!(
                golden.contains(&at),
                "{}: `{}` not shown at {at}:\n{golden}",
                case.display(),
                d.message
            );
            assert!(
                d.hint.as_deref().is_some_and(|h| !h.trim().is_empty()),
                "{}: `{}` has no hint",
                case.display(),
                d.message
            );
        }
        assert_eq!(
            golden.matches("= help: ").count(),
            diagnostics.len(),
            "{}: every diagnostic needs a hint:\n{golden}",
            case.display()
        );
    }
    assert!(cases.len() >= 20, "only {} golden cases", cases.len());
}

/// No stray `.txt` is left when its case is renamed or removed.
#[test]
fn every_golden_text_has_its_case() {
    for entry in std::fs::read_dir(golden_dir()).expect("tests/golden readable") {
        let path = entry.expect("directory entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            assert!(
                path.with_extension("yaml").is_file(),
                "{}: no .yaml beside it",
                path.display()
            );
        }
    }
}
