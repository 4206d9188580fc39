//! The spec reference, tokenspec-core's `docs/spec.md`, stays truthful: its full example
//! loads, every fragment uses only keys and values the loader knows, and its lists of reserved names, placements, body encodings and
//! built-in variants are the loader's tables.

use tokenspec_spec::builtin::BUILTIN_VARIANTS;
use tokenspec_spec::load;
use tokenspec_spec::reserved::{RESERVED, Site};
use tokenspec_spec::words::{BODIES, PARAM_PLACES, PLACEMENTS, words};

fn spec_md() -> String {
    let path = format!(
        "{}/../tokenspec-core/docs/spec.md",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {path}: {e}"))
}

fn yaml_blocks() -> Vec<String> {
    let text = spec_md();
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

#[test]
fn the_reserved_names_table_is_the_loaders() {
    let text = spec_md();
    let section = text
        .split("### Reserved names")
        .nth(1)
        .and_then(|rest| rest.split("\n#").next())
        .expect("spec.md has a `### Reserved names` section");
    // Rows like "| `build` | builder |".
    let documented: Vec<(String, String)> = section
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let name = cells.get(1)?.strip_prefix('`')?.strip_suffix('`')?;
            Some((name.to_owned(), (*cells.get(2)?).to_owned()))
        })
        .collect();
    let table: Vec<(String, String)> = RESERVED
        .iter()
        .map(|r| {
            let site = match r.site {
                Site::Builder => "builder",
                Site::Client => "client",
            };
            (r.name.to_owned(), site.to_owned())
        })
        .collect();
    assert_eq!(
        documented, table,
        "crates/tokenspec-core/docs/spec.md's reserved names differ from RESERVED"
    );
}

/// The words of the YAML comment on the first line of spec.md that contains `line_has`,
/// written as prose (`a, b or c`), without parentheticals.
fn commented_words(line_has: &str) -> Vec<String> {
    let text = spec_md();
    let line = text
        .lines()
        .find(|l| l.contains(line_has))
        .unwrap_or_else(|| panic!("spec.md has a line with `{line_has}`"));
    let comment = line.split('#').nth(1).expect("the line has a comment");
    // Drop parentheticals: `body (default), query or header`.
    let mut plain = String::new();
    let mut depth = 0_usize;
    for c in comment.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    plain
        .replace(" or ", ", ")
        .split(',')
        .map(|w| w.trim().to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn the_placements_and_bodies_listed_are_the_loaders_tables() {
    let placements: Vec<&str> = words(PLACEMENTS).collect();
    assert_eq!(commented_words("in: basic-user      #"), placements);
    let bodies: Vec<&str> = words(BODIES).collect();
    assert_eq!(commented_words("body: form  "), bodies);
    let param_places: Vec<&str> = words(PARAM_PLACES).collect();
    assert_eq!(commented_words("in: body  "), param_places);
}

#[test]
fn the_built_in_variants_listed_are_the_checkers() {
    let text = spec_md().replace('\n', " ");
    let sentence = text
        .split("not one of the built-in variants")
        .nth(1)
        .and_then(|rest| rest.split(" (the list is").next())
        .expect("spec.md lists the built-in variants");
    let listed: Vec<&str> = sentence.split('`').skip(1).step_by(2).collect();
    assert_eq!(listed, BUILTIN_VARIANTS);
}
