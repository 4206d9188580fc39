//! The built-in providers' files (`crates/tokenspec-core/src/providers/<stem>.rs`, one per spec
//! of `specs/`, listed by `tests/build.rs`), compiled as a user crate would see them: no
//! warnings, every public item documented and `Debug`. A binary without the test harness
//! (`harness = false`): `cargo test` builds it under these lints and runs its `main`.
#![deny(warnings, missing_docs, missing_debug_implementations)]

include!(concat!(env!("OUT_DIR"), "/bundled.rs"));

/// A module per spec holding its provider's file. The files name `::tokenspec_core::` and have
/// no line tracking a spec, so they compile outside tokenspec-core as they are.
macro_rules! providers {
    ($($stem:ident $name:ident,)*) => {$(
        #[doc = concat!(
            "`", stringify!($name), "`, from `crates/tokenspec-core/src/providers/",
            stringify!($stem), ".rs`."
        )]
        pub mod $stem {
            include!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../crates/tokenspec-core/src/providers/",
                stringify!($stem),
                ".rs"
            ));
        }
    )*};
}

bundled_specs!(providers);

fn main() {}
