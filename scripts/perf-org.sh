#!/usr/bin/env bash
# Browser benchmark of the org chart with 10 000 generated people (not part of the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
[ -d dist ] || trunk build --release
cargo run -q --release -p pmo-domain --example perf_fixture -- "${PROJECTS:-2000}" "${PEOPLE:-10000}" target/perf-org.txt
node scripts/perf-org.mjs target/perf-org.txt "${RUNS:-7}"
