//! The spec as written in YAML, for schemars only: these types are never constructed or
//! deserialized (the loader reads the node tree by hand), they only carry the shape and the
//! docs that become the schema's descriptions. Keep them in step with `read/` and
//! `crates/tokenspec-core/docs/spec.md`; the schema tests compare their keys with the loader's.

// Never constructed: their fields exist for `#[derive(JsonSchema)]` alone.
#![allow(dead_code)]

use std::collections::BTreeMap;

use schemars::JsonSchema;

use super::scalars::{
    EnvName, Equals, HeaderName, Path, Rate, Scheme, SnakeName, Status, Text, Version,
};

/// The names of variables and credentials: snake_case, and none of the names the generated
/// builder and client reserve (`crate::reserved`, the table the checker also reads). Settable
/// parameters are held to the same rule by the loader only: a fixed parameter may take any
/// name, and a schema cannot tell a settable one by its name.
fn setter_names() -> serde_json::Value {
    let reserved: Vec<&str> = crate::reserved::names().collect();
    serde_json::json!({
        "pattern": "^[a-z][a-z0-9]*(_[a-z0-9]+)*$",
        "not": { "enum": reserved },
    })
}

/// A tokenspec spec (version 1): one provider's token endpoint, from which tokenspec
/// generates a typed token client.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "tokenspec spec",
    extend("anyOf" = [{ "required": ["style"] }, { "required": ["response"] }])
)]
pub(super) struct Spec {
    /// Version of the spec language; must be `1`.
    tokenspec: Version,
    /// Provider name, snake_case (`weir`): prefix of environment variables (`WEIR_CLIENT_ID`)
    /// and of log fields.
    name: SnakeName,
    /// One paragraph of documentation, copied into the generated rustdoc.
    docs: Option<Text>,
    /// `oauth2` applies RFC 6749 client-credentials defaults (form body, `grant_type`, the
    /// standard response paths and the section 5.2 error envelope).
    style: Option<Style>,
    /// Template variables of the token URL (`{host}`): each becomes a required builder setter.
    #[schemars(extend("propertyNames" = setter_names()))]
    variables: Option<BTreeMap<String, Variable>>,
    /// The token request.
    token: Token,
    /// The credentials, each a builder setter, and where each is placed.
    #[schemars(extend("propertyNames" = setter_names()))]
    credentials: BTreeMap<String, Credential>,
    /// Where the token and its fields are in a successful response (optional with
    /// `style: oauth2`).
    response: Option<Response>,
    /// The error envelope and the named errors.
    errors: Option<Errors>,
    /// The token endpoint's rate limit.
    limits: Option<Limits>,
    /// How the token is applied to API calls.
    apply: Option<Apply>,
    /// A refresh-token grant, where the provider documents one.
    refresh: Option<Refresh>,
}

/// The only style.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Style {
    /// RFC 6749 client credentials.
    Oauth2,
}

/// A template variable: its docs as a string, or a mapping, or nothing.
#[derive(JsonSchema)]
#[serde(untagged)]
enum Variable {
    /// No docs.
    None(()),
    /// Just the docs of the setter.
    Docs(Text),
    /// Docs, example and environment variable.
    Full(SlotDocs),
}

/// What documents a setter.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct SlotDocs {
    /// Rustdoc of the setter.
    docs: Option<Text>,
    /// An example value, shown in docs.
    example: Option<Text>,
    /// Environment variable read by `from_env` (default `NAME_SETTER`).
    env: Option<EnvName>,
}

/// The token request.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Token {
    /// The token URL: `https://`, `http://` for a loopback host, or starting with a variable
    /// (`{api_url}/token`); may hold `{variable}` templates.
    url: String,
    /// HTTP method (default `POST`).
    method: Option<Method>,
    /// Body encoding (default `form` with `style: oauth2`).
    body: Option<Body>,
    /// Form-encode Basic credentials before base64 (RFC 6749 section 2.3.1; default true
    /// with `style: oauth2`).
    basic_form_encode: Option<bool>,
    /// Fixed request headers.
    #[schemars(extend("propertyNames" = { "pattern": "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" }))]
    headers: Option<BTreeMap<String, Text>>,
    /// Fixed or settable parameters of the token request.
    params: Option<BTreeMap<String, Param>>,
}

/// HTTP method of the token request.
#[derive(JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
enum Method {
    /// `GET`
    Get,
    /// `POST`
    Post,
    /// `PUT`
    Put,
}

/// Body encoding of the token request.
// The words are `crate::words::BODIES`: tests/tests/cli_schema.rs holds this enum equal to it.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Body {
    /// No body at all.
    None,
    /// A JSON object of string fields.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
}

/// A parameter: a fixed body field written as its value, or a mapping.
#[derive(JsonSchema)]
#[serde(untagged)]
enum Param {
    /// Short form: a fixed body field.
    Fixed(Text),
    /// Long form.
    Full(ParamFull),
}

/// A parameter's long form.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct ParamFull {
    /// The value, or the setter's default.
    value: Option<Text>,
    /// Where it goes (default `body`).
    #[serde(rename = "in")]
    place: Option<ParamIn>,
    /// Whether a builder setter may override it (a parameter without `value` needs one).
    setter: Option<bool>,
    /// Rustdoc of the setter.
    docs: Option<Text>,
    /// An example value, shown in docs.
    example: Option<Text>,
    /// Environment variable of the setter (default `NAME_PARAM`).
    env: Option<EnvName>,
}

/// Where a parameter goes.
// The words are `crate::words::PARAM_PLACES`: tests/tests/cli_schema.rs holds this enum equal
// to it.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
enum ParamIn {
    /// A body field.
    Body,
    /// A query parameter.
    Query,
    /// A request header.
    Header,
}

/// A credential: its placement alone, or a mapping.
#[derive(JsonSchema)]
#[serde(untagged)]
enum Credential {
    /// Short form: just the placement.
    Placement(CredIn),
    /// Long form.
    Full(CredentialFull),
}

/// A credential's long form.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct CredentialFull {
    /// Where it is placed.
    #[serde(rename = "in")]
    place: CredIn,
    /// Whether it is a secret, redacted everywhere (default true).
    secret: Option<bool>,
    /// Wire name (default: the credential's name; required for `header` and `api-header`).
    name: Option<String>,
    /// Environment variable read by `from_env` (default `NAME_CREDENTIAL`).
    env: Option<EnvName>,
    /// Rustdoc of the setter.
    docs: Option<Text>,
    /// An example value, shown in docs.
    example: Option<Text>,
}

/// Where a credential is placed.
// The words are `crate::words::PLACEMENTS`: tests/tests/cli_schema.rs holds this enum equal
// to it.
#[derive(JsonSchema)]
#[serde(rename_all = "kebab-case")]
enum CredIn {
    /// Username of HTTP Basic auth.
    BasicUser,
    /// Password of HTTP Basic auth.
    BasicPassword,
    /// A field of a JSON body (needs `token.body: json`).
    Json,
    /// A field of a form body (needs `token.body: form`).
    Form,
    /// A query parameter of the token URL.
    Query,
    /// A header of the token request (needs `name`).
    Header,
    /// Not sent for the token: a header on every API call (needs `name`).
    ApiHeader,
}

/// Where the token and its fields are in a successful response.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Response {
    /// Object the other paths are relative to.
    root: Option<Root>,
    /// A value that must hold for a 2xx response to count as a success.
    success: Option<Success>,
    /// The access token (required unless `style: oauth2`).
    token: Option<Path>,
    /// The token type.
    token_type: Option<Path>,
    /// Lifetime in seconds, a number or a numeric string.
    expires_in: Option<Path>,
    /// The refresh token.
    refresh_token: Option<Path>,
    /// The granted scope.
    scope: Option<Path>,
    /// Lifetime in seconds assumed when `expires_in` is absent.
    lifetime: Option<u64>,
    /// Further fields of the generated token struct.
    #[schemars(extend("propertyNames" = { "pattern": "^[a-z][a-z0-9]*(_[a-z0-9]+)*$" }))]
    fields: Option<BTreeMap<String, Field>>,
}

/// The response root: a path, or a mapping.
#[derive(JsonSchema)]
#[serde(untagged)]
enum Root {
    /// Short form: the path.
    Path(Path),
    /// Long form.
    Full(RootFull),
}

/// The response root's long form.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct RootFull {
    /// The path.
    path: Path,
    /// Also accept the object as a string holding JSON.
    json_string: Option<bool>,
}

/// `success: { path: status, equals: success }`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Success {
    /// Where the discriminator is.
    path: Path,
    /// What it must equal.
    equals: Equals,
}

/// A further token field: its path (a string field), or a mapping.
#[derive(JsonSchema)]
#[serde(untagged)]
enum Field {
    /// Short form: the path of a string field, not required.
    Path(Path),
    /// Long form.
    Full(FieldFull),
}

/// A token field's long form.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct FieldFull {
    /// Where it is (default: the field's name at the root).
    path: Option<Path>,
    /// Its type (default `string`).
    #[serde(rename = "type")]
    ty: Option<FieldType>,
    /// Whether a response without it is an error (default false).
    required: Option<bool>,
    /// Whether it is a secret, redacted everywhere (strings only; default false).
    secret: Option<bool>,
}

/// The type of a token field.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
enum FieldType {
    /// A string.
    String,
    /// An integer (or a string holding one).
    Integer,
    /// A number (or a string holding one).
    Number,
    /// A boolean.
    Bool,
    /// Any JSON value.
    Json,
}

/// One value or a list of them.
#[derive(JsonSchema)]
#[serde(untagged)]
#[schemars(inline)]
enum OneOrMany<T> {
    // No docs on the variants: the key's own description says what the list means.
    One(T),
    Many(Vec<T>),
}

/// The error envelope and the named errors.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Errors {
    /// Where the error code is: a path, or paths tried in order.
    code: Option<OneOrMany<Path>>,
    /// Where the message is: a path, or paths tried in order (strings only).
    message: Option<OneOrMany<Path>>,
    /// Where the details are: a path, or paths tried in order.
    details: Option<OneOrMany<Path>>,
    /// Named errors, variants of the generated error enum, matched in order.
    variants: Option<Vec<Variant>>,
}

/// A named error: matched by code, or by HTTP status when no code matched.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("anyOf" = [{ "required": ["code"] }, { "required": ["status"] }]))]
struct Variant {
    /// The error code(s) that select it.
    code: Option<OneOrMany<Text>>,
    /// The HTTP status(es) that select it.
    status: Option<OneOrMany<Status>>,
    /// Variant name, UpperCamelCase (required when the code is not an identifier, or for a
    /// status-only variant).
    #[schemars(pattern(r"^[A-Z][A-Za-z0-9]*$"))]
    name: Option<String>,
    /// Whether the error is worth a retry (default false).
    retry: Option<bool>,
    /// Documentation of the variant.
    docs: Option<Text>,
}

/// The token endpoint's rate limit.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Limits {
    /// Requests allowed per period.
    rate: Option<Rate>,
}

/// How the token is applied to API calls.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Apply {
    /// Header that carries the token (default `Authorization`).
    header: Option<HeaderName>,
    scheme: Option<Scheme>,
    /// Hosts the token may be sent to (default: the token URL's host); may hold
    /// `{variable}` templates.
    hosts: Option<OneOrMany<String>>,
}

/// A refresh-token grant.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
struct Refresh {
    /// Fixed body values of the refresh request.
    params: Option<BTreeMap<String, Param>>,
    /// The body field carrying the refresh token.
    token_param: String,
}
