//! Rules on setters (variables, credentials and settable parameters): their number, names the
//! generated code reserves, and names that become one identifier or one environment variable.
//! Each rule exists because the spec would otherwise pass `check` and then fail to compile
//! (or compile into a client that reads one value for two setters).

mod common;

use common::{errors, oauth2_spec, one_error};
use tokenspec_spec::limits::MAX_SETTERS;
use tokenspec_spec::reserved::RESERVED;

/// A spec whose credentials are `count` form fields `c0`, `c1`, ...: line `7 + i` declares `ci`.
fn with_credentials(count: usize) -> String {
    let mut s = String::from(
        "tokenspec: 1\nname: many\nstyle: oauth2\ntoken:\n  url: https://auth.many.example/token\ncredentials:\n",
    );
    for i in 0..count {
        s.push_str(&format!("  c{i}: form\n"));
    }
    s
}

#[test]
fn the_setter_cap_admits_the_cap() {
    assert!(tokenspec_spec::load(&with_credentials(MAX_SETTERS), "ok.yaml").is_ok());
}

#[test]
fn forty_thousand_credentials_get_one_located_cap_error() {
    // Generating this spec's builder would take hours and gigabytes; `load` must refuse it
    // at once (a quadratic checker took seconds here), pointing at the first setter too many.
    let source = with_credentials(40_000);
    let d = one_error(&source, "too many setters");
    assert_eq!((d.line, d.column), (7 + MAX_SETTERS, 3));
    assert_eq!(
        d.message,
        "too many setters: this spec declares 40000, the most is 64"
    );
    assert!(d.hint.as_deref().is_some_and(|h| h.contains("at most 64")));
}

#[test]
fn the_cap_counts_variables_and_settable_parameters_too() {
    let mut extra = String::from("token:\n  url: https://auth.acme.example/token\n  params:\n");
    for i in 0..MAX_SETTERS {
        extra.push_str(&format!("    p{i}: {{ setter: true }}\n"));
    }
    let source =
        oauth2_spec("").replace("token:\n  url: https://auth.acme.example/token\n", &extra);
    let d = one_error(&source, "too many setters");
    assert!(
        d.hint
            .as_deref()
            .is_some_and(|h| h.contains("this parameter"))
    );
}

#[test]
fn every_reserved_name_is_refused_where_it_is_written() {
    for reserved in RESERVED {
        let name = reserved.name;
        let source = oauth2_spec("").replace("client_secret:", &format!("{name}:"));
        let d = one_error(&source, &format!("credential name `{name}` collides with"));
        assert_eq!((d.line, d.column, d.len), (8, 3, name.len()), "{name}");
        assert!(
            d.hint.as_deref().is_some_and(|h| h.contains("`timeouts`")),
            "{name}: {:?}",
            d.hint
        );
    }
}

#[test]
fn reserved_names_are_refused_for_variables_and_parameters() {
    let variable = "tokenspec: 1\nname: a\nstyle: oauth2\nvariables:\n  clock: {}\ntoken: { url: \"https://{clock}/t\" }\ncredentials:\n  client_id: basic-user\n";
    let d = one_error(
        variable,
        "variable name `clock` collides with the builder method `clock`",
    );
    assert_eq!((d.line, d.column), (5, 3));
    let param = oauth2_spec("").replace(
        "token:\n  url: https://auth.acme.example/token\n",
        "token:\n  url: https://auth.acme.example/token\n  params:\n    retry: { setter: true }\n",
    );
    one_error(
        &param,
        "parameter name `retry` collides with the builder method `retry`",
    );
}

#[test]
fn setters_that_differ_only_by_underscores_are_refused() {
    let source = oauth2_spec("").replace("client_secret:", "x_1: form\n  x1:");
    let d = one_error(&source, "both become `X1`");
    assert_eq!(
        d.message,
        "credential name `x1` and `x_1` (line 8) both become `X1` in generated type names"
    );
    assert_eq!((d.line, d.column), (9, 3));
}

#[test]
fn underscore_collisions_across_kinds_are_refused() {
    let source = "tokenspec: 1\nname: a\nstyle: oauth2\nvariables:\n  host_2: {}\ntoken: { url: \"https://{host_2}/t\" }\ncredentials:\n  host2: basic-user\n";
    let d = one_error(source, "both become `Host2`");
    assert_eq!((d.line, d.column), (8, 3));
}

#[test]
fn two_setters_reading_one_environment_variable_are_refused() {
    let source = oauth2_spec("").replace(
        "client_secret: { in: basic-password }",
        "client_secret: { in: basic-password, env: ACME_CLIENT_ID }",
    );
    let d = one_error(
        &source,
        "both read the environment variable `ACME_CLIENT_ID`",
    );
    // At the `env:` value that repeats the other setter's variable.
    assert_eq!(d.line, 8);
    assert!(d.column > 3);
}

#[test]
fn a_spec_with_every_setter_rule_broken_reports_each() {
    let source = oauth2_spec("").replace("client_secret:", "timeouts: form\n  a_1: form\n  a1:");
    let d = errors(&source);
    let messages: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages[0].contains("`timeouts` collides"));
    assert!(messages[1].contains("both become `A1`"));
}
