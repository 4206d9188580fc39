//! [`RawToken`]: a decoded token response, before generated code types its fields.

use std::fmt;
use std::time::{Duration, Instant};

use secrecy::SecretString;

/// A decoded token response. Generated code moves its parts into the typed `<Name>Token`.
#[derive(Clone)]
pub struct RawToken {
    /// The access token.
    pub access_token: SecretString,
    /// The token type, if the spec reads it and the response has it.
    pub token_type: Option<String>,
    /// The lifetime: the response's `expires_in`, or the spec's default lifetime.
    pub expires_in: Option<Duration>,
    /// The refresh token, if the spec reads it and the response has it.
    pub refresh_token: Option<SecretString>,
    /// The granted scope, if the spec reads it and the response has it.
    pub scope: Option<String>,
    /// The declared extra fields, in the order of `plan.response.fields`.
    pub fields: Vec<FieldValue>,
    /// When the request was sent (lifetimes count from here, not from the response).
    pub issued_at: Instant,
}

impl RawToken {
    /// When the token expires, if its lifetime is known (an absurd lifetime saturates to the
    /// furthest instant the platform holds).
    pub fn expires_at(&self) -> Option<Instant> {
        expires_at(self.issued_at, self.expires_in)
    }
}

/// When a token issued at `issued_at` and lasting `expires_in` expires: the one rule for
/// [`RawToken::expires_at`] and every generated token's `expires_at()` (saturating, see
/// `time.rs`).
pub fn expires_at(issued_at: Instant, expires_in: Option<Duration>) -> Option<Instant> {
    expires_in.map(|lifetime| crate::time::later(issued_at, lifetime))
}

impl fmt::Debug for RawToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RawToken")
            .field("access_token", &"[REDACTED]")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field(
                "refresh_token",
                &self.refresh_token.as_ref().map(|_| "[REDACTED]"),
            )
            .field("scope", &self.scope)
            .field("fields", &self.fields)
            .field("issued_at", &self.issued_at)
            .finish()
    }
}

/// The value of one declared field, typed by its `FieldType`.
#[derive(Clone)]
pub enum FieldValue {
    /// Absent (or already taken).
    Missing,
    /// `type: string`.
    String(String),
    /// `type: string` with `secret: true`.
    Secret(SecretString),
    /// `type: integer`.
    Integer(i64),
    /// `type: number`.
    Number(f64),
    /// `type: bool`.
    Bool(bool),
    /// `type: json`.
    Json(serde_json::Value),
}

impl fmt::Debug for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Missing => f.write_str("Missing"),
            FieldValue::String(s) => f.debug_tuple("String").field(s).finish(),
            FieldValue::Secret(_) => f.write_str("Secret([REDACTED])"),
            FieldValue::Integer(i) => f.debug_tuple("Integer").field(i).finish(),
            FieldValue::Number(n) => f.debug_tuple("Number").field(n).finish(),
            FieldValue::Bool(b) => f.debug_tuple("Bool").field(b).finish(),
            FieldValue::Json(v) => f.debug_tuple("Json").field(v).finish(),
        }
    }
}

/// A Rust type a [`FieldValue`] converts into.
pub trait FromField: Sized {
    /// The value, if it has this type.
    fn from_field(value: FieldValue) -> Option<Self>;
}

impl FromField for String {
    fn from_field(value: FieldValue) -> Option<Self> {
        match value {
            FieldValue::String(s) => Some(s),
            _ => None,
        }
    }
}

impl FromField for SecretString {
    fn from_field(value: FieldValue) -> Option<Self> {
        match value {
            FieldValue::Secret(s) => Some(s),
            FieldValue::String(s) => Some(SecretString::from(s)),
            _ => None,
        }
    }
}

impl FromField for i64 {
    fn from_field(value: FieldValue) -> Option<Self> {
        match value {
            FieldValue::Integer(i) => Some(i),
            _ => None,
        }
    }
}

impl FromField for f64 {
    fn from_field(value: FieldValue) -> Option<Self> {
        match value {
            FieldValue::Number(n) => Some(n),
            // An integer declared as a number is still a number.
            FieldValue::Integer(i) => Some(i as f64),
            _ => None,
        }
    }
}

impl FromField for bool {
    fn from_field(value: FieldValue) -> Option<Self> {
        match value {
            FieldValue::Bool(b) => Some(b),
            _ => None,
        }
    }
}

impl FromField for serde_json::Value {
    fn from_field(value: FieldValue) -> Option<Self> {
        match value {
            FieldValue::Json(v) => Some(v),
            _ => None,
        }
    }
}

/// Takes field `i` out of `fields` (leaving [`FieldValue::Missing`]) as a `T`.
///
/// `None` when the field is absent, out of range, or not a `T`. The engine has already
/// checked required fields and types, so for a required field `None` cannot happen.
pub fn take_field<T: FromField>(fields: &mut [FieldValue], i: usize) -> Option<T> {
    let slot = fields.get_mut(i)?;
    T::from_field(std::mem::replace(slot, FieldValue::Missing))
}
