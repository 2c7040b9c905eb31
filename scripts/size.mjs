// What a first visit downloads from dist/ (the release build): each file raw, gzip and brotli,
// and the totals against the budget of 450 KB gzip. A figure to read, not a test: it prints
// and exits 0. Usage: node scripts/size.mjs [dist]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const BUDGET_GZIP = 450 * 1024;
const html = readFileSync(join(dist, 'index.html'), 'utf8');
// The first visit: the page, and every file it names directly (script, style sheet, wasm, the
// loader of the parts of the wasm loaded later). The parts themselves are not in it: each is
// fetched when a page that needs it is first opened, or by the offline copy afterwards.
const named = new Set(['index.html']);
for (const m of html.matchAll(/(?:href|src)="(?:\.\/|\/)?([^"?#]+\.(?:js|css|wasm))"/g)) named.add(m[1]);
for (const f of readdirSync(dist)) {
  if (/^pmo-workbench-[0-9a-f]+(_bg\.wasm|\.js)$/.test(f) || /^main-[0-9a-f]+\.css$/.test(f)) named.add(f);
}
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const rows = [...named].filter((f) => statSync(join(dist, f), { throwIfNoEntry: false })?.isFile()).map((f) => {
  const raw = readFileSync(join(dist, f));
  return {
    f,
    raw: raw.length,
    gz: gzipSync(raw, { level: 9 }).length,
    br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}).sort((a, b) => b.gz - a.gz);
const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gz: t.gz + r.gz, br: t.br + r.br }), { raw: 0, gz: 0, br: 0 });
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad('file', 44)}${pad('raw', 12)}${pad('gzip', 12)}brotli`);
for (const r of rows) console.log(`${pad(r.f, 44)}${pad(kb(r.raw), 12)}${pad(kb(r.gz), 12)}${kb(r.br)}`);
console.log(`${pad('first visit, total', 44)}${pad(kb(total.raw), 12)}${pad(kb(total.gz), 12)}${kb(total.br)}`);
const over = total.gz - BUDGET_GZIP;
// The rest: what the offline copy fetches after the first view (the parts and the worker).
const rest = [];
const walk = (d) => readdirSync(join(dist, d), { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]);
for (const f of walk('')) {
  if (named.has(f) || !/\.(js|wasm)$/.test(f) || f === 'sw.js') continue;
  rest.push(gzipSync(readFileSync(join(dist, f)), { level: 9 }).length);
}
console.log(`${pad(`later: ${rest.length} parts and the worker`, 44)}${pad('', 12)}${pad(kb(rest.reduce((a, b) => a + b, 0)), 12)}`);
console.log(over > 0 ? `gzip: ${kb(over)} over the budget of ${kb(BUDGET_GZIP)} (issue 20)` : `gzip: within the budget of ${kb(BUDGET_GZIP)}`);
