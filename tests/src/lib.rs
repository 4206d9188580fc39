//! Integration tests of tokenspec live in `tests/tests/`.
