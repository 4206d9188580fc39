//! docs/spec.md stays truthful: its full example loads, and every fragment uses only keys
//! and values the loader knows.

use tokenspec_spec::load;

fn yaml_blocks() -> Vec<String> {
    let path = format!("{}/../../docs/spec.md", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"));
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```yaml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            (None, _) => {}
        }
    }
    blocks
}

#[test]
fn the_opening_example_loads() {
    let blocks = yaml_blocks();
    let first = blocks.first().expect("spec.md has YAML examples");
    let spec = load(first, "spec.md").unwrap_or_else(|d| panic!("{}", d.render(first, "spec.md")));
    assert_eq!(spec.plan.name, "acme");
}

#[test]
fn every_fragment_uses_known_keys_and_values() {
    let blocks = yaml_blocks();
    assert!(blocks.len() >= 9, "{} blocks", blocks.len());
    for block in blocks.iter().skip(1) {
        let source = format!("tokenspec: 1\nname: acme\n{block}");
        let Err(d) = load(&source, "fragment.yaml") else {
            continue;
        };
        for diag in d.iter() {
            let m = &diag.message;
            let shape_error = m.contains("unknown key")
                || m.contains("unknown value")
                || m.contains("expected ")
                || m.contains("malformed")
                || m.contains("duplicate key")
                || m.contains("invalid YAML");
            assert!(
                !shape_error,
                "spec.md fragment:\n{block}\n{}",
                d.render(&source, "fragment.yaml")
            );
        }
    }
}
