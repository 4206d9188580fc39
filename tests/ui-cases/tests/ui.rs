//! Compile-fail tests of what only rustc can show: the spec's diagnostics on the attribute's
//! `spec` literal, several at once, with the user's struct kept (`fail/several_errors.rs`);
//! misuse of the attribute; a missing setter as E0277 naming the setter and its spec line;
//! the generated API refusing wrong use. What each spec diagnostic says is tested without
//! rustc, as golden renderings in tokenspec-spec (`crates/tokenspec-spec/tests/golden`).
//!
//! The cases that must compile under `#![deny(warnings, missing_docs,
//! missing_debug_implementations)]` are not trybuild cases: they are this package's `pass/*.rs`
//! test targets (`harness = false`, so each is a user's binary that cargo builds and runs).
//! A `pass` case would make trybuild build (not just check) the runtime's whole dependency
//! graph in its own target directory; as plain targets they reuse the workspace's build.
//!
//! After an intended change to a diagnostic: `TRYBUILD=overwrite cargo test -p tokenspec-ui
//! --test ui`, then read every changed `.stderr`.
//!
//! trybuild compiles each case in its own crate at `<target>/tests/trybuild/tokenspec-ui/`,
//! against this package's dependencies only (tokenspec-core with the `macros` feature), so
//! `CARGO_MANIFEST_DIR` points there while the macro reads a spec. The cases write their
//! spec paths exactly as they would in this package (`specs/x.yaml`, `../../specs/weir.yaml`),
//! and [`stage_fixtures`] lays the YAML out around trybuild's crate the same way before the
//! run, so the paths (and the labels the diagnostics print) are the same in both places.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `tests/ui-cases`, this package's directory.
fn package_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The target directory trybuild builds in, as cargo reports it (it honours
/// `CARGO_TARGET_DIR` and `build.target-dir`, which a hard-coded `../target` would not).
fn target_dir() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--no-deps"])
        .current_dir(package_dir())
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    let dir = metadata["target_directory"]
        .as_str()
        .expect("cargo metadata names the target directory");
    PathBuf::from(dir)
}

/// Copies every `*.yaml` of `from` into `to` (created if needed).
fn copy_yaml(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create fixture directory");
    for entry in std::fs::read_dir(from).expect("fixture directory readable") {
        let path = entry.expect("directory entry").path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let name = path.file_name().expect("file name");
            std::fs::copy(&path, to.join(name)).expect("copy fixture spec");
        }
    }
}

/// Mirrors the workspace around trybuild's crate: `tests/ui-cases/specs` goes to
/// `<crate>/specs`, and the workspace's `specs/` to `<crate>/../../specs`, where the cases'
/// `../../specs/weir.yaml` finds it.
fn stage_fixtures() {
    let project = target_dir()
        .join("tests")
        .join("trybuild")
        .join(env!("CARGO_PKG_NAME"));
    copy_yaml(&package_dir().join("specs"), &project.join("specs"));
    copy_yaml(
        &package_dir().join("..").join("..").join("specs"),
        &project.join("..").join("..").join("specs"),
    );
}

#[test]
fn ui() {
    stage_fixtures();
    let t = trybuild::TestCases::new();
    t.compile_fail("fail/*.rs");
}
