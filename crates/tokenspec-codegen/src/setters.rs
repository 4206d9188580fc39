//! The generator's own guard against setter names that would not compile next to the
//! generated code. The spec checker refuses them with a located diagnostic, so a loaded spec
//! never trips this; a hand-built or altered `Spec` (the generator takes any) gets a
//! `compile_error!` naming the setter and its YAML location instead of rustc's E0592 or
//! E0403 at the attribute.

use std::collections::HashMap;

use tokenspec_spec::reserved;

use crate::Ctx;

/// Records a problem for every setter named like a reserved method, and for every type
/// parameter or marker trait name two setters share.
pub(crate) fn clashes(cx: &Ctx<'_>) {
    let slots = cx.slots();
    let mut generics: HashMap<String, usize> = HashMap::new();
    let mut traits: HashMap<String, usize> = HashMap::new();
    for s in slots {
        let setter = s.setter.to_string();
        if reserved::is_reserved(setter.trim_start_matches("r#")) {
            cx.names.problem(format!(
                "tokenspec: the setter `{setter}` (declared at {}) is reserved by the generated \
                 builder or client",
                cx.slot_location(s.index)
            ));
        }
        let named = [
            (&s.generic, &mut generics, "type parameter"),
            (&s.trait_name, &mut traits, "marker trait"),
        ];
        for (ident, seen, what) in named {
            let Some(ident) = ident else { continue };
            if let Some(first) = seen.insert(ident.to_string(), s.index) {
                cx.names.problem(format!(
                    "tokenspec: the setters declared at {} and {} both name the {what} `{ident}`",
                    cx.slot_location(first),
                    cx.slot_location(s.index)
                ));
            }
        }
    }
}
