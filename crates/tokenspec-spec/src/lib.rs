//! The tokenspec spec language.
//!
//! A spec is a short YAML document describing one provider's token endpoint. This crate holds
//! the spec model, loads YAML with locations, checks it (reporting every error at once, each
//! pointing into the YAML), and lowers it into a [`plan::Plan`]: plain data that
//! `tokenspec-core`'s engine executes. It never depends on syn.
//!
//! Without the default `load` feature only the plan types are compiled, which is all the
//! runtime needs.

pub mod plan;
