//! The built-in clients of the bundled specs (`specs/*.yaml` of the tokenspec repository).
//!
//! Each file here is the generator's output for one spec, checked in (without the line that
//! tracks the spec file, since a published crate has no `../specs`). A test of the
//! `tokenspec-tests` package fails when they drift from the specs; regenerate them with
//! `EXPECTORATE=overwrite cargo test -p tokenspec-tests --test snapshots`. They are in
//! prettyplease's layout, not rustfmt's, so rustfmt is told to leave them alone.

#[rustfmt::skip]
mod apimw;
#[rustfmt::skip]
mod skauth;
#[rustfmt::skip]
mod weavy;
#[rustfmt::skip]
mod weightron;
#[rustfmt::skip]
mod weir;

pub use apimw::*;
pub use skauth::*;
pub use weavy::*;
pub use weightron::*;
pub use weir::*;
