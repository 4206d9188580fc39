//! Test support of tokenspec (not published): the hand-written local servers of the five seed
//! providers, used by the end-to-end tests in `tests/` and by `examples/demo.rs`.
//!
//! Integration and snapshot tests of tokenspec live in `tests/`; the compile-time (trybuild)
//! tests in the `tokenspec-ui` package (`ui-cases/`).

pub mod api;
pub mod servers;
pub mod support;
pub mod tls;
