//! What generated code calls. Not a public API: it changes with the code generator, which
//! is pinned to this crate's exact version.

pub use tokenspec_spec::plan::*;

pub use crate::__builder_settings as builder_settings;
pub use crate::__client_impls as client_impls;
pub use crate::__error_impls as error_impls;
pub use crate::__token_impls as token_impls;
pub use crate::builder::Builder;
pub use crate::client::GeneratedClient;
pub use crate::engine::Engine;
pub use crate::error::EngineError;
pub use crate::token::{FieldValue, FromField, RawToken, expires_at, take_field};
pub use crate::typed_builder::TypedBuilder;

/// Type-state marker: a required builder value has been set.
#[derive(Debug, Clone, Copy, Default)]
pub struct Set;

/// Maps any type-state marker to [`Set`]: the state after `from_env` or `with_settings`,
/// which fill every required value or fail.
pub trait Filled {
    /// Always [`Set`].
    type Set;
}

impl<T> Filled for T {
    type Set = Set;
}

/// Type-state marker: a required builder value has not been set yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unset;
