// Browser benchmark of the register at scale (release build, headless Chromium).
// Usage: bash scripts/perf.sh  — prints load+first-render and filter-keystroke times.
import { readFileSync } from 'node:fs';
import { serve, launch, newPage, open, KEY_PRIMARY } from '../tests/e2e/harness.mjs';

const fixture = readFileSync(process.argv[2] ?? 'target/perf-10k.txt', 'utf8');
const runs = Number(process.argv[3] ?? 5);
const server = await serve();
const browser = await launch();
const { page } = await newPage(browser);
await open(page, server.url);
await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [KEY_PRIMARY, fixture]);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Record when the register's first rows appear, before the app starts.
await page.addInitScript(() => {
  new MutationObserver((_, obs) => {
    if (document.querySelector('table.register tbody tr')) {
      window.__rowsAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, childList: true });
});
const loads = [];
const fromStorage = [];
for (let i = 0; i < runs; i++) {
  // A full page load each time (a hash change alone would not reload the app).
  await page.goto('about:blank');
  await page.goto(server.url + '#/portfolio');
  await page.getByTestId('row-count').filter({ hasText: /of [\d,]+ projects/ }).waitFor({ timeout: 60000 });
  // Navigation start → rows in the document, and reading storage → rows in the document.
  const t = await page.evaluate(() => ({
    rows: window.__rowsAt,
    start: performance.getEntriesByName('pmo:load-start')[0]?.startTime,
  }));
  loads.push(t.rows);
  fromStorage.push(t.rows - t.start);
}
const keys = [];
// Three searches typed letter by letter (the box is cleared between them).
const typed = [];
for (const word of ['data cat', 'migration', 'crm portal']) typed.push(null, ...word.split(''));
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
console.log(`page load (navigation start) to first register rows: median ${median(loads).toFixed(0)} ms (runs: ${loads.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`load from storage + first render of the register: median ${median(fromStorage).toFixed(0)} ms (runs: ${fromStorage.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`filter keystroke to updated rows: median ${median(keys.filter((k) => k >= 0)).toFixed(1)} ms (each: ${keys.map((x) => x.toFixed(1)).join(', ')})`);
console.log('errors:', page.errors);
await browser.close();
await server.close();
