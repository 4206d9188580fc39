//! The generator over the bundled specs: it produces a parseable file, deterministic, with the
//! items the design promises.

mod common;

use common::{load, specs};
use tokenspec_codegen::{Options, generate, generate_file};

#[test]
fn every_bundled_spec_generates_a_parseable_deterministic_file() {
    for (file, name) in specs() {
        let spec = load(file);
        let opts = Options::named(name, format!("specs/{file}.yaml")).expect("name");
        let tokens = generate(&spec, &opts);
        syn::parse2::<syn::File>(tokens.clone()).expect("generated code parses");
        let text = tokens.to_string();
        assert!(!text.contains("compile_error"), "{file}: {text}");
        assert_eq!(text, generate(&spec, &opts).to_string(), "deterministic");
        let file_text = generate_file(&spec, &opts);
        for item in [
            format!("pub struct {name} {{"),
            format!("pub struct {name}Builder<"),
            format!("pub struct {name}Token {{"),
            format!("pub enum {name}Error {{"),
            format!("pub mod __tokenspec_{file} {{"),
            "static PLAN: plan::Plan = plan::Plan {".to_string(),
        ] {
            assert!(
                file_text.contains(&item),
                "{file}: missing {item}\n{file_text}"
            );
        }
    }
}

#[test]
fn missing_setter_message_names_the_setter_and_its_yaml_location() {
    let spec = load("weir");
    let opts = Options::named("Weir", "specs/weir.yaml").expect("name");
    let text = generate_file(&spec, &opts);
    let line = spec.slots[1].line;
    let expected = format!("`secret_key` is a credential declared at specs/weir.yaml:{line}:");
    assert!(text.contains(&expected), "{text}");
    assert!(text.contains("missing `secret_key`: call `.secret_key(...)` before `.build()`"));
    // The spec's variants come first, in spec order, with their codes in the docs.
    let invalid = text.find("InvalidCredentials(::tokenspec_core::ProviderError)");
    let rate = text.find("RateLimitExceeded(::tokenspec_core::ProviderError)");
    let provider = text.find("    Provider(::tokenspec_core::ProviderError)");
    assert!(
        invalid < rate && rate < provider && invalid.is_some(),
        "{text}"
    );
    assert!(
        text.contains("Matched by error code `INVALID_CREDENTIALS`, or else by HTTP status 401.")
    );
}

#[test]
fn options_change_the_crate_path_visibility_and_tracking() {
    let spec = load("weavy");
    let mut opts = Options::named("Weavy", "specs/weavy.yaml").expect("name");
    opts.crate_path = syn::parse_quote!(ts);
    opts.vis = syn::parse_quote!(pub(crate));
    opts.track_spec = false;
    let text = generate_file(&spec, &opts);
    assert!(!text.contains("tokenspec_core"), "{text}");
    assert!(text.contains("ts::Client<Weavy>"));
    assert!(text.contains("ts::__private::builder_settings!"));
    assert!(text.contains("pub(crate) struct WeavyBuilder<"));
    assert!(!text.contains("include_bytes"));
    // Absolute labels are never tracked (the path would be baked into the output).
    let opts = Options::named("Weavy", "/abs/weavy.yaml").expect("name");
    assert!(!generate_file(&spec, &opts).contains("include_bytes"));
}

#[test]
fn a_name_that_cannot_be_an_identifier_is_a_compile_error_not_a_panic() {
    let mut spec = load("weir");
    spec.plan.slots.to_mut()[0].name = "client-id".into();
    spec.plan.errors.variants.to_mut()[0].name = "9Bad".into();
    let opts = Options::named("Weir", "specs/weir.yaml").expect("name");
    let text = generate(&spec, &opts).to_string();
    assert!(text.contains("compile_error"), "{text}");
    assert!(text.contains("`client-id`"));
    assert!(text.contains("`9Bad`"));
    assert!(!text.contains("struct"));
}
