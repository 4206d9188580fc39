//! [`TypedBuilder`]: the untyped [`Builder`] with a generated builder's type state.
//!
//! A generated builder (`WeirBuilder<ClientId, SecretKey>`) is a one-field tuple struct
//! around this, so each of its setters is one line: `WeirBuilder(self.0.set(0, value))`, the
//! new state read from the setter's return type.

use std::fmt;
use std::marker::PhantomData;

use tokenspec_spec::plan::Plan;

use crate::builder::Builder;
use crate::client::{Client, GeneratedClient};
use crate::error::ConfigError;
use crate::setter_value::SetterValue;

/// A [`Builder`] and the type state `S` of the generated builder holding it: one `Set` or
/// `Unset` per required setter, as a tuple. The state is a `fn() -> S` marker, so the builder
/// is `Send`, `Sync` and covariant whatever the markers are.
pub struct TypedBuilder<S> {
    builder: Builder,
    state: PhantomData<fn() -> S>,
}

impl<S> TypedBuilder<S> {
    /// A builder of a plan generated into the program, nothing set.
    pub fn new(plan: &'static Plan) -> Self {
        Self::from(Builder::new(plan))
    }

    /// Sets slot `slot` (an index into `plan.slots`) and moves to the state `T` that the
    /// calling setter returns.
    pub fn set<T>(self, slot: usize, value: impl SetterValue) -> TypedBuilder<T> {
        TypedBuilder::from(self.builder.set(slot, value))
    }

    /// Applies one of the runtime's settings (`base_url`, `retry`, ...), keeping the state.
    pub fn with(self, setting: impl FnOnce(Builder) -> Builder) -> Self {
        Self::from(setting(self.builder))
    }

    /// Applies a fallible step that fills the required values (`from_env`, settings), and
    /// moves to the state `T` where they are all set.
    pub fn try_fill<T>(
        self,
        fill: impl FnOnce(Builder) -> Result<Builder, ConfigError>,
    ) -> Result<TypedBuilder<T>, ConfigError> {
        Ok(TypedBuilder::from(fill(self.builder)?))
    }

    /// Checks the values and builds the runtime's client for the generated client `P`.
    pub fn client<P: GeneratedClient>(self) -> Result<Client<P>, ConfigError> {
        self.builder.client()
    }
}

impl<S> From<Builder> for TypedBuilder<S> {
    fn from(builder: Builder) -> Self {
        TypedBuilder {
            builder,
            state: PhantomData,
        }
    }
}

impl<S> fmt::Debug for TypedBuilder<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.builder.fmt(f)
    }
}
