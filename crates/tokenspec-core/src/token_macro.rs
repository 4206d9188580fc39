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
