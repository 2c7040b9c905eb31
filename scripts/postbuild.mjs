// Trunk's post-build hook (see Trunk.toml): finishes the build in $TRUNK_STAGING_DIR.
// 0. The app's wasm is cut into the first download and parts loaded later (scripts/split.mjs).
// 1. The Content Security Policy: Trunk writes an inline module script that loads the wasm;
//    its SHA-256 goes into the policy, so no 'unsafe-inline' is needed for scripts.
// 2. The service worker: the list of every file of the build and a build id made from their
//    contents, so each deployment is a new worker version.
// 3. Compressed copies: `<file>.gz` and `<file>.br` next to each text and wasm file, for hosts
//    that serve precompressed files (nginx gzip_static, Caddy precompressed, scripts/serve.mjs).
//    They are written last, so the service worker neither lists nor caches them.
import { createHash } from 'node:crypto';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { withSyncOrigin } from './sync-origin.mjs';
import { split } from './split.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('TRUNK_STAGING_DIR is not set: run this from Trunk');

async function walk(d) {
  const out = [];
  for (const e of await readdir(d, { withFileTypes: true })) {
    const p = join(d, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

// 0. Parts.
const cut = await split(dir);

// 1. CSP.
const indexPath = join(dir, 'index.html');
let html = await readFile(indexPath, 'utf8');
const inline = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
  .filter((m) => !/\bsrc=/.test(m[0].slice(0, m[0].indexOf('>'))))
  .map((m) => `'sha256-${createHash('sha256').update(m[1]).digest('base64')}'`);
const csp = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${inline.join(' ')}`.trim(),
  // Leptos sets style attributes (chart geometry, badges); styles cannot run code.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
if (!html.includes('__CSP__')) throw new Error('index.html has no __CSP__ placeholder');
html = html.replace('__CSP__', csp);
// The sync server this build may connect to, if one is given (none by default).
if (process.env.PMO_SYNC_ORIGIN) html = withSyncOrigin(html, process.env.PMO_SYNC_ORIGIN);
await writeFile(indexPath, html);

// 2. Service worker.
const files = (await walk(dir))
  .map((p) => relative(dir, p).split(sep).join('/'))
  .filter((f) => f !== 'sw.js')
  .sort();
const hash = createHash('sha256');
for (const f of files) {
  hash.update(f);
  hash.update(await readFile(join(dir, f)));
}
const build = hash.digest('hex').slice(0, 16);
const swPath = join(dir, 'sw.js');
let sw = await readFile(swPath, 'utf8');
sw = sw.replace("'__BUILD__'", JSON.stringify(build)).replace("['__FILES__']", JSON.stringify(files));
await writeFile(swPath, sw);
// 3. Compressed copies.
const COMPRESS = /\.(html|js|css|wasm|svg|json|webmanifest)$/;
let gz = 0;
let br = 0;
for (const f of [...files, 'sw.js'].filter((f) => COMPRESS.test(f))) {
  const raw = await readFile(join(dir, f));
  const g = gzipSync(raw, { level: 9 });
  const b = brotliCompressSync(raw, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
  });
  await writeFile(join(dir, `${f}.gz`), g);
  await writeFile(join(dir, `${f}.br`), b);
  gz += g.length;
  br += b.length;
}
console.log(`postbuild: ${cut.parts} parts in ${cut.folder}; CSP with ${inline.length} script hash(es); service worker ${build} precaches ${files.length} files; compressed copies ${(gz / 1024).toFixed(0)} KB gzip, ${(br / 1024).toFixed(0)} KB brotli`);
