// Browser benchmark at scale (release build, headless Chromium), with the data layer in
// IndexedDB. Usage: bash scripts/perf.sh — prints:
// - the first start, which moves a localStorage workspace into the database;
// - start from the database to the register's first rows (median of runs);
// - a filter keystroke to updated rows;
// - one edit's main-thread time (commit: validate, describe, change of the document, append);
//   long tasks while saving, and of the compaction that follows;
// - an edit in one tab until the other tab shows it.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { serve, launch, newPage, until, editDetails, KEY_PRIMARY } from '../tests/e2e/harness.mjs';

const fixture = readFileSync(process.argv[2] ?? 'target/perf-10k.txt', 'utf8');
const runs = Number(process.argv[3] ?? 5);
// PERF_DIST: another build to measure (e.g. one made with other settings), dist/ by default.
const server = await serve(process.env.PERF_DIST ? resolve(process.env.PERF_DIST) : undefined);
const browser = await launch();
const { ctx, page } = await newPage(browser);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];
const list = (xs, d = 0) => xs.map((x) => x.toFixed(d)).join(', ');

// What an earlier version left in localStorage, with no database yet.
await page.goto(server.origin + '/no-app-here');
await page.evaluate(async ([k, v]) => {
  localStorage.clear();
  localStorage.setItem(k, v);
  await new Promise((ok) => { const r = indexedDB.deleteDatabase('pmo-workbench'); r.onsuccess = ok; r.onerror = ok; });
}, [KEY_PRIMARY, fixture]);
await page.addInitScript(() => {
  new MutationObserver((_, obs) => {
    if (document.querySelector('table.register tbody tr')) {
      window.__rowsAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
  window.__long = [];
  new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
});
const rowsShown = async () => {
  await page.getByTestId('row-count').filter({ hasText: /of [\d,]+ projects/ }).waitFor({ timeout: 120000 });
  return page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    return { rows: window.__rowsAt, start: at('pmo:load-start'), read: at('pmo:read'), decoded: at('pmo:view-decoded') };
  });
};
const snapshotWritten = () => until(page, () => new Promise((ok) => {
  const r = indexedDB.open('pmo-workbench');
  r.onsuccess = () => {
    const db = r.result;
    const tx = db.transaction(['snapshot', 'updates']);
    const s = tx.objectStore('snapshot').count();
    const u = tx.objectStore('updates').count();
    tx.oncomplete = () => { db.close(); ok(s.result === 1 && u.result === 0); };
  };
}), null, { timeout: 120000, every: 500 });

await page.goto(server.url + '#/portfolio');
const first = await rowsShown();
await snapshotWritten();
console.log(`first start, moving the localStorage workspace in: ${(first.rows - first.start).toFixed(0)} ms to the first rows`);
// Size on disk: the compacted snapshot (document and view) against the gzipped JSON export.
const sizes = await page.evaluate(() => new Promise((ok) => {
  const r = indexedDB.open('pmo-workbench');
  r.onsuccess = () => {
    const db = r.result;
    const q = db.transaction(['snapshot']).objectStore('snapshot').get('main');
    // The view is a string of characters above U+00FF, which IndexedDB stores as UTF-16: two
    // bytes each.
    q.onsuccess = () => { db.close(); ok({ doc: q.result.doc.byteLength, view: 2 * (q.result.view ?? '').length }); };
  };
}));
const exportJson = await page.evaluate(() => window.wasmBindings.stored_json());
const exportGz = gzipSync(Buffer.from(exportJson)).length;
const mb = (n) => (n / 1e6).toFixed(2) + ' MB';
console.log(`compacted snapshot: document ${mb(sizes.doc)} + view ${mb(sizes.view)} = ${mb(sizes.doc + sizes.view)}; JSON export ${mb(exportJson.length)}, gzipped ${mb(exportGz)} (ratio ${((sizes.doc + sizes.view) / exportGz).toFixed(2)}; document alone ${(sizes.doc / exportGz).toFixed(2)})`);

const starts = [];
const phases = { read: [], decoded: [], drawn: [] };
for (let i = 0; i < runs; i++) {
  await page.goto('about:blank');
  await page.goto(server.url + '#/portfolio');
  const t = await rowsShown();
  starts.push(t.rows - t.start);
  phases.read.push(t.read - t.start);
  phases.decoded.push(t.decoded - t.read);
  phases.drawn.push(t.rows - t.decoded);
}
console.log(`start from IndexedDB to the register's first rows: median ${median(starts).toFixed(0)} ms (runs: ${list(starts)})`);
console.log(`  of which: reading the database ${median(phases.read).toFixed(0)} ms, decoding and checking the view ${median(phases.decoded).toFixed(0)} ms, drawing the rows ${median(phases.drawn).toFixed(0)} ms`);

const keys = [];
const typed = [];
for (const word of ['data cat', 'migration']) typed.push(null, ...word.split(''));
for (const ch of typed) {
  if (ch === null) {
    await page.evaluate(() => { const i = document.getElementById('register-search'); i.value = ''; i.dispatchEvent(new Event('input', { bubbles: true })); });
    await page.waitForTimeout(200);
    continue;
  }
  const ms = await page.evaluate((c) => new Promise((resolve) => {
    const input = document.getElementById('register-search');
    const count = document.querySelector('[data-testid="row-count"]');
    const before = count.textContent;
    const t0 = performance.now();
    const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now() - t0); });
    obs.observe(document.querySelector('table.register tbody').parentElement.parentElement.parentElement, { subtree: true, childList: true, characterData: true });
    input.value += c;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(() => { obs.disconnect(); resolve(count.textContent === before ? -1 : performance.now() - t0); }, 2000);
  }), ch);
  keys.push(ms);
  await page.waitForTimeout(100);
}
console.log(`filter keystroke to updated rows: median ${median(keys.filter((k) => k >= 0)).toFixed(1)} ms`);

// One edit at a time: the organisation's name, a letter, a pause (each pause commits).
await page.goto(server.url + '#/data');
await page.getByLabel('Organisation name').waitFor();
// Let the document finish loading first.
await page.waitForFunction(() => performance.getEntriesByName('pmo:document-loaded').length > 0, null, { timeout: 120000 });
const { page: other } = await newPage(browser, ctx);
await other.addInitScript(() => {
  window.__long = [];
  new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask', buffered: true });
});
await other.goto(server.url + '#/');
await other.locator('.org-name').waitFor();
await other.waitForFunction(() => performance.getEntriesByName('pmo:document-loaded').length > 0, null, { timeout: 120000 });
// Type `letters` into the field labelled `label`, a letter and a pause at a time (each pause
// commits), while the other tab shows `shown` (a selector); print the commits' main-thread
// time and how long until the other tab showed each letter.
async function editAndWatch(what, label, shown, letters) {
  await other.evaluate(() => { window.__long = []; });
  await page.evaluate(() => { window.__long = []; performance.clearMeasures('pmo:commit'); for (const k of ['find', 'document', 'rest']) performance.clearMeasures('pmo:commit-' + k); });
  const seen = [];
  // Compaction workers started while editing (each pause longer than two seconds starts one).
  const workersWhileEditing = [];
  let typedSoFar = 0;
  const onWorker = (name) => () => workersWhileEditing.push(`${name} after letter ${typedSoFar}`);
  const listeners = [[page, onWorker('this tab')], [other, onWorker('the other tab')]];
  for (const [p, f] of listeners) p.on('worker', f);
  await page.getByLabel(label, { exact: true }).click();
  await page.keyboard.press('End');
  for (const ch of letters) {
    const at = other.evaluate(([c, sel]) => new Promise((resolve) => {
      const el = document.querySelector(sel);
      const obs = new MutationObserver(() => {
        if (el.textContent.endsWith(c)) { obs.disconnect(); resolve(performance.timeOrigin + performance.now()); }
      });
      obs.observe(el, { subtree: true, childList: true, characterData: true });
      setTimeout(() => resolve(-1), 10000);
    }), [ch, shown]);
    await page.keyboard.type(ch);
    typedSoFar += 1;
    const shownAt = await at;
    const committed = await page.evaluate(() => {
      const m = performance.getEntriesByName('pmo:commit');
      const last = m[m.length - 1];
      return last ? performance.timeOrigin + last.startTime + last.duration : null;
    });
    if (shownAt > 0 && committed) seen.push(shownAt - committed);
    await page.waitForTimeout(150);
  }
  for (const [p, f] of listeners) p.off('worker', f);
  const kinds = await page.evaluate(() => ['pmo:compacted-in-worker', 'pmo:caught-up-in-worker', 'pmo:caught-up'].map((n) => `${n} ${performance.getEntriesByName(n).length}`).join(', '));
  console.log(`  (this tab's marks so far: ${kinds})`);
  const commits = await page.evaluate(() => performance.getEntriesByName('pmo:commit').map((m) => m.duration));
  const long = await page.evaluate(() => window.__long);
  console.log(`one edit (${what}), main thread (commit): median ${median(commits).toFixed(1)} ms, p95 ${p95(commits).toFixed(1)} ms (${commits.length} edits: ${list(commits, 1)})`);
  const parts = await page.evaluate(() => ['find', 'document', 'rest'].map((k) => performance.getEntriesByName('pmo:commit-' + k).map((m) => m.duration)));
  console.log(`  of which (medians): finding and checking the change ${median(parts[0]).toFixed(1)} ms, writing the document ${median(parts[1]).toFixed(1)} ms, storing and the rest ${median(parts[2]).toFixed(1)} ms`);
  console.log(`  long tasks while editing and saving: ${long.length ? list(long) + ' ms' : 'none'}`);
  console.log(`  compaction workers started while editing: ${workersWhileEditing.length ? workersWhileEditing.join('; ') : 'none'}`);
  console.log(`  an edit's commit until the other tab shows it: median ${median(seen).toFixed(0)} ms, p95 ${p95(seen).toFixed(0)} ms (each: ${list(seen)})`);
  const otherLong = await other.evaluate(() => window.__long);
  console.log(`  long tasks in the other tab meanwhile: ${otherLong.length ? list(otherLong) + ' ms' : 'none'}`);
}

await editAndWatch('the organisation\'s name', 'Organisation name', '.org-name', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn');

// A project's name on its page, and the same project's page in the other tab (after the
// compaction of the edits above, so that its worker does not run during these).
await snapshotWritten();
for (const p of [page, other]) {
  await p.goto(server.url + '#/project/p-5000');
  await p.getByRole('heading', { level: 1 }).waitFor();
  await p.waitForFunction(() => performance.getEntriesByName('pmo:document-loaded').length > 0, null, { timeout: 120000 });
}
// This tab edits the details in place; the other shows the project as text.
await editDetails(page);
await editAndWatch('a project\'s name', 'Project name', 'h1', 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn');

// The compaction that follows (2 s after the last stored change): its long tasks too.
await page.evaluate(() => { window.__long = []; });
await snapshotWritten();
// Long-task entries reach the observer after their task: give them a moment to arrive.
await page.waitForFunction(() => window.__long.length > 0, null, { timeout: 3000 }).catch(() => {});
const compaction = await page.evaluate(() => window.__long);
// The page marks the worker's compaction when the worker's reply arrives, just after the write.
await page.waitForFunction(() => performance.getEntriesByName('pmo:compacted-in-worker').length > 0, null, { timeout: 5000 }).catch(() => {});
const inWorker = await page.evaluate(() => performance.getEntriesByName('pmo:compacted-in-worker').length);
console.log(`  compactions done by the worker: ${inWorker}`);
console.log(`long tasks of the compaction after the edits: ${compaction.length ? list(compaction) + ' ms' : 'none'}`);
// The other tab comes back into view after this one compacted: it catches up (a worker loads
// the store and sends only what the tab lacks).
const woke = await other.evaluate(() => new Promise((resolve) => {
  const long = [];
  new PerformanceObserver((l) => long.push(...l.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  performance.clearMarks('pmo:caught-up');
  const t0 = performance.now();
  new PerformanceObserver((l, obs) => {
    if (l.getEntriesByName('pmo:caught-up').length) {
      obs.disconnect();
      // Long-task entries arrive after their task: give them a moment.
      setTimeout(() => resolve({ ms: performance.now() - t0, long }), 200);
    }
  }).observe({ type: 'mark' });
  document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  setTimeout(() => resolve({ ms: -1, long }), 30000);
}));
console.log(`a tab back in view after another compacted: caught up in ${woke.ms.toFixed(0)} ms; its long tasks: ${woke.long.length ? list(woke.long) + ' ms' : 'none'}`);
await browser.close();
await server.close();
