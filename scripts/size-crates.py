#!/usr/bin/env python3
"""Where the app's wasm bytes are, by crate (a figure for issue 20, not a test).

Reads `twiggy top` of the release build's wasm before wasm-bindgen and wasm-opt (that one keeps
function names) and sums the shallow sizes by the crate each function's name starts with. The
shares carry over to the shipped file, which wasm-opt makes about half as large.

    cargo install twiggy            # once (not needed by the tests)
    trunk build --release
    python3 scripts/size-crates.py [path/to/app.wasm] [--top 20] [--items PREFIX]
"""
import csv, io, re, subprocess, sys
from collections import defaultdict

args = sys.argv[1:]
top = 20
items = None
if '--top' in args:
    i = args.index('--top'); top = int(args[i + 1]); del args[i:i + 2]
if '--items' in args:
    i = args.index('--items'); items = args[i + 1]; del args[i:i + 2]
wasm = args[0] if args else 'target/wasm32-unknown-unknown/release/pmo-workbench.wasm'
out = subprocess.run(['twiggy', 'top', '-n', '10000000', '-f', 'csv', wasm],
                     check=True, capture_output=True, text=True).stdout
# Names and wasm-bindgen's own section are gone from the shipped file: leave them out.
rows = [r for r in csv.DictReader(io.StringIO(out))
        if not r['Name'].startswith(('"function names"', 'custom section'))]

def crate_of(name: str) -> str:
    n = name
    if n.startswith('<') :
        # "<T as Trait>::f": the implementing type's crate, else the trait's.
        m = re.match(r'<+&?(?:mut )?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)::', n)
        if m:
            return m.group(1)
        m = re.search(r' as ([A-Za-z_][A-Za-z0-9_]*)::', n)
        return m.group(1) if m else '<generic impl>'
    m = re.match(r'([A-Za-z_][A-Za-z0-9_]*)::', n)
    if m:
        return m.group(1)
    if n.startswith('data['):
        return '.data (strings, tables)'
    if n.startswith('code['):
        return 'code without a name'
    return n.split('[')[0].strip() or '?'

total = sum(int(r['ShallowSize']) for r in rows)
if items:
    chosen = [r for r in rows if crate_of(r['Name']) == items]
    chosen.sort(key=lambda r: -int(r['ShallowSize']))
    for r in chosen[:top]:
        print(f"{int(r['ShallowSize']):>9}  {r['Name'][:160]}")
    sys.exit(0)
by = defaultdict(int)
count = defaultdict(int)
for r in rows:
    c = crate_of(r['Name'])
    by[c] += int(r['ShallowSize'])
    count[c] += 1
print(f"{wasm}: {total/1024:.0f} KB in {len(rows)} items\n")
print('| # | crate | KB | share | items |')
print('|---|---|---|---|---|')
for i, (c, s) in enumerate(sorted(by.items(), key=lambda kv: -kv[1])[:top], 1):
    print(f'| {i} | {c} | {s/1024:.0f} | {100*s/total:.1f} % | {count[c]} |')
