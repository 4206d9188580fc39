//! Typed token clients generated from declarative YAML specs.
extern crate self as tokenspec_core;
