//! The runtime's modules depend on each other in one direction: no module uses a module that
//! (directly or through others) uses it. The engine is layered (token endpoint ← renewal ←
//! application, composed by `engine.rs` and built by `builder.rs`), and a cycle would mean
//! two layers that can no longer be read, changed or tested apart.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Modules that only re-export (the crate root and the generated code's door).
const HUBS: &[&str] = &["lib", "__private"];

/// `crate::<module>` paths in the code of `text` (comments and doc comments skipped).
fn uses(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(i) = rest.find("crate::") {
            rest = &rest[i + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // `crate::{a, b}` and `crate::Item` (a re-export at the root) name no module.
            if rest[name.len()..].starts_with("::") && !name.is_empty() {
                out.insert(name);
            }
        }
    }
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    for entry in std::fs::read_dir(&src).expect("src") {
        let path = entry.expect("entry").path();
        let Some(name) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if path.extension().is_none_or(|e| e != "rs") || HUBS.contains(&name) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("module text");
        let mut deps = uses(&text);
        deps.remove(name);
        deps.retain(|d| !HUBS.contains(&d.as_str()));
        graph.insert(name.to_owned(), deps);
    }
    graph
}

/// A cycle through `at`, if the walk from it comes back to a module on its path.
fn cycle(
    graph: &BTreeMap<String, BTreeSet<String>>,
    at: &str,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(i) = path.iter().position(|p| p == at) {
        let mut found = path[i..].to_vec();
        found.push(at.to_owned());
        return Some(found);
    }
    if !done.insert(at.to_owned()) {
        return None;
    }
    path.push(at.to_owned());
    for dep in graph.get(at).into_iter().flatten() {
        if let Some(found) = cycle(graph, dep, path, done) {
            return Some(found);
        }
    }
    path.pop();
    None
}

#[test]
fn no_module_uses_a_module_that_uses_it() {
    let graph = graph();
    assert!(graph.len() > 20, "read {} modules", graph.len());
    let mut done = BTreeSet::new();
    for module in graph.keys() {
        if let Some(found) = cycle(&graph, module, &mut Vec::new(), &mut done) {
            panic!("modules use each other in a circle: {}", found.join(" -> "));
        }
    }
}

#[test]
fn the_engine_is_layered() {
    let graph = graph();
    let deps = |m: &str| graph.get(m).cloned().unwrap_or_default();
    // The token endpoint knows nothing of caching or of API requests.
    for above in ["renewal", "apply", "engine", "builder", "client"] {
        assert!(!deps("endpoint").contains(above), "endpoint uses {above}");
    }
    // Renewal knows nothing of API requests.
    for above in ["apply", "engine", "builder", "client"] {
        assert!(!deps("renewal").contains(above), "renewal uses {above}");
    }
    // Application uses renewal, not the engine that composes them.
    assert!(deps("apply").contains("renewal"));
    for above in ["engine", "builder", "client"] {
        assert!(!deps("apply").contains(above), "apply uses {above}");
    }
}

#[test]
fn the_api_adapters_are_thin_and_nothing_below_uses_them() {
    let graph = graph();
    let deps = |m: &str| graph.get(m).cloned().unwrap_or_default();
    // The reqwest middleware and the tower layer share the application layer's steps.
    for adapter in ["middleware", "tower"] {
        assert!(deps(adapter).contains("client"), "{adapter} is over Client");
        for module in graph.keys() {
            assert!(!deps(module).contains(adapter), "{module} uses {adapter}");
        }
    }
}

#[test]
fn the_reader_finds_module_paths_only() {
    let found = uses(
        "use crate::a::B;\nlet x = crate::time::later(t, d);\nuse crate::{c, d};\n// crate::e::f\nuse crate::Root;",
    );
    assert_eq!(found, BTreeSet::from(["a".to_owned(), "time".to_owned()]));
}
