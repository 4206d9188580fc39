//! Generates typed token clients from tokenspec specs.
