//! What the front ends do with a spec they must not generate from: a file over the size cap
//! is refused before it is read whole, and a spec the checker refuses (here by the setter cap)
//! never reaches the generator, whose output for it would take minutes and gigabytes.

use std::path::PathBuf;

use proc_macro2::TokenStream;
use quote::quote;
use tokenspec_codegen::{build, expand_attribute};
use tokenspec_spec::limits::MAX_SPEC_BYTES;

/// A scratch directory, standing in for a crate's manifest directory, holding `name`.
fn crate_with(dir: &str, name: &str, text: &[u8]) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(dir);
    std::fs::create_dir_all(&root).expect("scratch dir");
    std::fs::write(root.join(name), text).expect("scratch spec");
    root
}

fn expand(root: &std::path::Path, spec: &str) -> String {
    let attr: TokenStream = quote!(spec = #spec);
    expand_attribute(
        attr,
        quote!(
            pub struct Big;
        ),
        root,
    )
    .to_string()
}

/// A spec with `count` credentials: far more than the setter cap allows (2,000 would make
/// about 30 MB of code).
fn many_credentials(count: usize) -> String {
    let mut s = String::from(
        "tokenspec: 1\nname: many\nstyle: oauth2\ntoken:\n  url: https://auth.many.example/token\ncredentials:\n",
    );
    for i in 0..count {
        s.push_str(&format!("  c{i}: form\n"));
    }
    s
}

#[test]
fn a_spec_file_over_the_size_cap_is_refused_by_the_macro_and_build_rs() {
    let root = crate_with("oversized", "big.yaml", &vec![b'#'; MAX_SPEC_BYTES + 1]);
    let out = expand(&root, "big.yaml");
    assert!(out.contains("compile_error"), "{out}");
    assert!(out.contains("spec file is larger than 1 MiB"), "{out}");
    assert!(out.contains("pub struct Big"), "the item is kept: {out}");

    let err = build::generate("big.yaml", "Big")
        .manifest_dir(&root)
        .to_code()
        .expect_err("over the cap");
    assert!(
        err.to_string().contains("spec file is larger than 1 MiB"),
        "{err}"
    );
}

#[test]
fn a_spec_over_the_setter_cap_never_reaches_the_generator() {
    let root = crate_with("many", "many.yaml", many_credentials(2_000).as_bytes());
    let out = expand(&root, "many.yaml");
    assert!(out.contains("too many setters"), "{out}");
    assert!(!out.contains("ManyBuilder") && !out.contains("BigBuilder"));

    let err = build::generate("many.yaml", "Many")
        .manifest_dir(&root)
        .to_code()
        .expect_err("over the cap");
    let err = err.to_string();
    assert!(err.contains("too many setters"), "{err}");
    assert!(err.contains("many.yaml:71:3"), "{err}");
}
