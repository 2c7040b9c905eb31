// The app's code in parts (issue 20): the first visit loads the shell and the dashboard only;
// a page's part comes when the page is first opened; a part that cannot be loaded says so,
// loses nothing, and loads when asked again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, saved } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const PART = /\/parts-[0-9a-f]+\/(split|chunk)_\w+\.wasm$/;

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
