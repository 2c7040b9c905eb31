#!/usr/bin/env bash
# Build the release app into dist/ and serve it, compressed, on http://127.0.0.1:${PORT:-8080}/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
trunk build --release
PORT="${PORT:-8080}"
echo
# Serves the precompressed copies (.br, .gz) the build writes, with Content-Encoding.
exec node scripts/serve.mjs dist "$PORT"
