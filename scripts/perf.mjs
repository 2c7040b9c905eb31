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
const loads = [];
for (let i = 0; i < runs; i++) {
  // A full page load each time (a hash change alone would not reload the app).
  await page.goto('about:blank');
  await page.goto(server.url + '#/portfolio');
  await page.getByTestId('row-count').filter({ hasText: /of [\d,]+ projects/ }).waitFor({ timeout: 60000 });
  // Time from navigation start until the register's rows are in the document.
  loads.push(await page.evaluate(() => performance.now()));
}
const keys = [];
for (const ch of 'data cat'.split('')) {
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
console.log(`load + first render of the register: median ${median(loads).toFixed(0)} ms (runs: ${loads.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`filter keystroke to updated rows: median ${median(keys.filter((k) => k >= 0)).toFixed(1)} ms (each: ${keys.map((x) => x.toFixed(1)).join(', ')})`);
console.log('errors:', page.errors);
await browser.close();
await server.close();
