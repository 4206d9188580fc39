//! The built-in clients of the bundled specs (placeholder until the generator writes them).
