//! Generates the five bundled clients into OUT_DIR with the build.rs API, as a user crate
//! would; `tests/build_rs.rs` compiles them and checks they equal the snapshots.

fn main() {
    for (file, name) in [
        ("weir", "Weir"),
        ("apimw", "Apimw"),
        ("weightron", "Weightron"),
        ("skauth", "Skauth"),
        ("weavy", "Weavy"),
    ] {
        tokenspec_codegen::build::generate(format!("../specs/{file}.yaml"), name)
            .write_to_out_dir(&format!("{file}.rs"));
    }
}
