#!/usr/bin/env bash
# Install the sync server's packages (pinned in sync-server/package-lock.json) and build the
# SQLite driver from source against this machine's Node headers. Idempotent: does nothing
# when both are in place.
set -euo pipefail
cd "$(dirname "$0")/../sync-server"
LOCK_SUM=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ ! -f node_modules/.lock-sum ] || [ "$(cat node_modules/.lock-sum)" != "$LOCK_SUM" ]; then
  echo "Installing the sync server's packages"
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  echo "$LOCK_SUM" > node_modules/.lock-sum
fi
if ! node -e 'require("sqlite3")' 2>/dev/null; then
  echo "Building the SQLite driver from source (about a minute)"
  # npm does not run the driver's install script, and its prebuilt binary is downloaded from
  # GitHub: build it with node-gyp (bundled with npm) and the headers Node's package ships.
  nodedir="$(dirname "$(dirname "$(command -v node)")")"
  gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  log="$(mktemp)"
  if ! (cd node_modules/sqlite3 && node "$gyp" rebuild --nodedir="$nodedir" --jobs=2) >"$log" 2>&1; then
    tail -30 "$log"
    echo "The SQLite driver did not build (full log: $log)" >&2
    exit 1
  fi
  rm -f "$log"
  node -e 'require("sqlite3")'
fi
