#!/usr/bin/env bash
# The whole test suite: every crate's unit tests, the integration, snapshot and UI tests,
# and the doctests.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
# oidc-provider for the interop tests (tests/tests/interop_oidc.rs), pinned by its lock file.
npm ci --prefix tests/interop/oidc --no-audit --no-fund --loglevel=error
cargo test --workspace --all-targets --no-fail-fast
cargo test --workspace --doc
# README's first command: the main job end to end against the local provider servers.
cargo run --quiet -p tokenspec-tests --example demo
