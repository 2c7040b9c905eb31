#!/usr/bin/env bash
# Report what a first visit downloads from dist/, raw and compressed (gzip -9, brotli 11).
# The compaction worker (compactor*) is not part of the first page: the offline copy fetches
# it after start-up, and a tab loads it two seconds after its last edit. It is listed apart.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import brotli" 2>/dev/null || pip install --quiet brotli
python3 - <<'PY'
import brotli, gzip, pathlib
rows, first, later = [], [0, 0, 0], [0, 0, 0]
for f in sorted(pathlib.Path("dist").iterdir()):
    if not f.is_file():
        continue
    b = f.read_bytes()
    r = (len(b), len(gzip.compress(b, 9)), len(brotli.compress(b, quality=11)))
    rows.append((f.name, *r))
    tot = later if f.name.startswith("compactor") else first
    tot[:] = [a + c for a, c in zip(tot, r)]
print(f"{'file':48} {'raw':>9} {'gzip':>9} {'brotli':>9}")
for n, *r in rows + [("total of a first visit", *first), ("compaction worker (loaded later)", *later)]:
    print(f"{n:48} " + " ".join(f"{v/1024:8.1f}K" for v in r))
PY
