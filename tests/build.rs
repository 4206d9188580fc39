//! Generates a client for every spec in `../specs` into OUT_DIR with the build.rs API, as a
//! user crate would (`tests/build_rs.rs` compiles them; `tests/identity.rs` checks they equal
//! the macro's expansion and the generator's output), and writes `OUT_DIR/bundled.rs`, the
//! index of those specs that the tests `include!` instead of listing the providers by hand.

use std::fmt::Write as _;
use std::path::Path;

use heck::ToUpperCamelCase;

fn main() {
    let specs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
    // A directory: cargo reruns this script when a spec is added, removed or edited.
    println!("cargo::rerun-if-changed=../specs");
    let mut stems: Vec<String> = std::fs::read_dir(&specs)
        .unwrap_or_else(|e| panic!("reading {}: {e}", specs.display()))
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            (path.extension()? == "yaml").then_some(())?;
            Some(path.file_stem()?.to_str()?.to_owned())
        })
        .collect();
    stems.sort();
    let mut pairs = String::new();
    for stem in &stems {
        assert!(
            stem.starts_with(|c: char| c.is_ascii_lowercase())
                && stem
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "specs/{stem}.yaml: a bundled spec's file stem is its module name, so snake_case"
        );
        // The struct name is the stem in UpperCamelCase, as `tokenspec expand` names it.
        let name = stem.to_upper_camel_case();
        tokenspec_codegen::build::generate(format!("../specs/{stem}.yaml"), &name)
            .write_to_out_dir(&format!("{stem}.rs"));
        let _ = write!(pairs, " {stem} {name},");
    }
    let index = format!(
        "/// Calls macro `$m` with every spec of `specs/`, sorted by file stem, as\n\
         /// comma-separated `stem Name` pairs: the stem of `specs/<stem>.yaml` (also the name of\n\
         /// its module in `tokenspec_core::providers` and of its file here) and the client\n\
         /// struct's name. Written by `tests/build.rs`.\n\
         macro_rules! bundled_specs {{\n    ($m:ident) => {{\n        $m! {{{pairs} }}\n    }};\n}}\n"
    );
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR set by cargo")).join("bundled.rs");
    std::fs::write(&out, index).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}
