//! The generated error enum and token struct define exactly the built-in names of
//! `tokenspec_spec::builtin`, the tables the checker refuses for a spec's own variants and
//! fields: a built-in added here but not there would let a spec that `check` accepts define
//! it twice, which rustc would report at the attribute instead of the YAML.

mod common;

use std::collections::BTreeSet;

use common::{Generated, load, specs};
use tokenspec_spec::builtin::{BUILTIN_FIELDS, BUILTIN_VARIANTS};

/// The variants of enum `name`, in order.
fn variants(generated: &Generated, name: &str) -> Vec<String> {
    generated
        .items()
        .into_iter()
        .find_map(|item| match item {
            syn::Item::Enum(e) if e.ident == name => {
                Some(e.variants.iter().map(|v| v.ident.to_string()).collect())
            }
            _ => None,
        })
        .unwrap_or_else(|| panic!("no enum `{name}` emitted"))
}

/// The named fields of struct `name`.
fn fields(generated: &Generated, name: &str) -> BTreeSet<String> {
    generated
        .items()
        .into_iter()
        .find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == name => Some(
                s.fields
                    .iter()
                    .filter_map(|f| f.ident.as_ref())
                    .map(|i| i.to_string().trim_start_matches("r#").to_owned())
                    .collect(),
            ),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no struct `{name}` emitted"))
}

#[test]
fn the_error_enum_ends_with_the_built_in_variants() {
    for (file, name) in specs() {
        let spec = load(file);
        let generated = Generated::of(&spec, name);
        let all = variants(&generated, &format!("{name}Error"));
        let from_spec: Vec<&str> = spec.plan.errors.variants.iter().map(|v| &*v.name).collect();
        let (own, built_in) = all.split_at(from_spec.len());
        assert_eq!(own, from_spec, "{file}: the spec's variants come first");
        assert_eq!(built_in, BUILTIN_VARIANTS, "{file}: the built-in variants");
    }
}

#[test]
fn the_token_struct_has_only_built_in_and_spec_fields() {
    let mut emitted_built_in = BTreeSet::new();
    for (file, name) in specs() {
        let spec = load(file);
        let generated = Generated::of(&spec, name);
        let from_spec: BTreeSet<String> = spec
            .plan
            .response
            .fields
            .iter()
            .map(|f| f.name.to_string())
            .collect();
        for field in fields(&generated, &format!("{name}Token")) {
            if from_spec.contains(&field) {
                continue;
            }
            assert!(
                BUILTIN_FIELDS.contains(&field.as_str()),
                "{file}: `{name}Token::{field}` is not in tokenspec_spec::builtin::BUILTIN_FIELDS"
            );
            emitted_built_in.insert(field);
        }
    }
    let table: BTreeSet<String> = BUILTIN_FIELDS.iter().map(|f| (*f).to_owned()).collect();
    assert_eq!(
        emitted_built_in, table,
        "the bundled specs together emit every built-in field"
    );
}
