#!/usr/bin/env bash
# Build time of a small user crate that uses #[token_client] on every bundled spec (specs/):
# a cold build (every dependency), an incremental one after touching the crate's source, and
# one after editing a spec (which must recompile the crate: the macro tracks the YAML).
#
# bash scripts/user-crate-build-time.sh [--release]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
profile=("$@")

mkdir -p "$work/src" "$work/specs"
cp "$root"/specs/*.yaml "$work/specs/"
cat > "$work/Cargo.toml" <<TOML
[package]
name = "user-crate"
version = "0.1.0"
edition = "2024"
publish = false

[dependencies]
tokenspec-core = { path = "$root/crates/tokenspec-core" }

[workspace]
TOML
# A client per spec of specs/, named after the file stem in UpperCamelCase (weir -> Weir).
{
  echo '//! A user crate with a client per bundled spec.'
  echo '#![deny(warnings, missing_docs, missing_debug_implementations)]'
  echo 'use tokenspec_core::token_client;'
  for spec in "$root"/specs/*.yaml; do
    stem=$(basename "$spec" .yaml)
    name=$(echo "$stem" | sed -E 's/(^|_)([a-z0-9])/\U\2/g')
    printf '\n/// The `%s` provider.\n#[token_client(spec = "specs/%s.yaml")]\npub struct %s;\n' \
      "$stem" "$stem" "$name"
  done
} > "$work/src/lib.rs"

cd "$work"
export CARGO_TARGET_DIR="$work/target"
timed() {
  local what=$1; shift
  local start end
  start=$(date +%s.%N)
  cargo build --quiet "${profile[@]}" "$@"
  end=$(date +%s.%N)
  printf '%-34s %6.2f s\n' "$what" "$(echo "$end - $start" | bc)"
}
# Fetch first so the cold build measures compiling, not downloading.
cargo fetch --quiet
echo "cores: $(nproc)  profile: ${profile[*]:-dev}"
timed "cold build (all dependencies)"
touch src/lib.rs
timed "incremental (src/lib.rs touched)"
echo "# edited" >> specs/weir.yaml
before=$(stat -c %Y "$CARGO_TARGET_DIR"/*/libuser_crate.rlib 2>/dev/null || stat -c %Y "$CARGO_TARGET_DIR"/debug/libuser_crate.rlib)
sleep 1
timed "incremental (specs/weir.yaml edited)"
after=$(stat -c %Y "$CARGO_TARGET_DIR"/*/libuser_crate.rlib 2>/dev/null || stat -c %Y "$CARGO_TARGET_DIR"/debug/libuser_crate.rlib)
if [ "$before" = "$after" ]; then
  echo "editing the spec did not rebuild the crate" >&2
  exit 1
fi
echo "editing the spec rebuilt the crate"
