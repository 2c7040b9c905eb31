// First visit and start-up of the release build (issue 20): a benchmark to read, not a test.
//
// 1. First visit over a 9 Mbit/s line with 60 ms latency (Chromium's DevTools protocol throttles
//    it; cache disabled; a fresh profile, so no service worker): the time from navigation to the
//    dashboard's heading, from scripts/serve.mjs serving brotli, gzip, or plain files.
// 2. Start-up with the demo data stored, no throttling: navigation to the dashboard's tiles, and
//    of that the wasm's compile and first render (from the wasm's arrival to the tiles); and
//    to the document loaded. Once with the store compacted (the usual start), once with changes
//    stored after the snapshot.
//
// Usage: node scripts/first-visit.mjs [dist] [runs]   (the median of `runs`, default 5)
import { createRequire } from 'node:module';
import { start } from './serve.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const dist = process.argv[2] ?? 'dist';
const runs = Number(process.argv[3] ?? 5);
const LINE = { offline: false, latency: 60, downloadThroughput: 9e6 / 8, uploadThroughput: 9e6 / 8 };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${Math.round(x)} ms`;

// Marks, in the page, the moment the dashboard's heading and its first tile are on screen.
const WATCH = () => {
  const seen = {};
  const look = () => {
    const h1 = document.querySelector('main h1');
    if (!seen.heading && h1 && h1.textContent.trim() === 'Dashboard') seen.heading = performance.now();
    if (!seen.tiles && seen.heading && document.querySelector('main .tile')) {
      seen.tiles = performance.now();
    }
  };
  new MutationObserver(look).observe(document, { childList: true, subtree: true, characterData: true });
  window.__seen = seen;
};

async function firstVisit(browser, url) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block' });
  const page = await ctx.newPage();
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', LINE);
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  await page.addInitScript(WATCH);
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor({ timeout: 60_000 });
  const heading = await page.evaluate(() => window.__seen.heading);
  const wasm = await page.evaluate(() => {
    const r = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return r ? r.responseEnd : NaN;
  });
  await ctx.close();
  return { heading, wasm, bytes };
}

// `compacted`: reload once the store is compacted (the usual start: the snapshot's view is drawn
// before the document loads); otherwise right after the edits (changes after the snapshot: the
// document must load before the first page).
async function startUp(browser, url, compacted) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(url);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await page.getByRole('button', { name: 'Not now' }).click({ timeout: 30_000 }).catch(() => {});
  await page.getByRole('link', { name: /Active projects/ }).waitFor({ timeout: 30_000 });
  if (compacted) {
    await page.waitForFunction(() => performance.getEntriesByName('pmo:compacted-in-worker').length > 0,
      null, { timeout: 30_000 });
  }
  await page.addInitScript(WATCH);
  const out = [];
  for (let i = 0; i < runs; i++) {
    await page.reload();
    await page.getByRole('link', { name: /Active projects/ }).waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => performance.getEntriesByName('pmo:document-loaded').length > 0,
      null, { timeout: 30_000 });
    out.push(await page.evaluate(() => {
      const r = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
      const loaded = performance.getEntriesByName('pmo:document-loaded')[0];
      return { tiles: window.__seen.tiles ?? NaN, wasm: r ? r.responseEnd : NaN, document: loaded.startTime };
    }));
  }
  await ctx.close();
  return out;
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
try {
  console.log(`First visit over 9 Mbit/s, 60 ms latency, cache disabled (median of ${runs}):`);
  for (const [name, encodings] of [['brotli', ['br']], ['gzip', ['gzip']], ['uncompressed', []]]) {
    const { server, url } = await start(dist, 0, { encodings });
    const rs = [];
    for (let i = 0; i < runs; i++) rs.push(await firstVisit(browser, url));
    server.close();
    console.log(`  ${name.padEnd(13)} heading ${ms(median(rs.map((r) => r.heading)))}` +
      ` (runs: ${rs.map((r) => Math.round(r.heading)).join(', ')}); wasm arrived ${ms(median(rs.map((r) => r.wasm)))};` +
      ` ${(median(rs.map((r) => r.bytes)) / 1024).toFixed(0)} KB transferred`);
  }
  const { server, url } = await start(dist, 0);
  for (const compacted of [true, false]) {
    const rs = await startUp(browser, url, compacted);
    const tiles = rs.map((r) => r.tiles);
    const compile = rs.map((r) => r.tiles - r.wasm);
    console.log(`Start-up with the demo data, ${compacted ? 'the store compacted' : 'changes after the snapshot'},` +
      ` no throttling (median of ${runs} reloads):`);
    console.log(`  navigation to the dashboard's tiles ${ms(median(tiles))} (runs: ${tiles.map(Math.round).join(', ')})`);
    console.log(`  of which wasm arrived to tiles (compile, start, first render) ${ms(median(compile))}`);
    console.log(`  navigation to the document loaded ${ms(median(rs.map((r) => r.document)))}`);
  }
  server.close();
} finally {
  await browser.close();
}
