#!/usr/bin/env bash
# Start the live-sync server (Hocuspocus 3 with SQLite) for PMO Workbench, on this machine only
# by default. Installs it first if needed (idempotent): the pinned packages of sync-server/, and
# the SQLite driver built from source (its prebuilt download cannot be fetched here).
#
#   PMO_SYNC_TOKEN=a-long-shared-secret bash scripts/sync-server.sh
#
# Without PMO_SYNC_TOKEN a random token is made and printed. Other settings (PMO_SYNC_HOST,
# PMO_SYNC_PORT, PMO_SYNC_DB, PMO_SYNC_REDIS) are described at the top of sync-server/server.mjs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/sync-server-install.sh
if [ -z "${PMO_SYNC_TOKEN:-}" ]; then
  PMO_SYNC_TOKEN="$(node -e 'console.log(require("crypto").randomBytes(18).toString("base64url"))')"
  export PMO_SYNC_TOKEN
  echo "Token for this run (give it to each browser on the Data page): $PMO_SYNC_TOKEN"
fi
exec node sync-server/server.mjs
