#!/usr/bin/env bash
# Every test: format, lints (native and wasm32), native domain tests, browser tests of the
# storage module, end-to-end tests of the release build in headless Chromium, and the sync
# server as deployed (one instance with SQLite, two sharing a Redis server the test starts).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bash scripts/setup.sh
. scripts/env.sh

step() { printf '\n\033[1m==> %s\033[0m (%ss)\n' "$*" "$(( $(date +%s) - start ))"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "test lint (Playwright's waitForFunction takes an async predicate's promise as true)"
if grep -rnE 'waitForFunction\(\s*(async\b|(\([^)]*\)|[a-z]+)\s*=>\s*new Promise)' tests scripts --include='*.mjs'; then
  echo "An async predicate never waits: use until() from tests/e2e/harness.mjs." >&2
  exit 1
fi

step "clippy (native)"
cargo clippy --workspace --all-targets --quiet -- -D warnings

step "clippy (wasm32)"
cargo clippy -p pmo-workbench --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings
# The app's build: pages in parts loaded later (the split points of src/lib.rs).
cargo clippy -p pmo-workbench --target wasm32-unknown-unknown --features split --lib --bins --quiet -- -D warnings

step "native tests"
cargo test --workspace --quiet

step "fuzz, short run (crates/fuzz: every decoder of untrusted input, at most 60 s)"
cargo run --quiet -p pmo-fuzz --profile fuzz -- --per-target 3000 --max-seconds 55

step "browser tests (wasm-bindgen-test in headless Chromium)"
cargo test -p pmo-workbench --target wasm32-unknown-unknown

step "release build"
trunk build --release

step "first-visit download size (a figure for issue 20, not a test)"
node scripts/size.mjs dist

step "end-to-end tests (Playwright, headless Chromium)"
node --test --test-concurrency=1 tests/e2e/

step "sync server (Hocuspocus with SQLite; two instances sharing Redis)"
node --test --test-concurrency=1 tests/sync/
