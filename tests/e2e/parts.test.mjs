// The app's code in parts (issue 20): the first visit loads the shell and the dashboard only;
// a page's part comes when the page is first opened; a part that cannot be loaded says so,
// loses nothing, and loads when asked again. The data engine (the document and everything
// that stores edits, src/app/engine.rs) is a part too: a first visit fetches it at the first
// edit, and a visit with stored data right after the first page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, saved, readStored } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PART = /\/parts-[0-9a-f]+\/(split|chunk)_\w+\.wasm$/;
const ENGINE = /\/parts-[0-9a-f]+\/split_engine\.wasm$/;

test('the dashboard needs no part; each page loads its own part once', async () => {
  // Without the offline copy, so that every request is seen (it would fetch every part).
  const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  const { page } = await newPage(browser, ctx);
  await open(page, server.url);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(page.requests.filter((u) => PART.test(u)), [], 'the dashboard fetched a part');

  const nav = page.getByRole('navigation', { name: 'Main' });
  await nav.getByRole('link', { name: 'Org chart', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Org chart' }).waitFor();
  const org = page.requests.filter((u) => PART.test(u));
  assert.ok(org.some((u) => u.endsWith('/split_org.wasm')), org.join('\n'));
  assert.ok(!org.some((u) => u.endsWith('/split_portfolio.wasm')), 'the org chart fetched the portfolio part');

  // Back and forth: nothing is fetched twice, and the heading takes focus as before.
  await nav.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await nav.getByRole('link', { name: 'Org chart', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Org chart' }).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
  const all = page.requests.filter((u) => PART.test(u));
  assert.equal(new Set(all).size, all.length, `a part was fetched twice:\n${all.join('\n')}`);
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('a part that cannot be loaded says so, keeps the data, and loads on "Try again"', async () => {
  const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  const { page } = await newPage(browser, ctx);
  await open(page, server.url);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await saved(page);
  const org = page.getByRole('banner').getByText('Northwind Group');
  await org.waitFor();
  // The connection drops before the assessment's part is fetched.
  const blocked = (route) => route.abort('internetdisconnected');
  await page.route(/\/parts-[0-9a-f]+\//, blocked);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assessment', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'could not be loaded' });
  await alert.waitFor();
  assert.match(await alert.innerText(), /Your data is safe/);
  // The rest of the app still works, on the same data.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard', exact: true }).click();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await org.waitFor();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Assessment', exact: true }).click();
  await alert.waitFor();
  // Back online: asked again, the page opens.
  await page.unroute(/\/parts-[0-9a-f]+\//, blocked);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await page.getByRole('heading', { level: 1, name: 'Assessment' }).waitFor();
  await ctx.close();
});

test('a first visit fetches the data engine at the first edit, which is stored; a visit with data fetches it after the dashboard', async () => {
  const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  const { page } = await newPage(browser, ctx);
  await open(page, server.url);
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.ok(!page.requests.some((u) => ENGINE.test(u)), 'the first visit fetched the engine before any edit');
  assert.equal(await readStored(page), null, 'a first visit stores nothing');

  // The connection is down when the first edit is made: the edit waits, and is not lost.
  const blocked = (route) => route.abort('internetdisconnected');
  await page.route(/\/parts-[0-9a-f]+\//, blocked);
  await page.getByRole('button', { name: 'Try the demo' }).click();
  const banner = page.getByRole('banner');
  await banner.getByText('Northwind Group').waitFor();
  await page.getByTestId('save-indicator').filter({ hasText: 'Saving' }).waitFor();
  const waiting = page.getByRole('alert').filter({ hasText: 'Your latest change is not saved yet' });
  await waiting.waitFor();
  await page.unroute(/\/parts-[0-9a-f]+\//, blocked);
  // Tried again by itself, without another edit.
  await saved(page);
  await waiting.waitFor({ state: 'detached' });
  assert.ok(page.requests.some((u) => ENGINE.test(u)), 'the engine was fetched');
  const stored = await readStored(page);
  assert.equal(stored.workspace.organisation.name, 'Northwind Group');
  assert.ok(stored.workspace.projects.length > 0);

  // Again, with data: the dashboard shows the stored data, and the engine comes after it.
  page.requests.length = 0;
  page.errors.length = 0;
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await banner.getByText('Northwind Group').waitFor();
  await page.waitForLoadState('networkidle');
  assert.ok(page.requests.some((u) => ENGINE.test(u)), 'a visit with data fetched no engine');
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('a first visit in two tabs: what one tab stores shows in the other, which fetches the engine only then', async () => {
  const ctx = await browser.newContext({ serviceWorkers: 'block', viewport: { width: 1280, height: 800 } });
  const { page: a } = await newPage(browser, ctx);
  const { page: b } = await newPage(browser, ctx);
  await open(a, server.url);
  await open(b, server.url);
  await a.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await b.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
  await a.waitForLoadState('networkidle');
  assert.ok(!a.requests.some((u) => ENGINE.test(u)), 'tab A fetched the engine before any change');
  // Tab B loads the demo; tab A, never edited, shows it.
  await b.getByRole('button', { name: 'Try the demo' }).click();
  await saved(b);
  await a.getByRole('banner').getByText('Northwind Group').waitFor();
  assert.ok(a.requests.some((u) => ENGINE.test(u)), 'tab A shows stored data without the engine');
  assert.deepEqual(a.errors, []);
  assert.deepEqual(b.errors, []);
  await ctx.close();
});
