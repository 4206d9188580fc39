//! What generated code calls. Not a public API: it changes with the code generator, which
//! is pinned to this crate's exact version.

pub use tokenspec_spec::plan::*;

pub use crate::builder::Builder;
pub use crate::engine::Engine;
pub use crate::error::EngineError;
pub use crate::token::{FieldValue, FromField, RawToken, take_field};

/// Type-state marker: a required builder value has been set.
#[derive(Debug, Clone, Copy, Default)]
pub struct Set;

/// Type-state marker: a required builder value has not been set yet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Unset;
