#!/usr/bin/env bash
# Build the release app into dist/ and serve it on http://127.0.0.1:${PORT:-8080}/
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. scripts/env.sh
trunk build --release
PORT="${PORT:-8080}"
echo
echo "PMO Workbench is served at http://127.0.0.1:$PORT/  (Ctrl+C stops it)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
