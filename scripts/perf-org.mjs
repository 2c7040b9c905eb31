// Browser benchmark of the org chart at scale (release build, headless Chromium).
// Usage: bash scripts/perf-org.sh — first frame of a fully expanded chart of 10 000 people,
// and frame times while panning and zooming.
import { readFileSync } from 'node:fs';
import { serve, launch, newPage, open, KEY_PRIMARY } from '../tests/e2e/harness.mjs';

const fixture = readFileSync(process.argv[2] ?? 'target/perf-org.txt', 'utf8');
const runs = Number(process.argv[3] ?? 7);
const server = await serve();
const browser = await launch();
const { page } = await newPage(browser);
await page.setViewportSize({ width: 1366, height: 800 });
await open(page, server.url);
await page.evaluate(([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }, [KEY_PRIMARY, fixture]);
await page.goto('about:blank');
await open(page, server.url, '#/');
await page.locator('main h1').waitFor({ timeout: 60000 });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

// Click "Org chart" in the navigation; time until the first cards are in the document and
// the frame after that has been produced.
const first = [];
const fromPage = [];
for (let i = 0; i < runs; i++) {
  await page.evaluate(() => { location.hash = '#/'; });
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await page.waitForTimeout(300);
  const ms = await page.evaluate(() => new Promise((resolve) => {
    const t0 = performance.now();
    const obs = new MutationObserver(() => {
      if (document.querySelector('[role="treeitem"]')) {
        obs.disconnect();
        requestAnimationFrame(() => setTimeout(() => {
          const now = performance.now();
          const marks = performance.getEntriesByName('pmo:org-start');
          resolve([now - t0, now - marks[marks.length - 1].startTime]);
        }, 0));
      }
    });
    obs.observe(document.body, { subtree: true, childList: true });
    document.querySelector('nav[aria-label="Main"] a[href$="#/org"]').click();
  }));
  first.push(ms[0]);
  fromPage.push(ms[1]);
}
const cards = await page.getByRole('treeitem').count();
await page.locator('.org-figures dd').first().waitFor();
const people = await page.locator('.org-figures dd').first().textContent();

// Frame times while something happens: a rAF loop records the gaps between frames.
async function frames(action) {
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    window.__run = true;
    const tick = (t) => { window.__gaps.push(t - last); last = t; if (window.__run) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await action();
  return page.evaluate(() => { window.__run = false; return window.__gaps.slice(1); });
}
const stage = await page.locator('.org-stage').boundingBox();
const cx = stage.x + stage.width / 2, cy = stage.y + stage.height / 2;
const pan = await frames(async () => {
  // Drag the background in a circle-ish path, 120 steps.
  await page.mouse.move(stage.x + 20, stage.y + stage.height - 20);
  await page.mouse.down();
  for (let s = 0; s < 120; s++) {
    await page.mouse.move(stage.x + 20 + s * 6, stage.y + stage.height - 20 - (s % 40) * 4);
  }
  await page.mouse.up();
});
const panCards = await page.getByRole('treeitem').count();
const zoom = await frames(async () => {
  await page.mouse.move(cx, cy);
  for (let s = 0; s < 30; s++) await page.mouse.wheel(0, s < 15 ? 60 : -60);
});
// Zoomed out far enough for the simplified cards (below 50 %), still under 500 cards drawn:
// the zoom step into that drawing, then panning it.
const zoomOut = page.getByRole('button', { name: 'Zoom out' });
const simpleSteps = [];
for (let s = 0; s < 4; s++) {
  const t = Date.now();
  await zoomOut.click();
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  simpleSteps.push(Date.now() - t);
}
const simpleOn = await page.evaluate(() => document.querySelector('.org-svg').classList.contains('simple'));
const simpleCards = await page.getByRole('treeitem').count();
const simplePan = await frames(async () => {
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let s = 0; s < 120; s++) await page.mouse.move(cx - s * 4, cy - (s % 40) * 3);
  await page.mouse.up();
});
const t0 = Date.now();
await page.getByRole('button', { name: 'Fit to screen' }).click();
await page.getByText('Zoom in to read the cards').waitFor();
const fitMs = Date.now() - t0;
const overview = await frames(async () => {
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  for (let s = 0; s < 60; s++) await page.mouse.move(cx + s * 3, cy + s);
  await page.mouse.up();
});

const line = (name, gaps) => `${name}: ${gaps.length} frames, median ${median(gaps).toFixed(1)} ms, p95 ${pct(gaps, 0.95).toFixed(1)} ms, longest ${Math.max(...gaps).toFixed(1)} ms`;
console.log(`people (headcount figure): ${people}`);
console.log(`first frame of the org chart (click → cards drawn → next frame): median ${median(first).toFixed(0)} ms (runs: ${first.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`first frame from the page's start (leaving the dashboard excluded): median ${median(fromPage).toFixed(0)} ms (runs: ${fromPage.map((x) => x.toFixed(0)).join(', ')})`);
console.log(`cards in the DOM: ${cards} after opening, ${panCards} after panning`);
console.log(line('pan', pan));
console.log(line('wheel zoom', zoom));
console.log(`zoom out ×4 into simplified cards (${simpleOn ? 'simplified' : 'NOT simplified'}, ${simpleCards} cards): steps ${simpleSteps.join(', ')} ms including the test's round trip`);
console.log(line('pan with simplified cards', simplePan));
console.log(`fit to screen (overview drawing): ${fitMs} ms including the test's round trip`);
console.log(line('pan in overview', overview));
console.log('errors:', page.errors);
await browser.close();
await server.close();
