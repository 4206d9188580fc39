//! The plan: a spec lowered to plain data that the runtime engine executes.
//!
//! A [`Plan`] says everything the wire protocol needs and nothing about Rust code: how to
//! build the token request, how to read the response and the error envelope, the rate limit,
//! and how the token is applied to API calls. It is produced by `lower` (feature `load`) from a
//! checked spec, written out as a Rust expression by the code generator, and executed by
//! `tokenspec-core`'s engine. The mock provider and the CLI read the same plan at run time, so
//! there is exactly one description of each provider's protocol.
//!
//! Text and lists are [`Cow<'static, _>`](Cow) ([`Text`], [`List`]), so one type serves both
//! kinds of plan: generated code writes its plan as a `static` of borrowed literals (no
//! allocation, nothing to run at first use), and the loader builds an owned one at run time.
//! The `const fn` constructors ([`Slot::credential`], [`Target::body`] with
//! [`Target::fixed`], ...) and the constants of `style: oauth2` ([`ResponsePlan::OAUTH2`],
//! [`ErrorPlan::OAUTH2`], [`ApplyPlan::BEARER`], [`Plan::DEFAULTS`]) keep generated plans
//! short, and so do three macros for the lists that are literals: [`path!`] (a [`JsonPath`]),
//! [`paths!`] (a list of them) and [`variant!`] (a [`VariantPlan`]). A list whose items are
//! `const fn` calls is written `Cow::Borrowed(&[..])`: a borrowed temporary lives for
//! `'static` through a struct field or an enum variant, not through a function's argument.

use std::borrow::Cow;

mod macros;

/// Text of a plan: a `&'static str` in a generated plan, a `String` in a loaded one.
pub type Text = Cow<'static, str>;

/// A list of a plan: a `&'static [T]` in a generated plan, a `Vec<T>` in a loaded one.
pub type List<T> = Cow<'static, [T]>;

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
    pub name: Text,
    /// Environment variable read by `from_env` (`WEIR_CLIENT_ID`).
    pub env: Text,
    /// What kind of slot this is.
    pub kind: SlotKind,
    /// Whether the value is a secret: held in a secret type, redacted everywhere.
    pub secret: bool,
    /// Default value ([`SlotKind::Param`] only).
    pub default: Option<Text>,
}

impl Slot {
    /// A variable of the token URL, read from `env`.
    pub const fn variable(name: &'static str, env: &'static str) -> Slot {
        Slot::new(name, env, SlotKind::Variable, false, None)
    }

    /// A credential, read from `env`; `secret` says whether it is redacted.
    pub const fn credential(name: &'static str, env: &'static str, secret: bool) -> Slot {
        Slot::new(name, env, SlotKind::Credential, secret, None)
    }

    /// A parameter the user may override, read from `env`, with its default value.
    pub const fn param(
        name: &'static str,
        env: &'static str,
        default: Option<&'static str>,
    ) -> Slot {
        let default = match default {
            Some(d) => Some(Cow::Borrowed(d)),
            None => None,
        };
        Slot::new(name, env, SlotKind::Param, false, default)
    }

    const fn new(
        name: &'static str,
        env: &'static str,
        kind: SlotKind,
        secret: bool,
        default: Option<Text>,
    ) -> Slot {
        Slot {
            name: Cow::Borrowed(name),
            env: Cow::Borrowed(env),
            kind,
            secret,
            default,
        }
    }
}

/// Where a value goes in the token request.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Target {
    /// Username of an HTTP Basic `Authorization` header.
    BasicUser,
    /// Password of an HTTP Basic `Authorization` header.
    BasicPassword,
    /// A field of the request body (JSON or form, per [`Plan::body`]).
    Body(Text),
    /// A query parameter of the token URL.
    Query(Text),
    /// A request header.
    Header(Text),
}

impl Target {
    /// The body field `name`.
    pub const fn body(name: &'static str) -> Target {
        Target::Body(Cow::Borrowed(name))
    }

    /// The query parameter `name`.
    pub const fn query(name: &'static str) -> Target {
        Target::Query(Cow::Borrowed(name))
    }

    /// The request header `name`.
    pub const fn header(name: &'static str) -> Target {
        Target::Header(Cow::Borrowed(name))
    }

    /// Places the fixed `value` here: `Target::body("grant_type").fixed("client_credentials")`.
    pub const fn fixed(self, value: &'static str) -> Placement {
        Placement {
            target: self,
            source: Source::Fixed(Cow::Borrowed(value)),
        }
    }

    /// Places the value of slot `index` ([`Plan::slots`]) here.
    pub const fn slot(self, index: usize) -> Placement {
        Placement {
            target: self,
            source: Source::Slot(index),
        }
    }
}

/// Where a value comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// A fixed value written in the spec.
    Fixed(Text),
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
pub type JsonPath = List<Text>;

#[doc(inline)]
pub use crate::__plan_path as path;
#[doc(inline)]
pub use crate::__plan_paths as paths;
#[doc(inline)]
pub use crate::__plan_variant as variant;

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
    pub name: Text,
    /// Where it is, relative to the response root.
    pub path: JsonPath,
    /// Its declared type.
    pub ty: FieldType,
    /// Whether a response without it is an error.
    pub required: bool,
    /// Whether the value is a secret ([`FieldType::String`] only).
    pub secret: bool,
}

impl FieldPlan {
    /// The field `name` at `path` (a [`path!`]), of type `ty`.
    pub const fn new(
        name: &'static str,
        path: JsonPath,
        ty: FieldType,
        required: bool,
        secret: bool,
    ) -> FieldPlan {
        FieldPlan {
            name: Cow::Borrowed(name),
            path,
            ty,
            required,
            secret,
        }
    }
}

/// A scalar a success discriminator compares against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// A string.
    String(Text),
    /// A boolean.
    Bool(bool),
    /// An integer.
    Integer(i64),
}

impl Scalar {
    /// The string `value`.
    pub const fn string(value: &'static str) -> Scalar {
        Scalar::String(Cow::Borrowed(value))
    }
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
    pub fields: List<FieldPlan>,
}

impl ResponsePlan {
    /// The response of `style: oauth2` (RFC 6749 section 5.1): `access_token`, `token_type`,
    /// `expires_in`, `refresh_token` and `scope` at the top level.
    pub const OAUTH2: ResponsePlan = ResponsePlan {
        root: path!(),
        root_json_string: false,
        success: None,
        token: path!("access_token"),
        token_type: Some(path!("token_type")),
        expires_in: Some(path!("expires_in")),
        refresh_token: Some(path!("refresh_token")),
        scope: Some(path!("scope")),
        default_lifetime: None,
        fields: Cow::Borrowed(&[]),
    };
}

/// A named error of the provider, one variant of the generated error enum.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct VariantPlan {
    /// Variant name (UpperCamelCase).
    pub name: Text,
    /// Error codes that select it (compared as strings).
    pub codes: List<Text>,
    /// HTTP statuses that select it when the response carries no matching code.
    pub statuses: List<u16>,
    /// Whether the error is worth a retry.
    pub retry: bool,
    /// Documentation of the variant.
    pub docs: Option<Text>,
}

impl VariantPlan {
    /// A variant named `name`, selected by `codes` or else by `statuses`.
    ///
    /// Pass the codes as `&[Cow::Borrowed("code"), ..]`: a slice of such literals is
    /// promoted to `'static`, one built by function calls is not. [`variant!`] writes that
    /// for you.
    pub const fn new(
        name: &'static str,
        codes: &'static [Text],
        statuses: &'static [u16],
        retry: bool,
        docs: Option<&'static str>,
    ) -> VariantPlan {
        let docs = match docs {
            Some(d) => Some(Cow::Borrowed(d)),
            None => None,
        };
        VariantPlan {
            name: Cow::Borrowed(name),
            codes: Cow::Borrowed(codes),
            statuses: Cow::Borrowed(statuses),
            retry,
            docs,
        }
    }
}

/// How to read the provider's error envelope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ErrorPlan {
    /// Where the error code may be, tried in order (string or number).
    pub code: List<JsonPath>,
    /// Where the message may be, tried in order (strings only).
    pub message: List<JsonPath>,
    /// Where the details may be, tried in order (strings only).
    pub details: List<JsonPath>,
    /// Named errors, matched in order: first by code, then by status.
    pub variants: List<VariantPlan>,
}

impl ErrorPlan {
    /// The error envelope of `style: oauth2` (RFC 6749 section 5.2): `error`,
    /// `error_description` and `error_uri`, and one variant per standard error code.
    pub const OAUTH2: ErrorPlan = ErrorPlan {
        code: paths![["error"]],
        message: paths![["error_description"]],
        details: paths![["error_uri"]],
        variants: Cow::Borrowed(&[
            variant!(
                "InvalidRequest",
                ["invalid_request"],
                [],
                false,
                "The request is missing a parameter, repeats one, or is otherwise malformed (`invalid_request`).",
            ),
            variant!(
                "InvalidClient",
                ["invalid_client"],
                [401],
                false,
                "Client authentication failed: unknown client or wrong secret (`invalid_client`).",
            ),
            variant!(
                "InvalidGrant",
                ["invalid_grant"],
                [],
                false,
                "The grant or refresh token is invalid, expired or revoked (`invalid_grant`).",
            ),
            variant!(
                "UnauthorizedClient",
                ["unauthorized_client"],
                [],
                false,
                "The client may not use this grant type (`unauthorized_client`).",
            ),
            variant!(
                "UnsupportedGrantType",
                ["unsupported_grant_type"],
                [],
                false,
                "The server does not support this grant type (`unsupported_grant_type`).",
            ),
            variant!(
                "InvalidScope",
                ["invalid_scope"],
                [],
                false,
                "The requested scope is invalid, unknown or exceeds what was granted (`invalid_scope`).",
            ),
        ]),
    };
}

/// The token endpoint's rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimit {
    /// Requests allowed per period.
    pub requests: u32,
    /// Length of the period in seconds.
    pub per_seconds: u64,
}

impl RateLimit {
    /// `requests` per `per_seconds` seconds.
    pub const fn new(requests: u32, per_seconds: u64) -> RateLimit {
        RateLimit {
            requests,
            per_seconds,
        }
    }
}

/// A header added to API calls from a slot (Weightron's `x-api-key`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApiHeader {
    /// Header name.
    pub name: Text,
    /// Index of the slot that supplies its value.
    pub slot: usize,
}

impl ApiHeader {
    /// The header `name`, filled from slot `slot`.
    pub const fn new(name: &'static str, slot: usize) -> ApiHeader {
        ApiHeader {
            name: Cow::Borrowed(name),
            slot,
        }
    }
}

/// How the token is applied to API calls.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ApplyPlan {
    /// Header that carries the token (`Authorization`).
    pub header: Text,
    /// Scheme before the token (`Bearer`); `None` sends the bare token.
    pub scheme: Option<Text>,
    /// Hosts (URL templates allowed) the token may be sent to; empty means the token
    /// endpoint's host.
    pub hosts: List<Text>,
    /// Headers filled from slots on every API call.
    pub headers: List<ApiHeader>,
}

impl ApplyPlan {
    /// `Authorization: Bearer <token>`, to the token endpoint's host only: the default.
    pub const BEARER: ApplyPlan = ApplyPlan {
        header: Cow::Borrowed("Authorization"),
        scheme: Some(Cow::Borrowed("Bearer")),
        hosts: Cow::Borrowed(&[]),
        headers: Cow::Borrowed(&[]),
    };
}

/// A refresh-token grant.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RefreshPlan {
    /// Values placed in the refresh request, besides the refresh token (credentials included).
    pub placements: List<Placement>,
    /// Where the refresh token goes.
    pub token_target: Target,
}

/// A provider's token protocol, lowered from its spec.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Plan {
    /// Provider name (snake_case), used in logs and environment variables.
    pub name: Text,
    /// HTTP method of the token request.
    pub method: Method,
    /// Token URL; may hold `{variable}` templates naming [`SlotKind::Variable`] slots.
    pub url: Text,
    /// Body encoding of the token request.
    pub body: BodyEncoding,
    /// Whether Basic credentials are form-encoded before base64 (RFC 6749 section 2.3.1).
    pub basic_form_encode: bool,
    /// User-supplied values, in setter order.
    pub slots: List<Slot>,
    /// Everything placed in the token request, in spec order.
    pub placements: List<Placement>,
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
    /// What a spec leaves unsaid: `POST`, a form body, Basic credentials not form-encoded,
    /// the `style: oauth2` response and errors, no rate limit, a Bearer token to the token
    /// endpoint's host, no refresh grant. The name, URL, slots and placements are empty: this
    /// is a base for struct update (`Plan { name, url, .., ..Plan::DEFAULTS }`), not a plan
    /// to run.
    pub const DEFAULTS: Plan = Plan {
        name: Cow::Borrowed(""),
        method: Method::Post,
        url: Cow::Borrowed(""),
        body: BodyEncoding::Form,
        basic_form_encode: false,
        slots: Cow::Borrowed(&[]),
        placements: Cow::Borrowed(&[]),
        response: ResponsePlan::OAUTH2,
        errors: ErrorPlan::OAUTH2,
        rate_limit: None,
        apply: ApplyPlan::BEARER,
        refresh: None,
    };

    /// Index of the slot named `name`.
    pub fn slot_index(&self, name: &str) -> Option<usize> {
        self.slots.iter().position(|s| s.name == name)
    }
}

#[cfg(test)]
mod tests;
