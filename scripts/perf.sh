#!/usr/bin/env bash
# Browser benchmark of the register with 10 000 generated projects (not part of the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
[ -d dist ] || trunk build --release
cargo run -q --release -p pmo-domain --example perf_fixture -- "${PROJECTS:-10000}" "${PEOPLE:-10000}" target/perf-10k.txt
node scripts/perf.mjs target/perf-10k.txt "${RUNS:-5}"
