//! Bounds on the size of a spec, so that loading, checking and generating stay cheap on any
//! input, including a hostile or runaway one.

/// The most setters (variables, credentials and settable parameters together) one spec may
/// declare. No real provider has more than a dozen credentials; 64 leaves room for any
/// honest spec while keeping the generated typestate builder small: each setter's return
/// type names every required setter's type parameter, so the generated code grows with the
/// square of the setter count (1,000 setters make 8 MB of code; 4,000 make 10 GB).
pub const MAX_SETTERS: usize = 64;

/// The largest spec file read or loaded, in bytes. Real specs are a few kilobytes; the bound
/// keeps `tokenspec check /dev/zero` (or a mistyped path to a large file) from reading until
/// memory runs out.
pub const MAX_SPEC_BYTES: usize = 1024 * 1024;
