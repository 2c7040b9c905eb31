// The app shell as a person meets it: every route, deep links that survive a reload under a
// sub-path, the not-found page, the crash panel, and accessibility of every page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, newPage, open, saved, download, storedCounts } from './harness.mjs';

const require = createRequire(import.meta.url);
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PAGES = [
  ['Dashboard', '#/', 'Dashboard'],
  ['Portfolio', '#/portfolio', 'Portfolio'],
  ['Org chart', '#/org', 'Org chart'],
  ['Roles', '#/roles', 'Roles'],
  ['Assessment', '#/assessment', 'Assessment'],
  ['Start a PMO', '#/setup', 'Start a PMO'],
  ['Data', '#/data', 'Data'],
];

test('every page is reachable from the navigation and says what it holds', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url);
  for (const [link, hash, heading] of PAGES) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    assert.equal(new URL(page.url()).hash, hash === '#/' ? '#/' : hash);
    const current = page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]');
    assert.equal(await current.textContent(), link);
    // No blank screens: an empty workspace says what to do next on every page but Data
    // (the dashboard with the three ways in), and offers the demo.
    if (link === 'Dashboard') await page.getByRole('button', { name: 'Try the demo' }).waitFor();
    else if (link !== 'Data') await page.getByRole('button', { name: 'Load demo organisation' }).waitFor();
    assert.match(await page.title(), new RegExp(`^${heading} · PMO Workbench$`));
  }
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('a deep link survives a reload on a plain static server under a sub-path', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/org');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await page.getByRole('tree', { name: 'Org chart' }).waitFor();
  await saved(page);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Org chart' }).waitFor();
  await page.getByRole('treeitem', { name: /Chief Executive Officer/ }).waitFor();
  assert.ok(page.url().startsWith(server.url), page.url());
  // Browser history works with the hash routes.
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: 'Org chart' }).waitFor();
  await ctx.close();
});

test('a filtered view of the register is a bookmarkable address', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await saved(page);
  const all = (await storedCounts(page)).projects;
  await page.getByRole('link', { name: /At risk or off track/ }).click();
  await page.getByRole('group', { name: 'Status' }).getByLabel('At risk').and(page.locator(':checked')).waitFor();
  const caption = await page.getByTestId('row-count').textContent();
  const shown = Number(caption.match(/of (\d+) project/)[1]);
  assert.ok(shown > 0 && shown < all, caption);
  const statuses = await page.locator('table.register tbody .status').allTextContents();
  assert.equal(statuses.length, shown);
  assert.ok(statuses.every((s) => s === 'At risk' || s === 'Off track'), statuses.join());
  await page.reload();
  assert.equal(await page.getByTestId('row-count').textContent(), caption);
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByTestId('row-count').filter({ hasText: `of ${all} projects` }).waitFor();
  await ctx.close();
});

test('an unknown address shows a not-found page with the way back', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/no-such-page');
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  await page.getByText('There is no page at “/no-such-page”').waitFor();
  await page.getByRole('main').getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await ctx.close();
});

// The error panel itself is tested in the browser tests (tests/app_browser.rs): a release
// build has no page that fails on purpose.
test('a release build has no page that fails on purpose', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/debug/panic');
  await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
  assert.equal(await page.getByRole('alertdialog').count(), 0);
  await ctx.close();
});

test('every page passes an accessibility check with data loaded', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await saved(page);
  const axeSource = require.resolve('axe-core/axe.min.js');
  const views = [
    ['', '#/portfolio/priorities', 'Priorities'],
    ['', '#/portfolio/roadmap', 'Roadmap'],
    ['', '#/report', 'Monthly PMO report'],
    ['', '#/round', 'Status round'],
    ['', '#/reply', 'Answer a status request'],
    ['', '#/project/p-002', 'CRM consolidation'],
    ['', '#/setup/charter', 'PMO charter'],
    ['', '#/setup/routines', 'PMO routines'],
  ];
  for (const [, hash, heading] of [...PAGES, ...views]) {
    await page.goto(server.url + hash);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    // Evaluated through DevTools: the page's CSP rightly refuses an injected inline script.
    await page.evaluate(readFileSync(axeSource, 'utf8'));
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    assert.deepEqual(found, [], `${heading}: ${found.join('\n')}`);
  }
  await ctx.close();
});

test('keyboard: skip link and navigation work without a mouse', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent.trim()), 'PMO Workbench');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Portfolio');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  // Focus moves to the new page's heading.
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  await ctx.close();
});

test('after load the app makes no network request and none to another origin', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url);
  // Loading ends once the offline copy is complete (the service worker fetches it after start).
  await page.getByText('Offline ready').waitFor();
  await page.waitForLoadState('networkidle');
  const loaded = page.requests.length;
  const fetched = page.network.length;
  await page.getByRole('button', { name: 'Try the demo' }).click();
  for (const [link, , heading] of PAGES) {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  }
  await page.getByLabel('Organisation name').fill('Offline Org');
  await saved(page);
  // Any request the save might have caused would keep the network busy.
  await page.waitForLoadState('networkidle');
  // The pages' code loaded on first use comes from the offline copy, never the network.
  const later = page.requests.slice(loaded);
  assert.ok(later.length > 0, 'the pages loaded parts of the app on first use');
  assert.deepEqual(later.filter((u) => !/\/parts-[0-9a-f]+\/(split|chunk)_\w+\.wasm$/.test(u)), []);
  assert.deepEqual(page.network.slice(fetched), []);
  assert.ok(page.requests.every((u) => u.startsWith(server.origin)), page.requests.join('\n'));
  await ctx.close();
});

test('on a 390 px phone the navigation is a menu and no page scrolls sideways', async () => {
  const { ctx, page } = await newPage(browser);
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  const menu = page.getByRole('button', { name: 'Menu' });
  const nav = page.getByRole('navigation', { name: 'Main' });
  const wide = () => page.evaluate(() => {
    const w = document.documentElement.clientWidth;
    const over = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > w + 1 && !el.closest('.table-wrap, .table-scroll, .org-stage, .rm-scroll, [data-scrolls]'))
      .slice(0, 3).map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scroll: document.documentElement.scrollWidth, w, over };
  });
  const pages = [...PAGES.map(([link, , heading]) => [link, heading]), ['Portfolio', 'Portfolio']];
  const extra = [['#/report', 'Monthly PMO report'], ['#/project/p-011', 'Demand planning'], ['#/roadmap', /./], ['#/priorities', /./], ['#/round', /./]];
  for (const [link, heading] of pages) {
    assert.equal(await nav.isVisible(), false, 'the menu is closed');
    await menu.click();
    assert.equal(await menu.getAttribute('aria-expanded'), 'true');
    await nav.getByRole('link', { name: link, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    assert.equal(await nav.isVisible(), false, 'choosing a page closes the menu');
    const w = await wide();
    assert.ok(w.scroll <= w.w, `${heading}: ${w.scroll} px wide in ${w.w}: ${w.over.join(', ')}`);
  }
  for (const [hash, heading] of extra) {
    await page.goto(server.url + hash);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    const w = await wide();
    assert.ok(w.scroll <= w.w, `${heading}: ${w.scroll} px wide in ${w.w}: ${w.over.join(', ')}`);
  }
  // The register still shows each project's status.
  await page.goto(server.url + '#/portfolio');
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Demand planning', exact: true }) });
  assert.ok(await row.locator('.status', { hasText: 'Off track' }).isVisible());
  await ctx.close();
});
