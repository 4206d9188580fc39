//! The plan: a spec lowered to plain data that the runtime engine executes.
//!
//! A [`Plan`] says everything the wire protocol needs and nothing about Rust code: how to
//! build the token request, how to read the response and the error envelope, the rate limit,
//! and how the token is applied to API calls. It is produced by `lower` (feature `load`) from a
//! checked spec, written out as a Rust expression by the code generator, and executed by
//! `tokenspec-core`'s engine. The mock provider and the CLI read the same plan at run time, so
//! there is exactly one description of each provider's protocol.
//!
//! Everything here is owned (`String`, `Vec`) so a plan can be built both by generated code
//! (once, in a `LazyLock`) and by the loader at run time.

/// HTTP method of the token request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `POST` (the default).
    Post,
    /// `PUT`
    Put,
}

impl Method {
    /// The method's name as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
}

/// How the token request's body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyEncoding {
    /// No body at all.
    None,
    /// `application/json` object of string fields.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
}

/// What kind of value a slot holds, which decides how it is set and where it may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SlotKind {
    /// A credential (client id, secret, API key). Required.
    Credential,
    /// A variable of the token URL (`{api_url}`, `{host}`). Required.
    Variable,
    /// A parameter with a default value that the user may override (scopes). Optional.
    Param,
}

/// A value the user supplies through a builder setter or the environment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Slot {
    /// Name in the spec; also the builder setter's name.
    pub name: String,
    /// Environment variable read by `from_env` (`WEIR_CLIENT_ID`).
    pub env: String,
    /// What kind of slot this is.
    pub kind: SlotKind,
    /// Whether the value is a secret: held in a secret type, redacted everywhere.
    pub secret: bool,
    /// Default value ([`SlotKind::Param`] only).
    pub default: Option<String>,
}

/// Where a value goes in the token request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// Username of an HTTP Basic `Authorization` header.
    BasicUser,
    /// Password of an HTTP Basic `Authorization` header.
    BasicPassword,
    /// A field of the request body (JSON or form, per [`Plan::body`]).
    Body(String),
    /// A query parameter of the token URL.
    Query(String),
    /// A request header.
    Header(String),
}

/// Where a value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A fixed value written in the spec.
    Fixed(String),
    /// The slot with this index in [`Plan::slots`].
    Slot(usize),
}

/// One value placed in the token request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Placement {
    /// Where it goes.
    pub target: Target,
    /// What it is.
    pub source: Source,
}

/// A path into a JSON document: object keys, or array indices written as numbers.
pub type JsonPath = Vec<String>;

/// The declared type of an extra token field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    /// A JSON string.
    String,
    /// A JSON integer (or a string holding one).
    Integer,
    /// A JSON number (or a string holding one).
    Number,
    /// A JSON boolean.
    Bool,
    /// Any JSON value, kept as is.
    Json,
}

/// An extra named field of the token response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FieldPlan {
    /// Field name in the generated token struct.
    pub name: String,
    /// Where it is, relative to the response root.
    pub path: JsonPath,
    /// Its declared type.
    pub ty: FieldType,
    /// Whether a response without it is an error.
    pub required: bool,
    /// Whether the value is a secret ([`FieldType::String`] only).
    pub secret: bool,
}

/// A scalar a success discriminator compares against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Integer(i64),
}

/// How to read a successful token response.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ResponsePlan {
    /// Object the other paths are relative to (`data`); empty for the document itself.
    pub root: JsonPath,
    /// Whether the root may arrive as a string holding JSON (seed 003).
    pub root_json_string: bool,
    /// A field that must equal a value for the response to count as a success.
    pub success: Option<(JsonPath, Scalar)>,
    /// The access token. Required.
    pub token: JsonPath,
    /// The token type (`Bearer`).
    pub token_type: Option<JsonPath>,
    /// Lifetime in seconds, a number or a numeric string.
    pub expires_in: Option<JsonPath>,
    /// The refresh token.
    pub refresh_token: Option<JsonPath>,
    /// The granted scope.
    pub scope: Option<JsonPath>,
    /// Lifetime in seconds assumed when the response states none.
    pub default_lifetime: Option<u64>,
    /// Further declared fields, in declaration order.
    pub fields: Vec<FieldPlan>,
}

/// A named error of the provider, one variant of the generated error enum.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VariantPlan {
    /// Variant name (UpperCamelCase).
    pub name: String,
    /// Error codes that select it (compared as strings).
    pub codes: Vec<String>,
    /// HTTP statuses that select it when the response carries no matching code.
    pub statuses: Vec<u16>,
    /// Whether the error is worth a retry.
    pub retry: bool,
    /// Documentation of the variant.
    pub docs: Option<String>,
}

/// How to read the provider's error envelope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ErrorPlan {
    /// Where the error code may be, tried in order (string or number).
    pub code: Vec<JsonPath>,
    /// Where the message may be, tried in order (strings only).
    pub message: Vec<JsonPath>,
    /// Where the details may be, tried in order (strings only).
    pub details: Vec<JsonPath>,
    /// Named errors, matched in order: first by code, then by status.
    pub variants: Vec<VariantPlan>,
}

/// The token endpoint's rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// Requests allowed per period.
    pub requests: u32,
    /// Length of the period in seconds.
    pub per_seconds: u64,
}

/// A header added to API calls from a slot (Weightron's `x-api-key`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApiHeader {
    /// Header name.
    pub name: String,
    /// Index of the slot that supplies its value.
    pub slot: usize,
}

/// How the token is applied to API calls.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApplyPlan {
    /// Header that carries the token (`Authorization`).
    pub header: String,
    /// Scheme before the token (`Bearer`); `None` sends the bare token.
    pub scheme: Option<String>,
    /// Hosts (URL templates allowed) the token may be sent to; empty means the token
    /// endpoint's host.
    pub hosts: Vec<String>,
    /// Headers filled from slots on every API call.
    pub headers: Vec<ApiHeader>,
}

/// A refresh-token grant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RefreshPlan {
    /// Values placed in the refresh request, besides the refresh token (credentials included).
    pub placements: Vec<Placement>,
    /// Where the refresh token goes.
    pub token_target: Target,
}

/// A provider's token protocol, lowered from its spec.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Plan {
    /// Provider name (snake_case), used in logs and environment variables.
    pub name: String,
    /// HTTP method of the token request.
    pub method: Method,
    /// Token URL; may hold `{variable}` templates naming [`SlotKind::Variable`] slots.
    pub url: String,
    /// Body encoding of the token request.
    pub body: BodyEncoding,
    /// Whether Basic credentials are form-encoded before base64 (RFC 6749 section 2.3.1).
    pub basic_form_encode: bool,
    /// User-supplied values, in setter order.
    pub slots: Vec<Slot>,
    /// Everything placed in the token request, in spec order.
    pub placements: Vec<Placement>,
    /// How to read a successful response.
    pub response: ResponsePlan,
    /// How to read an error response.
    pub errors: ErrorPlan,
    /// The token endpoint's rate limit.
    pub rate_limit: Option<RateLimit>,
    /// How the token is applied to API calls.
    pub apply: ApplyPlan,
    /// The refresh-token grant, if the provider documents one.
    pub refresh: Option<RefreshPlan>,
}

impl Plan {
    /// Index of the slot named `name`.
    pub fn slot_index(&self, name: &str) -> Option<usize> {
        self.slots.iter().position(|s| s.name == name)
    }
}
