//! A credential named like a runtime setting of the generated builder (`timeouts`), and two
//! whose type names meet (`x_1`, `x1`): once rustc's E0592 and E0403 at the attribute, now
//! errors at their YAML lines.
use tokenspec_core::token_client;

#[token_client(spec = "ui/specs/reserved_setter_name.yaml")]
pub struct Acme;

fn main() {}
