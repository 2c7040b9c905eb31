#!/usr/bin/env bash
# Install everything PMO Workbench needs to build and test, idempotently, from the package
# registries only (crates.io, npm, Debian). Trunk never downloads a tool: wasm-bindgen-cli and
# wasm-opt are installed here at the exact versions Trunk checks for.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null; then SUDO="sudo"; fi

# 1. Rust: the wasm target and the lint/format components.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "Adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for c in clippy rustfmt; do
  rustup component list --installed | grep -q "^$c" || rustup component add "$c"
done

# 2. Trunk 0.21.14 (0.22 needs a newer rustc than these machines have).
TRUNK_VERSION=0.21.14
if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "Installing trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
fi

# 3. wasm-bindgen-cli at exactly the version Cargo.lock resolves (Trunk compares them).
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WB_VERSION\$"; then
  say "Installing wasm-bindgen-cli $WB_VERSION"
  # Not --locked: its own lockfile wants a crate release the registry mirror lacks.
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
fi

# 3b. wasm-split-cli: cuts the app's wasm into the first download and parts loaded later
#     (scripts/split.mjs, issue 20). The version must read what wasm_split_helpers in Cargo.lock
#     writes (both 0.2).
SPLIT_VERSION=0.2.4
# It has no --version: a marker next to it records the installed one.
if ! command -v wasm-split-cli >/dev/null || [ "$(cat "$HOME/.cargo/.wasm-split-cli-version" 2>/dev/null)" != "$SPLIT_VERSION" ]; then
  say "Installing wasm-split-cli $SPLIT_VERSION"
  cargo install --locked wasm_split_cli_support --version "$SPLIT_VERSION" --features build-binary --force
  echo "$SPLIT_VERSION" > "$HOME/.cargo/.wasm-split-cli-version"
fi

# 4. Chromium and ChromeDriver from Debian (browser tests; never a downloaded browser).
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  say "Installing chromium and chromium-driver"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# 5. Node packages: wasm-opt (binaryen 132; Debian's 108 builds a broken app), Playwright, axe-core.
LOCK_SUM=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.lock-sum ] || [ "$(cat node_modules/.lock-sum)" != "$LOCK_SUM" ]; then
  say "Installing node packages"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$LOCK_SUM" > node_modules/.lock-sum
fi

# 6. The live-sync server (sync-server/: Hocuspocus with SQLite, its driver built from source)
#    and Debian's redis-server, for the tests of several instances.
if ! command -v redis-server >/dev/null; then
  say "Installing redis-server"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
fi
bash scripts/sync-server-install.sh

# 7. Crates, so that Trunk's offline build finds them.
cargo fetch --quiet
