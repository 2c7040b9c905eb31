// Test harness: serves the release build (dist/) under a sub-path from a tiny static server
// with no rewrite rules, and drives the system Chromium through Playwright.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { TYPES } from '../../scripts/serve.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const DIST = join(ROOT, 'dist');
export const BASE_PATH = '/tools/pmo/';


/** A plain static file server: `/tools/pmo/<file>` maps to `dist/<file>`, nothing else. */
export async function serve(dist = DIST) {
  const hits = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    hits.push(url.pathname);
    if (!url.pathname.startsWith(BASE_PATH)) {
      res.writeHead(404).end('not found');
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(BASE_PATH.length)) || 'index.html';
    const file = normalize(join(dist, rel));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const s = await stat(file);
      if (!s.isFile()) throw new Error('not a file');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(await readFile(file));
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${BASE_PATH}`,
    origin: `http://127.0.0.1:${port}`,
    /** Every path requested from this server so far, in order. */
    hits: () => [...hits],
    close: () => new Promise((ok) => server.close(ok)),
  };
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  // More flags for an investigation, e.g. CHROMIUM_EXTRA_ARGS=--js-flags=--no-liftoff.
  ...(process.env.CHROMIUM_EXTRA_ARGS ? process.env.CHROMIUM_EXTRA_ARGS.split(' ') : []),
];

export async function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** A new browser context with a page that records console errors and requests. */
export async function newPage(browser, context) {
  const ctx = context ?? (await browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 800 } }));
  const page = await ctx.newPage();
  page.errors = [];
  page.requests = [];
  page.on('console', (m) => { if (m.type() === 'error') page.errors.push(m.text()); });
  page.on('pageerror', (e) => page.errors.push(String(e)));
  page.on('request', (r) => page.requests.push(r.url()));
  // Requests that went to the network: not answered by the service worker's offline copy.
  page.network = [];
  page.on('requestfinished', async (r) => {
    const response = await r.response().catch(() => null);
    if (!response?.fromServiceWorker()) page.network.push(r.url());
  });
  page.on('requestfailed', (r) => page.network.push(r.url()));
  return { ctx, page };
}

/** Open the app at `hash` and wait until it has rendered. */
export async function open(page, base, hash = '#/') {
  await page.goto(base + hash);
  // The header (on a phone its navigation is a closed menu).
  await page.getByRole('banner').waitFor();
}

/**
 * Wait until `predicate(arg)`, run in the page, resolves to true: for what the page holds
 * but does not show (what is stored). Unlike `page.waitForFunction`, which takes the promise
 * an async predicate returns as a true value at once, this awaits it, and asks again every
 * `every` ms until `timeout`.
 */
export async function until(page, predicate, arg, { timeout = 15000, every = 100 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    if ((await page.evaluate(predicate, arg)) === true) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${predicate}`);
    await new Promise((ok) => setTimeout(ok, every));
  }
}

/** On a project's page, turn its details (shown as text) into the form. */
export async function editDetails(page) {
  await page.getByRole('button', { name: 'Edit details' }).click();
  await page.getByRole('form', { name: 'Project details' }).waitFor();
}

/** Wait until the header says everything is saved. */
export async function saved(page) {
  await page.getByTestId('save-indicator').filter({ hasText: 'All changes saved' }).waitFor();
}

/** Click a button and return the text of the file it downloads. */
export async function download(page, locator) {
  const [dl] = await Promise.all([page.waitForEvent('download'), locator.click()]);
  const path = await dl.path();
  const bytes = await readFile(path);
  return { name: dl.suggestedFilename(), text: bytes.toString('utf8'), bytes };
}

export const KEY_PRIMARY = 'pmo-workbench/v2/data';

/**
 * What the app in `page` has stored, parsed: the store is read the way a start-up reads it,
 * by the app's own code (`stored_json`, exported for this purpose), never by a copy of it
 * here. Null when nothing is stored.
 */
export async function readStored(page) {
  const json = await page.evaluate(() => window.wasmBindings.stored_json());
  if (json === null || json === undefined) return null;
  assert.ok(typeof json === 'string', 'the store reads');
  return JSON.parse(json);
}

/**
 * How many projects, people and assessments the stored workspace holds, so that tests compare
 * the page with the data instead of pinning the demo's size. Waits for pending saves first.
 */
export async function storedCounts(page) {
  await flushSaves(page);
  const ws = (await readStored(page)).workspace;
  return {
    projects: ws.projects.length,
    people: ws.people.filter((p) => !p.vacancy).length,
    assessments: (ws.assessments ?? []).length,
  };
}

/**
 * Run any save the app has pending now, instead of waiting for the autosave delay: the app
 * saves at once when the page is hidden (`pagehide`). After this, storage holds whatever the
 * app would write.
 */
export async function flushSaves(page) {
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
}

/** A new page with the demo organisation loaded and saved, opened at `hash`. */
export async function withDemo(browser, server, hash) {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  await page.goto(server.url + hash);
  await page.locator('main h1').waitFor();
  return { ctx, page };
}

/**
 * Replace what is stored with `doc`, as an earlier version would have left it: the app's
 * database is deleted and `doc` is written to localStorage (as plain JSON, which the app also
 * reads), so the next start moves it in. Done from a page of the same origin where the app
 * is not running (a running app keeps its database open); `page` comes back to where it was.
 * Other pages of the app must be closed first.
 */
export async function writeStored(page, doc) {
  const back = page.url();
  await page.goto(new URL('/no-app-here', back).href);
  await page.evaluate(async ([k, v]) => {
    localStorage.setItem(k, v);
    await new Promise((ok, fail) => {
      const r = indexedDB.deleteDatabase('pmo-workbench');
      r.onsuccess = ok;
      r.onerror = () => fail(r.error);
      r.onblocked = () => fail(new Error('another page of the app keeps the database open'));
    });
  }, [KEY_PRIMARY, typeof doc === 'string' ? doc : JSON.stringify(doc)]);
  await page.goto(back);
  await page.locator('main h1').waitFor();
}

/**
 * Make the browser's storage full for the app in `page`, as on a full disk: from now on its
 * database refuses every write with a `QuotaExceededError`, as a browser does when the site's
 * quota is used up (Chromium's DevTools quota override has no effect on test contexts, so the
 * refusal is made in the page). Returns a function that makes room again.
 */
export async function fillQuota(page) {
  await page.evaluate(() => {
    const full = () => { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
    window.roomyStore = { add: IDBObjectStore.prototype.add, put: IDBObjectStore.prototype.put };
    IDBObjectStore.prototype.add = full;
    IDBObjectStore.prototype.put = full;
  });
  return () => page.evaluate(() => {
    IDBObjectStore.prototype.add = window.roomyStore.add;
    IDBObjectStore.prototype.put = window.roomyStore.put;
  });
}
