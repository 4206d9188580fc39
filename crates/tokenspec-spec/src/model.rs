//! The spec as written, each value with its location, before defaults are applied.
//!
//! `read` fills this from the node tree, leaving `None` where a key is absent or was wrong
//! (the error is already recorded), `check` runs the cross-field rules on it, and `lower`
//! turns it into a [`crate::plan::Plan`]. Keeping locations here (serde_derive's `ast.rs`
//! habit) lets any later rule point at the exact spot.

use crate::diagnostic::Loc;
use crate::plan::{BodyEncoding, FieldType, Method, Scalar};

/// A value and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sp<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> Sp<T> {
    pub(crate) fn new(value: T, loc: Loc) -> Sp<T> {
        Sp { value, loc }
    }
}

/// A dot-separated response path, split into segments.
pub(crate) type Path = Sp<Vec<String>>;

/// The whole spec.
#[derive(Debug, Default)]
pub(crate) struct Model {
    pub name: Option<Sp<String>>,
    pub docs: Option<String>,
    pub oauth2: bool,
    pub variables: Vec<Variable>,
    pub token: Option<Token>,
    pub credentials: Vec<Credential>,
    pub response: Option<Response>,
    pub errors: Option<Errors>,
    pub limits: Option<Sp<(u32, u64)>>,
    pub apply: Option<Apply>,
    pub refresh: Option<Refresh>,
}

/// A variable, credential or settable parameter: something the builder has a setter for.
pub(crate) struct Setter<'a> {
    pub name: &'a Sp<String>,
    /// `variable`, `credential` or `parameter`, for messages.
    pub kind: &'static str,
    pub meta: &'a SlotDocs,
}

impl Model {
    /// Every setter, in the order the builder declares them (variables, credentials, settable
    /// parameters), which is also the order of the plan's slots.
    pub(crate) fn setters(&self) -> impl Iterator<Item = Setter<'_>> {
        let variables = self.variables.iter().map(|v| Setter {
            name: &v.name,
            kind: "variable",
            meta: &v.meta,
        });
        let credentials = self.credentials.iter().map(|c| Setter {
            name: &c.name,
            kind: "credential",
            meta: &c.meta,
        });
        let params = self
            .token
            .iter()
            .flat_map(|t| t.params.iter())
            .filter(|p| p.is_setter())
            .map(|p| Setter {
                name: &p.name,
                kind: "parameter",
                meta: &p.meta,
            });
        variables.chain(credentials).chain(params)
    }
}

/// What a slot may carry besides its name: docs, an example and an environment variable.
#[derive(Debug, Default, Clone)]
pub(crate) struct SlotDocs {
    pub docs: Option<String>,
    pub example: Option<String>,
    pub env: Option<Sp<String>>,
}

/// A template variable of the token URL.
#[derive(Debug)]
pub(crate) struct Variable {
    pub name: Sp<String>,
    pub meta: SlotDocs,
}

/// The token request.
#[derive(Debug, Default)]
pub(crate) struct Token {
    pub url: Option<Sp<String>>,
    pub method: Option<Sp<Method>>,
    pub body: Option<Sp<BodyEncoding>>,
    pub basic_form_encode: Option<Sp<bool>>,
    pub headers: Vec<(Sp<String>, Sp<String>)>,
    pub params: Vec<Param>,
}

/// Where a parameter goes (the enum and its words live in `crate::words`).
pub(crate) use crate::words::ParamIn;

/// A fixed or settable parameter of the token (or refresh) request.
#[derive(Debug)]
pub(crate) struct Param {
    pub name: Sp<String>,
    pub value: Option<Sp<String>>,
    pub place: Sp<ParamIn>,
    pub setter: Option<Sp<bool>>,
    pub meta: SlotDocs,
}

impl Param {
    pub(crate) fn is_setter(&self) -> bool {
        self.setter.as_ref().is_some_and(|s| s.value)
    }
}

/// Where a credential goes: the enum and its words live in `crate::words`, which the JSON
/// Schema reads too.
pub(crate) use crate::words::CredIn;

/// A credential and its placement.
#[derive(Debug)]
pub(crate) struct Credential {
    pub name: Sp<String>,
    pub place: Option<Sp<CredIn>>,
    /// Whether `in` is written at all (a wrong one is already reported).
    pub place_written: bool,
    pub secret: Option<Sp<bool>>,
    pub wire_name: Option<Sp<String>>,
    pub meta: SlotDocs,
}

/// How to read a successful response.
#[derive(Debug, Default)]
pub(crate) struct Response {
    pub key: Loc,
    pub root: Option<Path>,
    pub root_json_string: bool,
    pub success: Option<(Path, Sp<Scalar>)>,
    pub token: Option<Path>,
    /// Whether `token` is written at all (a malformed one is already reported).
    pub token_written: bool,
    pub token_type: Option<Path>,
    pub expires_in: Option<Path>,
    pub refresh_token: Option<Path>,
    pub scope: Option<Path>,
    pub lifetime: Option<Sp<u64>>,
    pub fields: Vec<Field>,
}

/// A further token field.
#[derive(Debug)]
pub(crate) struct Field {
    pub name: Sp<String>,
    pub path: Path,
    pub ty: FieldType,
    pub required: bool,
    pub secret: Option<Sp<bool>>,
}

/// The error envelope and named errors.
#[derive(Debug, Default)]
pub(crate) struct Errors {
    pub code: Option<Vec<Path>>,
    pub message: Option<Vec<Path>>,
    pub details: Option<Vec<Path>>,
    pub variants: Option<Vec<Variant>>,
}

/// A named error.
#[derive(Debug)]
pub(crate) struct Variant {
    /// Location of the list item, for errors about the variant as a whole.
    pub loc: Loc,
    pub codes: Vec<Sp<String>>,
    pub statuses: Vec<Sp<u16>>,
    /// Whether `code` or `status` is written at all (a wrong one is already reported).
    pub matcher_written: bool,
    pub name: Option<Sp<String>>,
    pub retry: bool,
    pub docs: Option<String>,
}

/// How the token is applied.
#[derive(Debug, Default)]
pub(crate) struct Apply {
    pub header: Option<Sp<String>>,
    /// `Some(None)` is `scheme: none`.
    pub scheme: Option<Sp<Option<String>>>,
    pub hosts: Vec<Sp<String>>,
}

/// A refresh-token grant.
#[derive(Debug)]
pub(crate) struct Refresh {
    pub key: Loc,
    pub params: Vec<Param>,
    pub token_param: Option<Sp<String>>,
}
