//! Spec files and texts over the size cap are refused with a clear error, without reading
//! more than the cap: `tokenspec check /dev/zero` must end, not exhaust memory.

use std::path::PathBuf;

use tokenspec_spec::limits::MAX_SPEC_BYTES;
use tokenspec_spec::{load, read_spec_file};

/// A file in this test's scratch directory holding `bytes`.
fn scratch(name: &str, bytes: &[u8]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, bytes).expect("write a scratch file");
    path
}

/// A comment line padded to exactly `len` bytes: a valid (empty) YAML document.
fn comment(len: usize) -> Vec<u8> {
    let mut text = vec![b'#'; len];
    if let Some(last) = text.last_mut() {
        *last = b'\n';
    }
    text
}

#[test]
fn a_file_of_exactly_the_cap_is_read() {
    let path = scratch("at_cap.yaml", &comment(MAX_SPEC_BYTES));
    assert_eq!(read_spec_file(&path).expect("read").len(), MAX_SPEC_BYTES);
}

#[test]
fn a_file_one_byte_over_the_cap_is_refused() {
    let path = scratch("over_cap.yaml", &comment(MAX_SPEC_BYTES + 1));
    let err = read_spec_file(&path).expect_err("over the cap");
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    assert_eq!(err.to_string(), "spec file is larger than 1 MiB");
}

#[cfg(unix)]
#[test]
fn an_endless_file_is_refused() {
    let err = read_spec_file("/dev/zero".as_ref()).expect_err("endless");
    assert_eq!(err.to_string(), "spec file is larger than 1 MiB");
}

#[test]
fn a_file_that_is_not_text_is_refused() {
    let path = scratch("binary.yaml", &[0xff, 0xfe, 0x00]);
    let err = read_spec_file(&path).expect_err("not UTF-8");
    assert_eq!(err.to_string(), "spec file is not UTF-8 text");
}

#[test]
fn a_missing_file_keeps_the_system_error() {
    let err = read_spec_file("no/such/spec.yaml".as_ref()).expect_err("missing");
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
}

#[test]
fn load_refuses_a_text_over_the_cap_without_a_location() {
    let text = String::from_utf8(comment(MAX_SPEC_BYTES + 1)).expect("ASCII");
    let d = load(&text, "big.yaml").expect_err("over the cap");
    assert_eq!(d.len(), 1);
    let first = d.iter().next().expect("one");
    assert_eq!(first.message, "spec file is larger than 1 MiB");
    assert_eq!((first.line, first.column), (0, 0));
    assert_eq!(
        d.to_string(),
        format!(
            "{} (help: {})",
            first.message,
            first.hint.as_deref().unwrap_or("")
        )
    );
    let rendered = d.render(&text, "big.yaml");
    assert!(
        rendered.starts_with("error: spec file is larger than 1 MiB\n --> big.yaml\n"),
        "{rendered}"
    );
    assert!(!rendered.contains(":0:0"), "{rendered}");
}
