//! The methods every generated token struct has, written and documented once.
//!
//! A generated token (`WeirToken`) is a struct of the user's crate; its fields vary with the
//! spec and are converted by generated code (`from_raw`), but `issued_at` and `expires_at`
//! are the same for all of them, so generated code invokes this macro for them.

/// `token_impls!(WeirToken)`: `issued_at()` and `expires_at()` of a generated token struct
/// with fields `issued_at: Instant` and `expires_in: Option<Duration>`. Not a public API:
/// invoked by generated code as `__private::token_impls!`.
#[doc(hidden)]
#[macro_export]
macro_rules! __token_impls {
    ($token:ident) => {
        impl $token {
            /// When the token was received (when its request was sent: lifetimes count
            /// from there).
            pub fn issued_at(&self) -> ::std::time::Instant {
                self.issued_at
            }

            /// When the token expires, if its lifetime is known. An absurd lifetime saturates
            /// to the furthest instant the platform holds, as the runtime's own expiry does.
            pub fn expires_at(&self) -> ::core::option::Option<::std::time::Instant> {
                $crate::__private::expires_at(self.issued_at, self.expires_in)
            }
        }
    };
}

#[cfg(all(test, feature = "providers"))]
mod tests {
    use std::time::{Duration, Instant};

    use secrecy::SecretString;

    use crate::__private::{GeneratedClient, RawToken};
    use crate::providers::Weir;

    fn token(expires_in: Option<Duration>) -> RawToken {
        RawToken {
            access_token: SecretString::from("token"),
            token_type: None,
            expires_in,
            refresh_token: None,
            scope: None,
            fields: Vec::new(),
            issued_at: Instant::now(),
        }
    }

    /// A generated token's expiry is the runtime's: an absurd lifetime saturates (it used to
    /// be `None`, "no known expiry", through `checked_add`).
    #[test]
    fn expiry_follows_the_runtime() {
        for lifetime in [None, Some(Duration::from_secs(60)), Some(Duration::MAX)] {
            let raw = token(lifetime);
            let expected = raw.expires_at();
            let typed = Weir::token_from_raw(raw);
            assert_eq!(typed.expires_at(), expected);
        }
        let typed = Weir::token_from_raw(token(Some(Duration::MAX)));
        assert!(typed.expires_at().is_some_and(|at| at > typed.issued_at()));
    }
}
