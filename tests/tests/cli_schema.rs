//! The JSON Schema of the spec language (`tokenspec schema`, `specs/tokenspec.schema.json`):
//! in sync with the generator, satisfied by every spec the loader accepts, refused by bad
//! fixtures, named by every bundled spec, and knowing the same keys and words as the loader.
//!
//! After an intended change to the schema types:
//! `EXPECTORATE=overwrite cargo test -p tokenspec-tests --test cli_schema`.

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use tokenspec_spec::schema::{SCHEMA_FILE, json_schema, json_schema_text};

fn validator() -> jsonschema::Validator {
    jsonschema::validator_for(&json_schema()).expect("the schema is a valid JSON Schema")
}

/// YAML to JSON as an editor's YAML language server sees it.
fn to_json(yaml: &str) -> Value {
    serde_saphyr::from_str(yaml).expect("YAML")
}

/// The schema's errors for a spec, as readable lines.
fn schema_errors(yaml: &str) -> Vec<String> {
    let instance = to_json(yaml);
    validator()
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn yaml_files(dir: &str) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

#[test]
fn the_checked_in_schema_is_the_generated_one() {
    expectorate::assert_contents(format!("../specs/{SCHEMA_FILE}"), &json_schema_text());
}

#[test]
fn every_spec_the_loader_accepts_validates() {
    let mut specs = yaml_files("../specs");
    assert_eq!(specs.len(), 5, "{specs:?}");
    specs.extend(yaml_files("interop/specs"));
    for path in specs {
        let text = std::fs::read_to_string(&path).expect("readable");
        assert!(
            tokenspec_spec::load(&text, "x.yaml").is_ok(),
            "{}",
            path.display()
        );
        let errors = schema_errors(&text);
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

#[test]
fn every_bundled_spec_names_the_schema_for_editors() {
    let line = format!("# yaml-language-server: $schema={SCHEMA_FILE}");
    for path in yaml_files("../specs") {
        let text = std::fs::read_to_string(&path).expect("readable");
        assert_eq!(
            text.lines().next(),
            Some(line.as_str()),
            "{}",
            path.display()
        );
        // The name is relative to the spec, so the schema sits beside it.
        let dir = path.parent().unwrap_or(Path::new("."));
        assert!(dir.join(SCHEMA_FILE).is_file());
    }
}

const BASE: &str = "tokenspec: 1\nname: acme\ntoken:\n  url: https://auth.acme.example/token\n  body: form\ncredentials:\n  client_id: form\nresponse:\n  token: access_token\n";

#[test]
fn bad_specs_fail_the_schema_and_the_loader() {
    let cases = [
        (
            "an unknown top-level key",
            format!("{BASE}tokenn: 1\n"),
            "tokenn",
        ),
        (
            "an unknown key in a section",
            BASE.replace("  body: form", "  body: form\n  metod: POST"),
            "metod",
        ),
        (
            "a wrong type",
            BASE.replace("  body: form", "  body: form\n  basic_form_encode: \"yes\""),
            "/token/basic_form_encode",
        ),
        (
            "an unknown word",
            BASE.replace("client_id: form", "client_id: { in: basic-usr }"),
            "/credentials/client_id",
        ),
        (
            "null for an optional key",
            BASE.replace("  body: form", "  body: form\n  method:"),
            "/token/method",
        ),
        (
            "a missing required key",
            BASE.replace("  url: https://auth.acme.example/token\n", ""),
            "url",
        ),
        (
            "a wrong version",
            BASE.replace("tokenspec: 1", "tokenspec: 2"),
            "/tokenspec",
        ),
        (
            "a status that is not HTTP",
            format!("{BASE}errors:\n  variants:\n    - status: 99\n      name: Odd\n"),
            "/errors/variants/0/status",
        ),
        (
            "a malformed path",
            BASE.replace("token: access_token", "token: data..token"),
            "/response/token",
        ),
        (
            "a name that is not snake_case",
            BASE.replace("name: acme", "name: Acme"),
            "/name",
        ),
        (
            "a credential named like a builder method",
            BASE.replace("client_id: form", "timeouts: form"),
            "timeouts",
        ),
        (
            "a variable named like a builder method",
            BASE.replace(
                "https://auth.acme.example/token",
                "\"https://{clock}/token\"",
            ) + "variables:\n  clock: ~\n",
            "clock",
        ),
    ];
    for (what, yaml, mention) in cases {
        assert!(
            tokenspec_spec::load(&yaml, "bad.yaml").is_err(),
            "the loader accepts {what}"
        );
        let errors = schema_errors(&yaml);
        assert!(!errors.is_empty(), "the schema accepts {what}:\n{yaml}");
        assert!(
            errors.iter().any(|e| e.contains(mention)),
            "{what}: no error mentions `{mention}`: {errors:#?}"
        );
    }
    // The base itself is fine for both.
    assert!(tokenspec_spec::load(BASE, "base.yaml").is_ok());
    assert_eq!(schema_errors(BASE), Vec::<String>::new());
}

/// A `$defs` entry of the schema, or the root for `""`.
fn def<'a>(schema: &'a Value, name: &str) -> &'a Value {
    if name.is_empty() {
        schema
    } else {
        &schema["$defs"][name]
    }
}

fn property_names(schema: &Value, name: &str) -> BTreeSet<String> {
    def(schema, name)["properties"]
        .as_object()
        .unwrap_or_else(|| panic!("`{name}` has properties"))
        .keys()
        .cloned()
        .collect()
}

fn enum_words(schema: &Value, name: &str) -> BTreeSet<String> {
    def(schema, name)["oneOf"]
        .as_array()
        .unwrap_or_else(|| panic!("`{name}` is an enum"))
        .iter()
        .filter_map(|v| v["const"].as_str().map(str::to_owned))
        .collect()
}

/// The words the loader lists in the hint of its only error for `yaml` ("expected one of
/// `a`, `b`"), which it gives for an unknown key or word that resembles no known one.
fn loader_words(yaml: &str) -> BTreeSet<String> {
    let diagnostics = tokenspec_spec::load(yaml, "probe.yaml").expect_err("the probe is refused");
    let hint = diagnostics
        .iter()
        .find_map(|d| d.hint.clone().filter(|h| h.starts_with("expected one of")))
        .unwrap_or_else(|| panic!("no list of known words for:\n{yaml}\n{diagnostics}"));
    hint.split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_schema_and_the_loader_know_the_same_keys_and_words() {
    const Z: &str = "zzzzzzzzzzzz";
    let schema = json_schema();
    let oauth = "tokenspec: 1\nname: acme\nstyle: oauth2\ntoken:\n  url: https://a.example/t\ncredentials:\n  client_id: form\n";
    let keys = [
        ("", format!("{BASE}{Z}: 1\n")),
        (
            "Token",
            BASE.replace("  body: form", &format!("  body: form\n  {Z}: 1")),
        ),
        (
            "CredentialFull",
            BASE.replace(
                "client_id: form",
                &format!("client_id: {{ in: form, {Z}: 1 }}"),
            ),
        ),
        (
            "ParamFull",
            BASE.replace(
                "  body: form",
                &format!("  body: form\n  params:\n    scope: {{ value: a, {Z}: 1 }}"),
            ),
        ),
        (
            "SlotDocs",
            format!("{oauth}variables:\n  host: {{ {Z}: 1 }}\n"),
        ),
        ("Response", format!("{BASE}  {Z}: 1\n")),
        (
            "RootFull",
            format!("{BASE}  root: {{ path: data, {Z}: 1 }}\n"),
        ),
        (
            "Success",
            format!("{BASE}  success: {{ path: ok, equals: true, {Z}: 1 }}\n"),
        ),
        (
            "FieldFull",
            format!("{BASE}  fields:\n    region: {{ {Z}: 1 }}\n"),
        ),
        ("Errors", format!("{oauth}errors:\n  {Z}: 1\n")),
        (
            "Variant",
            format!("{oauth}errors:\n  variants:\n    - {{ status: 400, name: Bad, {Z}: 1 }}\n"),
        ),
        ("Limits", format!("{oauth}limits:\n  {Z}: 1\n")),
        ("Apply", format!("{oauth}apply:\n  {Z}: 1\n")),
        (
            "Refresh",
            format!("{oauth}refresh:\n  token_param: refresh_token\n  {Z}: 1\n"),
        ),
    ];
    for (name, yaml) in keys {
        assert_eq!(
            property_names(&schema, name),
            loader_words(&yaml),
            "keys of `{}`",
            if name.is_empty() { "the spec" } else { name }
        );
    }
    let words = [
        (
            "Method",
            BASE.replace("  body: form", &format!("  body: form\n  method: {Z}")),
        ),
        ("Body", BASE.replace("body: form", &format!("body: {Z}"))),
        (
            "CredIn",
            BASE.replace("client_id: form", &format!("client_id: {Z}")),
        ),
        (
            "ParamIn",
            BASE.replace(
                "  body: form",
                &format!("  body: form\n  params:\n    scope: {{ value: a, in: {Z} }}"),
            ),
        ),
        (
            "FieldType",
            format!("{BASE}  fields:\n    region: {{ type: {Z} }}\n"),
        ),
    ];
    for (name, yaml) in words {
        assert_eq!(
            enum_words(&schema, name),
            loader_words(&yaml),
            "words of `{name}`"
        );
    }
}

/// The schema's words for `in:` (of credentials and parameters) and `token.body` are the
/// loader's tables
/// (`tokenspec_spec::words`), in the same order (the test above compares sets, through the
/// loader's hints).
#[test]
fn the_schemas_placements_and_bodies_are_the_loaders_tables() {
    use tokenspec_spec::words::{BODIES, PARAM_PLACES, PLACEMENTS, words};
    let schema = json_schema();
    let in_order = |name: &str| -> Vec<String> {
        def(&schema, name)["oneOf"]
            .as_array()
            .unwrap_or_else(|| panic!("`{name}` is an enum"))
            .iter()
            .filter_map(|v| v["const"].as_str().map(str::to_owned))
            .collect()
    };
    assert_eq!(in_order("CredIn"), words(PLACEMENTS).collect::<Vec<_>>());
    assert_eq!(in_order("Body"), words(BODIES).collect::<Vec<_>>());
    assert_eq!(in_order("ParamIn"), words(PARAM_PLACES).collect::<Vec<_>>());
}
