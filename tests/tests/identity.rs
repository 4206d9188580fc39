//! One generator, three routes, one output: for every spec of `specs/`, the attribute macro's
//! expansion (formatted), the file `tests/build.rs` wrote through the build.rs API, and the
//! generator's own `generate_file` with the same label and options are byte-identical (the
//! CLI's `expand` is checked against the same in `cli.rs`; the checked-in providers' files
//! against it in `providers.rs`). And the expansion tracks its YAML, so editing the spec
//! recompiles the crate.

use std::path::Path;

use proc_macro2::TokenStream;

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// `(file stem, struct name, build.rs output)` of every spec in `specs/`.
macro_rules! routes {
    ($($stem:ident $name:ident,)*) => {
        &[$((
            stringify!($stem),
            stringify!($name),
            include_str!(concat!(env!("OUT_DIR"), "/", stringify!($stem), ".rs")),
        )),*]
    };
}

/// Every spec of `specs/` (listed by `tests/build.rs`) and the file it wrote for it.
const ROUTES: &[(&str, &str, &str)] = bundled_specs!(routes);

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

/// `generate_file` on spec `stem`, with the label and options of the macro in this package.
fn generated(stem: &str, name: &str) -> String {
    let label = format!("../specs/{stem}.yaml");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(&label);
    let source = std::fs::read_to_string(path).expect("spec readable");
    let spec = tokenspec_spec::load(&source, &label).expect("bundled spec is valid");
    let opts = tokenspec_codegen::Options::named(name, &label).expect("valid struct name");
    assert!(opts.track_spec, "the macro tracks the spec by default");
    tokenspec_codegen::generate_file(&spec, &opts)
}

#[test]
fn macro_build_rs_and_generator_are_identical() {
    for &(stem, name, build_rs) in ROUTES {
        let label = format!("../specs/{stem}.yaml");
        // The build.rs file is the header plus the formatted code; the macro's tokens get the
        // same header so the three can be compared byte for byte.
        let expanded = tokenspec_codegen::header(&label)
            + &tokenspec_codegen::format_tokens(macro_expansion(stem, name));
        assert!(
            !expanded.contains("compile_error"),
            "{stem}: the macro failed:\n{expanded}"
        );
        assert!(expanded == build_rs, "{stem}: macro and build.rs differ");
        assert!(
            build_rs == generated(stem, name),
            "{stem}: build.rs and generate_file differ"
        );
    }
}

#[test]
fn the_expansion_tracks_the_spec_file() {
    for &(stem, name, _) in ROUTES {
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
    macro_rules! plans {
        ($($stem:ident $name:ident,)*) => {
            [$((stringify!($stem), tokenspec_core::providers::$name::plan())),*]
        };
    }
    let plans = bundled_specs!(plans);
    for (stem, plan) in plans {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../specs/{stem}.yaml"));
        let source = std::fs::read_to_string(path).expect("spec readable");
        let loaded = tokenspec_spec::load(&source, stem)
            .expect("valid spec")
            .plan;
        assert_eq!(*plan, loaded, "{stem}");
    }
}
