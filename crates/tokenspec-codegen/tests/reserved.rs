//! The table of reserved names (`tokenspec_spec::reserved`) and the generated code agree:
//! every method the generator puts on a builder, other than the setters, is in the table, and
//! every name in the table is emitted where it says. A new builder method missing from the
//! table would let a spec that `check` accepts fail to compile (E0592), so this test fails first.
//! The builder's settings come from the runtime's `builder_settings!`, which the generated
//! code invokes; tokenspec-core's own test ties that macro's methods to the table.

mod common;

use std::collections::BTreeSet;

use common::{Generated, load, specs};
use tokenspec_codegen::{Options, generate};
use tokenspec_spec::reserved::{RESERVED, Site};

/// The names in the table for `site`.
fn table(site: Site) -> BTreeSet<&'static str> {
    RESERVED
        .iter()
        .filter(|r| r.site == site)
        .map(|r| r.name)
        .collect()
}

#[test]
fn every_builder_method_is_reserved_and_every_reserved_name_is_emitted() {
    let builder_table = table(Site::Builder);
    let client_table = table(Site::Client);
    for (file, name) in specs() {
        let spec = load(file);
        let generated = Generated::of(&spec, name);
        generated.assert_distinct_names();
        let setters: BTreeSet<String> =
            spec.plan.slots.iter().map(|s| s.name.to_string()).collect();
        let builder = generated.inherent_fns(&format!("{name}Builder"));
        for method in &builder {
            assert!(
                setters.contains(method) || builder_table.contains(method.as_str()),
                "{file}: `{name}Builder::{method}` is not in tokenspec_spec::reserved::RESERVED"
            );
        }
        assert!(builder.contains("build"), "{file}: no `build`");
        assert!(
            prettyplease::unparse(&generated.file).contains("__private::builder_settings!"),
            "{file}: the builder's settings are not invoked"
        );
        let client = generated.inherent_fns(name);
        for reserved in &client_table {
            assert!(
                client.contains(*reserved),
                "{file}: `{reserved}` is reserved for the client but not emitted on it"
            );
        }
    }
}

#[test]
fn a_reserved_setter_in_a_hand_built_spec_is_a_located_compile_error() {
    let mut spec = load("weir");
    spec.plan.slots.to_mut()[1].name = "timeouts".into();
    let opts = Options::named("Weir", "specs/weir.yaml").expect("name");
    let text = generate(&spec, &opts).to_string();
    let line = spec.slots[1].line;
    assert!(text.contains("compile_error"), "{text}");
    assert!(
        text.contains(&format!(
            "the setter `timeouts` (declared at specs/weir.yaml:{line}:"
        )),
        "{text}"
    );
}

#[test]
fn two_setters_with_one_type_name_in_a_hand_built_spec_are_a_compile_error() {
    let mut spec = load("weir");
    spec.plan.slots.to_mut()[0].name = "x_1".into();
    spec.plan.slots.to_mut()[1].name = "x1".into();
    let opts = Options::named("Weir", "specs/weir.yaml").expect("name");
    let text = generate(&spec, &opts).to_string();
    assert!(text.contains("both name the type parameter `X1`"), "{text}");
    assert!(
        text.contains("both name the marker trait `X1IsSet`"),
        "{text}"
    );
}

#[test]
fn a_setter_named_after_the_client_does_not_take_another_setters_type_name() {
    // `acme` next to client `Acme` needs another type parameter name than `Acme`; the
    // fallback `AcmeSlot` is `acme_slot`'s own, so it must pick a third.
    let source = "tokenspec: 1\nname: acme\nstyle: oauth2\ntoken:\n  url: https://auth.acme.example/token\ncredentials:\n  acme: form\n  acme_slot: form\n";
    let spec = tokenspec_spec::load(source, "acme.yaml").expect("the checker accepts it");
    let opts = Options::named("Acme", "acme.yaml").expect("name");
    let tokens = generate(&spec, &opts);
    assert!(!tokens.to_string().contains("compile_error"), "{tokens}");
    let generated = Generated::parse(tokens);
    assert_eq!(
        generated.struct_generics("AcmeBuilder"),
        ["AcmeSlotSlot", "AcmeSlot"]
    );
    generated.assert_distinct_names();
}
