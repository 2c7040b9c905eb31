#!/usr/bin/env bash
# What a first visit downloads, raw, gzip and brotli, against the 450 KB gzip budget (a figure,
# not a test). Builds the release app first if there is none.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/env.sh
[ -f dist/index.html ] || trunk build --release
node scripts/size.mjs dist
