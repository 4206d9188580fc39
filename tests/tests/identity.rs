//! One generator, three routes, one output: for every bundled spec, the attribute macro's
//! expansion (formatted), the file `tests/build.rs` wrote through the build.rs API, and the
//! checked-in snapshot are byte-identical. And the expansion tracks its YAML, so editing the
//! spec recompiles the crate.

use std::path::Path;

use proc_macro2::TokenStream;

/// The bundled specs: file stem, struct name, and the build.rs output of this package.
const ROUTES: [(&str, &str, &str); 5] = [
    (
        "weir",
        "Weir",
        include_str!(concat!(env!("OUT_DIR"), "/weir.rs")),
    ),
    (
        "apimw",
        "Apimw",
        include_str!(concat!(env!("OUT_DIR"), "/apimw.rs")),
    ),
    (
        "weightron",
        "Weightron",
        include_str!(concat!(env!("OUT_DIR"), "/weightron.rs")),
    ),
    (
        "skauth",
        "Skauth",
        include_str!(concat!(env!("OUT_DIR"), "/skauth.rs")),
    ),
    (
        "weavy",
        "Weavy",
        include_str!(concat!(env!("OUT_DIR"), "/weavy.rs")),
    ),
];

fn tokens(text: &str) -> TokenStream {
    text.parse().expect("valid tokens")
}

/// What `#[token_client(spec = "../specs/<stem>.yaml")] pub struct <Name>;` expands to in this
/// package, through the same library function the proc-macro calls.
fn macro_expansion(stem: &str, name: &str) -> TokenStream {
    tokenspec_codegen::expand_attribute(
        tokens(&format!(r#"spec = "../specs/{stem}.yaml""#)),
        tokens(&format!("pub struct {name};")),
        Path::new(env!("CARGO_MANIFEST_DIR")),
    )
}

#[test]
fn macro_build_rs_and_snapshot_are_identical() {
    for (stem, name, build_rs) in ROUTES {
        let label = format!("../specs/{stem}.yaml");
        // The build.rs file is the header plus the formatted code; the macro's tokens get the
        // same header so the three can be compared byte for byte.
        let expanded = tokenspec_codegen::header(&label)
            + &tokenspec_codegen::format_tokens(macro_expansion(stem, name));
        let snapshot = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("snapshots/{stem}.rs")),
        )
        .expect("snapshot readable");
        assert!(
            !expanded.contains("compile_error"),
            "{stem}: the macro failed:\n{expanded}"
        );
        assert!(expanded == build_rs, "{stem}: macro and build.rs differ");
        assert!(build_rs == snapshot, "{stem}: build.rs and snapshot differ");
    }
}

#[test]
fn the_expansion_tracks_the_spec_file() {
    for (stem, name, _) in ROUTES {
        let code = macro_expansion(stem, name).to_string();
        // The path is rebuilt from CARGO_MANIFEST_DIR at compile time: the expansion holds no
        // absolute path, so it is the same on every machine and inside trybuild's crate.
        let tracking = format!(
            r#":: core :: include_bytes ! (:: core :: concat ! (:: core :: env ! ("CARGO_MANIFEST_DIR") , "/" , "../specs/{stem}.yaml"))"#
        );
        assert!(
            code.contains(&tracking),
            "{stem}: no tracking line in\n{code}"
        );
        assert!(
            !code.contains(env!("CARGO_MANIFEST_DIR")),
            "{stem}: absolute path baked into the expansion"
        );
    }
    // The file the tracking line names is the spec the client was generated from.
    let tracked = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/weir.yaml");
    let source = std::fs::read_to_string(&tracked).expect("tracked file exists");
    assert!(source.contains("name: weir"));
}

#[test]
fn a_changed_spec_changes_the_expansion() {
    // What the tracking line is for: the expansion depends on the YAML's content, so a stale
    // build would be wrong. Same spec with one docs line changed, through the library.
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/weir.yaml"))
            .expect("spec readable");
    let edited = source.replace("docs: Weir external API", "docs: Edited Weir API");
    assert_ne!(source, edited);
    let code = |text: &str| {
        let spec = tokenspec_spec::load(text, "../specs/weir.yaml").expect("valid spec");
        let opts =
            tokenspec_codegen::Options::named("Weir", "../specs/weir.yaml").expect("valid name");
        tokenspec_codegen::generate_file(&spec, &opts)
    };
    let (before, after) = (code(&source), code(&edited));
    assert!(before.contains("Weir external API") && !before.contains("Edited Weir API"));
    assert!(after.contains("Edited Weir API"));
}

/// The built-in clients' `static` plans, written out by the generator as literals, are the
/// plans the loader makes of the same specs at run time.
#[test]
fn static_plans_equal_loaded_plans() {
    use tokenspec_core::providers::{Apimw, Skauth, Weavy, Weightron, Weir};
    let plans = [
        ("weir", Weir::plan()),
        ("apimw", Apimw::plan()),
        ("weightron", Weightron::plan()),
        ("skauth", Skauth::plan()),
        ("weavy", Weavy::plan()),
    ];
    for (stem, plan) in plans {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../specs/{stem}.yaml"));
        let source = std::fs::read_to_string(path).expect("spec readable");
        let loaded = tokenspec_spec::load(&source, stem)
            .expect("valid spec")
            .plan;
        assert_eq!(*plan, loaded, "{stem}");
    }
}
