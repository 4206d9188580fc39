//! The checked-in snapshots of the five bundled specs, compiled as a user crate would see them:
//! no warnings, every public item documented and `Debug`. A binary without the test harness
//! (`harness = false`): `cargo test` builds it under these lints and runs its `main`.
#![deny(warnings, missing_docs, missing_debug_implementations)]

/// Weir, from `tests/snapshots/weir.rs`.
pub mod weir {
    include!("../snapshots/weir.rs");
}
/// APIMW, from `tests/snapshots/apimw.rs`.
pub mod apimw {
    include!("../snapshots/apimw.rs");
}
/// Weightron, from `tests/snapshots/weightron.rs`.
pub mod weightron {
    include!("../snapshots/weightron.rs");
}
/// The `${API_URL}` provider, from `tests/snapshots/skauth.rs`.
pub mod skauth {
    include!("../snapshots/skauth.rs");
}
/// Weavy, from `tests/snapshots/weavy.rs`.
pub mod weavy {
    include!("../snapshots/weavy.rs");
}

fn main() {}
