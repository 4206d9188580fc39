//! [`SetterValue`]: what a generated builder's setters accept.

use std::borrow::Cow;

use secrecy::{ExposeSecret, SecretString};

/// A value a generated builder's setter accepts (`Weir::builder().secret_key(..)`): `&str`,
/// `String`, `&String`, `Box<str>`, `Cow<str>`, and a [`SecretString`] (or a reference to
/// one) for a secret the program already holds as one.
///
/// The builder keeps every value in a [`SecretString`], zeroized on drop: a `SecretString`
/// moves in without its text ever being copied into a plain `String`; a `&SecretString` is
/// copied straight into the builder's own.
///
/// # Example
/// (feature `providers`)
///
/// ```
/// # #[cfg(feature = "providers")]
/// # fn main() -> Result<(), tokenspec_core::ConfigError> {
/// use tokenspec_core::SecretString;
/// use tokenspec_core::providers::Weir;
///
/// let secret = SecretString::from("read from a vault");
/// let client = Weir::builder()
///     .client_id("my-client")
///     .secret_key(secret)
///     .build()?;
/// # let _ = client;
/// # Ok(())
/// # }
/// # #[cfg(not(feature = "providers"))]
/// # fn main() {}
/// ```
#[diagnostic::on_unimplemented(
    message = "a setter takes a `&str`, a `String` or a `SecretString`, not `{Self}`",
    label = "not text",
    note = "convert the value to text first (`.to_string()`)"
)]
pub trait SetterValue {
    /// The value, as the builder keeps it.
    fn into_secret(self) -> SecretString;
}

impl SetterValue for SecretString {
    fn into_secret(self) -> SecretString {
        self
    }
}

impl SetterValue for &SecretString {
    fn into_secret(self) -> SecretString {
        SecretString::from(self.expose_secret())
    }
}

impl SetterValue for String {
    fn into_secret(self) -> SecretString {
        SecretString::from(self)
    }
}

impl SetterValue for &str {
    fn into_secret(self) -> SecretString {
        SecretString::from(self)
    }
}

impl SetterValue for &String {
    fn into_secret(self) -> SecretString {
        SecretString::from(self.as_str())
    }
}

impl SetterValue for Box<str> {
    fn into_secret(self) -> SecretString {
        SecretString::from(self)
    }
}

impl SetterValue for Cow<'_, str> {
    fn into_secret(self) -> SecretString {
        SecretString::from(self.into_owned())
    }
}
