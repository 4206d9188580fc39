//! Test support of tokenspec (not published): the hand-written local servers of the five seed
//! providers, used by the end-to-end tests in `tests/` and by `examples/demo.rs`.
//!
//! Integration, snapshot and UI tests of tokenspec live in `tests/`.

pub mod servers;
pub mod support;
