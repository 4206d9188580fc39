//! Bad specs: every error is reported, each at the right line and column, with a hint.

mod common;

use common::{errors, oauth2_spec, one_error, positions};

#[test]
fn renders_rustc_style() {
    let source = "tokenspec: 1\nname: weir\ntoken:\n  urll: https://api.weir.ai/auth/token\n";
    let d = errors(source);
    let rendered = d.render(source, "specs/weir.yaml");
    let expected = "error: unknown key `urll` in `token`
 --> specs/weir.yaml:4:3
  |
4 |   urll: https://api.weir.ai/auth/token
  |   ^^^^
  = help: did you mean `url`?
";
    assert!(rendered.contains(expected), "got:\n{rendered}");
}

#[test]
fn unknown_key_suggests_the_nearest() {
    let d = one_error(
        &oauth2_spec("respnse:\n  lifetime: 300\n"),
        "unknown key `respnse`",
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `response`?"));
    assert_eq!((d.line, d.column, d.len), (9, 1, 7));

    let d = one_error(
        &oauth2_spec("zzzzzz: 1\n"),
        "unknown key `zzzzzz` in the spec",
    );
    assert!(
        d.hint
            .as_deref()
            .is_some_and(|h| h.starts_with("expected one of `tokenspec`"))
    );
}

const MANY_MISTAKES: &str = "\
tokenspec: 1
name: weir
token:
  urll: https://api.weir.ai/auth/token
  url: http://api.weir.ai/auth/token
  body: jsn
credentials:
  client_id:
    in: basic-user
    secrt: false
  secret_key: {}
response:
  token: data..accessToken
errors:
  variants:
    - code: \"400013\"
limits:
  rate: 10/min
";

#[test]
fn reports_every_mistake_at_once() {
    let d = errors(MANY_MISTAKES);
    let got: Vec<(usize, usize)> = d.iter().map(|d| (d.line, d.column)).collect();
    assert_eq!(
        got,
        [
            (4, 3),
            (5, 8),
            (6, 9),
            (10, 5),
            (11, 3),
            (13, 10),
            (16, 13),
            (18, 9)
        ],
        "{}",
        d.render(MANY_MISTAKES, "test.yaml")
    );
    let messages: Vec<String> = positions(&d).into_iter().map(|p| p.2).collect();
    assert!(messages[0].contains("unknown key `urll`"));
    assert!(messages[1].contains("plain-http"));
    assert!(messages[2].contains("unknown value `jsn`"));
    assert!(messages[3].contains("unknown key `secrt`"));
    assert!(messages[4].contains("never placed"));
    assert!(messages[5].contains("malformed path"));
    assert!(messages[6].contains("cannot name a variant"));
    assert!(messages[7].contains("malformed rate"));
    assert!(d.iter().all(|d| d.hint.is_some()), "every error has a hint");
    let rendered = d.render(MANY_MISTAKES, "test.yaml");
    assert_eq!(rendered.matches("error: ").count(), 8);
    assert!(rendered.contains("--> test.yaml:18:9"));
}

#[test]
fn yaml_syntax_error_is_located() {
    let source = "tokenspec: 1\nname: [weir\n";
    let d = errors(source);
    assert_eq!(d.len(), 1);
    let first = &d.0[0];
    assert!(
        first.message.starts_with("invalid YAML"),
        "{}",
        first.message
    );
    assert_eq!(first.line, 2);
}

#[test]
fn duplicate_keys_are_errors() {
    let source = oauth2_spec("name: other\n");
    let d = one_error(&source, "duplicate key `name`");
    assert_eq!((d.line, d.column, d.len), (9, 1, 4));
    assert_eq!(d.hint.as_deref(), Some("`name` is first set at line 2"));
}

#[test]
fn empty_and_non_mapping_documents() {
    one_error("", "the spec is empty");
    one_error("- a\n- b\n", "a spec must be a mapping");
    one_error("just a string", "a spec must be a mapping");
}

#[test]
fn missing_required_keys() {
    let d = errors("tokenspec: 1\n");
    let messages: Vec<String> = positions(&d).into_iter().map(|p| p.2).collect();
    for key in ["name", "token", "credentials", "response"] {
        assert!(
            messages.contains(&format!("missing required key `{key}`")),
            "{messages:?}"
        );
    }
    one_error(
        "tokenspec: 1\nname: a\nstyle: oauth2\ntoken: {}\ncredentials: {}\n",
        "missing required key `url` in `token`",
    );
    let no_token = "tokenspec: 1\nname: a\ntoken: { url: https://a.example/t }\ncredentials: {}\nresponse:\n  scope: scope\n";
    let d = one_error(no_token, "missing required key `token` in `response`");
    assert_eq!((d.line, d.column), (5, 1));
}

#[test]
fn version_must_be_one() {
    let d = one_error(
        &oauth2_spec("").replace("tokenspec: 1", "tokenspec: 2"),
        "version 2",
    );
    assert_eq!((d.line, d.column), (1, 12));
    one_error(
        &oauth2_spec("").replace("tokenspec: 1", "tokenspec: one"),
        "expected the integer 1",
    );
}

#[test]
fn wrong_types_say_what_was_expected() {
    let d = one_error(
        &oauth2_spec("").replace("secret: false", "secret: nope"),
        "expected `true` or `false` for `credentials.client_id.secret`, found a string",
    );
    assert_eq!((d.line, d.column), (7, 40));
    one_error(
        &oauth2_spec("response:\n  lifetime: soon\n"),
        "expected a non-negative integer",
    );
    one_error(
        &oauth2_spec("apply: [x]\n"),
        "expected a mapping for `apply`, found a list",
    );
}

#[test]
fn json_placement_needs_json_body() {
    let source = "tokenspec: 1\nname: a\nstyle: oauth2\ntoken: { url: https://a.example/t }\ncredentials:\n  key: { in: json }\n";
    let d = one_error(source, "placed `in: json` but the token body is `form`");
    assert_eq!((d.line, d.column), (6, 14));
    let form = "tokenspec: 1\nname: a\nstyle: oauth2\ntoken: { url: https://a.example/t, body: json }\ncredentials:\n  key: { in: form }\n";
    one_error(form, "placed `in: form` but the token body is `json`");
}

#[test]
fn url_variables_must_be_declared_and_used() {
    let source = "tokenspec: 1\nname: a\nstyle: oauth2\nvariables:\n  host: {}\ntoken:\n  url: \"https://{hots}/t\"\ncredentials:\n  id: basic-user\n";
    let d = errors(source);
    let got = positions(&d);
    assert_eq!(got.len(), 2, "{}", d.render(source, "t"));
    assert_eq!((got[0].0, got[0].1), (5, 3));
    assert!(
        got[0]
            .2
            .contains("variable `host` is declared but never used")
    );
    // Column of `{hots}` inside the quoted URL.
    assert_eq!((got[1].0, got[1].1), (7, 17));
    assert!(got[1].2.contains("`hots` is not declared"));
    assert_eq!(d.0[1].hint.as_deref(), Some("did you mean `host`?"));
}

#[test]
fn plain_http_only_for_loopback() {
    one_error(
        &oauth2_spec("").replace("https://auth.acme.example", "http://auth.acme.example"),
        "plain-http token URL for host `auth.acme.example`",
    );
    for host in ["127.0.0.1:8080", "127.1.2.3", "localhost", "[::1]:9000"] {
        let source =
            oauth2_spec("").replace("https://auth.acme.example", &format!("http://{host}"));
        assert!(tokenspec_spec::load(&source, "t").is_ok(), "{host}");
    }
    one_error(
        &oauth2_spec("").replace("https://auth.acme.example/token", "ftp://x/y"),
        "not an absolute https URL",
    );
}

#[test]
fn duplicate_and_reserved_names() {
    let source = "tokenspec: 1\nname: a\nstyle: oauth2\nvariables:\n  client_id: {}\ntoken: { url: \"https://{client_id}/t\" }\ncredentials:\n  client_id: basic-user\n";
    one_error(source, "duplicate setter name `client_id`");
    one_error(
        &oauth2_spec("").replace("client_secret:", "base_url:"),
        "collides with the builder method `base_url`",
    );
    one_error(
        &oauth2_spec("").replace("client_secret:", "type:"),
        "is a Rust keyword",
    );
    one_error(
        &oauth2_spec("").replace("client_secret:", "clientSecret:"),
        "is not snake_case",
    );
    one_error(
        &oauth2_spec("").replace("name: acme", "name: Acme"),
        "provider name `Acme`",
    );
    one_error(
        &oauth2_spec("response:\n  fields:\n    scope: data.scope\n"),
        "collides with a built-in token field",
    );
}

#[test]
fn variant_rules() {
    let two = oauth2_spec("errors:\n  variants:\n    - code: a_b\n    - code: A_B\n");
    let d = one_error(&two, "duplicate variant name `AB`");
    assert_eq!((d.line, d.column), (12, 13));
    one_error(
        &oauth2_spec("errors:\n  variants:\n    - code: decode\n"),
        "variant name `Decode` collides with a built-in variant",
    );
    one_error(
        &oauth2_spec("errors:\n  variants:\n    - code: x\n      name: RateLimited\n"),
        "collides with a built-in variant",
    );
    one_error(
        &oauth2_spec("errors:\n  variants:\n    - status: 403\n"),
        "status only needs a `name`",
    );
    one_error(
        &oauth2_spec("errors:\n  variants:\n    - code: 400013\n"),
        "code `400013` cannot name",
    );
    let d = one_error(
        &oauth2_spec("errors:\n  variants:\n    - status: 600\n      name: Odd\n"),
        "status 600 is not an HTTP status",
    );
    assert_eq!(d.hint.as_deref(), Some("HTTP statuses are 100..=599"));
    one_error(
        &oauth2_spec("errors:\n  variants:\n    - name: Never\n"),
        "neither `code` nor `status`",
    );
    one_error(
        &oauth2_spec("errors:\n  variants:\n    - code: x\n      name: not_camel\n"),
        "not UpperCamelCase",
    );
}

#[test]
fn basic_halves_and_headers() {
    one_error(
        &oauth2_spec("").replace(
            "client_secret: { in: basic-password }",
            "client_secret: { in: basic-user }",
        ),
        "is a second `basic-user`",
    );
    let source = "tokenspec: 1\nname: a\nstyle: oauth2\ntoken:\n  url: https://a.example/t\n  headers:\n    Bad Header: x\ncredentials:\n  id: basic-user\n  key: { in: api-header }\n";
    let d = errors(source);
    let got = positions(&d);
    assert_eq!(got.len(), 2, "{}", d.render(source, "t"));
    assert!(
        got[0]
            .2
            .contains("`Bad Header` is not a valid HTTP header name")
    );
    assert!(
        got[1]
            .2
            .contains("`in: api-header` without a header `name`")
    );
    one_error(
        &oauth2_spec("apply:\n  header: \"X:Y\"\n"),
        "not a valid HTTP header name",
    );
}

#[test]
fn malformed_paths() {
    for (path, what) in [
        ("data..token", "empty segment"),
        (".data", "starts or ends with a dot"),
        ("data.", "starts or ends with a dot"),
        ("\"data token\"", "holds a space"),
        ("\"\"", "it is empty"),
    ] {
        let source = oauth2_spec(&format!("response:\n  token: {path}\n"));
        let d = one_error(&source, what);
        assert_eq!((d.line, d.column), (10, 10), "{path}");
    }
}

#[test]
fn params_and_refresh_rules() {
    one_error(
        &oauth2_spec("").replace(
            "  url: https://auth.acme.example/token\n",
            "  url: https://auth.acme.example/token\n  params:\n    scope: { in: query }\n",
        ),
        "parameter `scope` has no `value`",
    );
    let weir_like = "tokenspec: 1\nname: a\ntoken:\n  url: https://a.example/t\n  body: none\n  params:\n    grant_type: client_credentials\ncredentials:\n  id: basic-user\nresponse:\n  token: t\n";
    one_error(weir_like, "goes in the body, but `token.body` is `none`");
    one_error(
        &oauth2_spec("refresh:\n  params: { grant_type: refresh_token }\n"),
        "missing required key `token_param`",
    );
    let no_refresh_path = "tokenspec: 1\nname: a\ntoken:\n  url: https://a.example/t\ncredentials:\n  id: form\nresponse:\n  token: t\nrefresh:\n  token_param: refresh_token\n";
    one_error(no_refresh_path, "needs `response.refresh_token`");
}

#[test]
fn style_and_words() {
    let d = one_error(
        &oauth2_spec("").replace("style: oauth2", "style: oauth"),
        "unknown style",
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `oauth2`?"));
    let d = one_error(
        &oauth2_spec("").replace("in: basic-user", "in: basic_user"),
        "unknown value `basic_user`",
    );
    assert_eq!(d.hint.as_deref(), Some("did you mean `basic-user`?"));
    one_error(
        &oauth2_spec("").replace("in: basic-user,", "env: ACME_ID,"),
        "never placed",
    );
}

#[test]
fn display_lists_positions() {
    let d = errors(MANY_MISTAKES);
    let text = d.to_string();
    assert!(
        text.starts_with("4:3: unknown key `urll` in `token` (help: did you mean `url`?)"),
        "{text}"
    );
    assert_eq!(text.lines().count(), d.len());
}
