// scripts/serve.mjs serves the precompressed copies the build writes (brotli, else gzip) with
// the right Content-Encoding, and the app runs from them in the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { DIST, launch, newPage } from './harness.mjs';
import { start } from '../../scripts/serve.mjs';

function get(url, encoding) {
  return new Promise((ok, fail) => {
    const req = request(url, { headers: encoding ? { 'accept-encoding': encoding } : {} }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', fail);
    req.end();
  });
}

test('the build has compressed copies, served by Content-Encoding, and the app runs from them', async () => {
  const { server, url } = await start(DIST, 0);
  try {
    const html = await readFile(join(DIST, 'index.html'), 'utf8');
    const wasm = html.match(/href="\.?\/?([^"]+_bg\.wasm)"/)?.[1] ?? (await import('node:fs')).readdirSync(DIST).find((f) => /^pmo-workbench-.*_bg\.wasm$/.test(f));
    const raw = await readFile(join(DIST, wasm));
    const br = await get(url + wasm, 'gzip, deflate, br');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(br.headers['content-type'], 'application/wasm');
    assert.ok(br.body.length < raw.length / 2, `brotli: ${br.body.length} of ${raw.length} bytes`);
    assert.ok(brotliDecompressSync(br.body).equals(raw), 'the brotli copy is the file');
    const gz = await get(url + wasm, 'gzip');
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.ok(gunzipSync(gz.body).equals(raw), 'the gzip copy is the file');
    const plain = await get(url + wasm);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.ok(plain.body.equals(raw));
    assert.equal((await get(url + '..%2fCargo.toml')).status, 404, 'nothing outside the build');
    assert.equal((await get(url + 'sw.js.br', 'br')).status, 200, 'the copies are files like any other');
    // The service worker neither lists nor caches the copies.
    assert.doesNotMatch(await readFile(join(DIST, 'sw.js'), 'utf8'), /\.(br|gz)"/);

    // The browser runs the app from the compressed files.
    const browser = await launch();
    try {
      const { page } = await newPage(browser);
      const encodings = [];
      page.on('response', (r) => encodings.push(`${new URL(r.url()).pathname} ${r.headers()['content-encoding'] ?? 'identity'}`));
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
      assert.ok(encodings.some((e) => /_bg\.wasm br$/.test(e)), encodings.join('\n'));
      assert.deepEqual(page.errors, []);
    } finally {
      await browser.close();
    }
  } finally {
    await new Promise((ok) => server.close(ok));
  }
});
