//! Snapshots of the generated code of every bundled spec, and the built-in providers of
//! tokenspec-core, checked against what the generator makes of `specs/*.yaml` today.
//!
//! After an intended change to the generator or a spec:
//! `EXPECTORATE=overwrite cargo test -p tokenspec-tests --test snapshots`.

use std::path::{Path, PathBuf};

use tokenspec_codegen::{Options, generate_file};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every bundled spec, `(file stem, struct name)`, found by listing `specs/` so a new spec is
/// picked up without editing this test.
fn bundled() -> Vec<(String, String)> {
    let mut specs: Vec<(String, String)> = std::fs::read_dir(workspace().join("specs"))
        .expect("specs/ exists")
        .filter_map(|e| {
            let path = e.ok()?.path();
            if path.extension()? != "yaml" {
                return None;
            }
            let stem = path.file_stem()?.to_str()?.to_string();
            let mut name = stem.clone();
            name[..1].make_ascii_uppercase();
            Some((stem, name))
        })
        .collect();
    specs.sort();
    assert_eq!(specs.len(), 5, "{specs:?}");
    specs
}

fn generated(stem: &str, name: &str, label: &str, track: bool) -> String {
    let source = std::fs::read_to_string(workspace().join(format!("specs/{stem}.yaml")))
        .expect("spec readable");
    let spec = tokenspec_spec::load(&source, label).expect("bundled spec is valid");
    let mut opts = Options::named(name, label).expect("valid struct name");
    opts.track_spec = track;
    generate_file(&spec, &opts)
}

#[test]
fn generated_code_matches_the_snapshots() {
    for (stem, name) in bundled() {
        // The label is relative to this package, as a user of the macro here would write it.
        let code = generated(&stem, &name, &format!("../specs/{stem}.yaml"), true);
        expectorate::assert_contents(format!("snapshots/{stem}.rs"), &code);
    }
}

#[test]
fn built_in_providers_match_the_specs() {
    // Checked in without the tracking line: tokenspec-core must not read ../specs when it
    // builds (a published crate has none). This test is what keeps them in step instead.
    for (stem, name) in bundled() {
        let code = generated(&stem, &name, &format!("specs/{stem}.yaml"), false);
        assert!(!code.contains("include_bytes"));
        expectorate::assert_contents(
            format!("../crates/tokenspec-core/src/providers/{stem}.rs"),
            &code,
        );
    }
    let module =
        std::fs::read_to_string(workspace().join("crates/tokenspec-core/src/providers/mod.rs"))
            .expect("providers/mod.rs");
    for (stem, _) in bundled() {
        assert!(
            module.contains(&format!("mod {stem};")),
            "mod.rs lacks {stem}"
        );
        assert!(
            module.contains(&format!("pub use {stem}::*;")),
            "mod.rs lacks {stem}"
        );
    }
}
