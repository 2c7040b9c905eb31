// Offline, installable and locked down, on the release build served under a sub-path: after
// one visit the app works with no network, a new deployment is offered as an update that keeps
// the data, nothing is ever requested from another origin, and the CSP is never violated.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, open, saved, readStored, fillQuota, DIST } from './harness.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const ROUTES = [
  ['#/', 'Dashboard'],
  ['#/portfolio', 'Portfolio'],
  ['#/portfolio/priorities', 'Priorities'],
  ['#/portfolio/roadmap', 'Roadmap'],
  ['#/report', /Monthly PMO report/],
  ['#/project/p-001', /./],
  ['#/org', 'Org chart'],
  ['#/assessment', 'Assessment'],
  ['#/assessment/a-003/results', 'Results: PMO maturity'],
  ['#/data', 'Data'],
];

/** A fresh browser context with CSP violations collected from every page. */
async function context() {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
  const { page } = await newPage(browser, ctx);
  page.csp = [];
  page.on('console', (m) => { if (/Content.Security.Policy/i.test(m.text())) page.csp.push(m.text()); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return { ctx, page };
}

async function offlineReady(page) {
  await page.getByText('Offline ready').waitFor({ timeout: 20000 });
}

/**
 * A copy of the build served from its own folder, a page with the demo cached for offline use,
 * then "a new build" deployed at the same URL (a changed page and a new worker version).
 */
async function secondBuildDeployed() {
  const dir = await mkdtemp(join(tmpdir(), 'pmo-dist-'));
  await cp(DIST, dir, { recursive: true });
  const server = await serve(dir);
  const { ctx, page } = await context();
  await demoCached(page, server);
  const index = await readFile(join(dir, 'index.html'), 'utf8');
  await writeFile(join(dir, 'index.html'), index.replace('<head>', '<head><meta name="pmo-build" content="second">'));
  const sw = await readFile(join(dir, 'sw.js'), 'utf8');
  await writeFile(join(dir, 'sw.js'), sw.replace(/const BUILD = "([0-9a-f]+)"/, 'const BUILD = "$1-second"'));
  const close = async () => {
    await ctx.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { server, ctx, page, close };
}

/** The update banner of `page`, once it offers the new version. */
async function updateOffered(page) {
  const banner = page.getByRole('region', { name: 'Update' });
  await banner.getByText('A new version of PMO Workbench is available.').waitFor({ timeout: 20000 });
  return banner;
}

/** Load the demo organisation and wait until the whole app is cached for offline use. */
async function demoCached(page, server) {
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  await offlineReady(page);
}

async function visitAll(page, base) {
  for (const [hash, title] of ROUTES) {
    await page.goto(base + hash);
    await page.locator('main h1').filter({ hasText: title }).first().waitFor();
  }
}

test('after one visit every route works offline, and edits survive an offline reload', async () => {
  const server = await serve();
  const { ctx, page } = await context();
  await demoCached(page, server);
  await ctx.setOffline(true);
  await page.reload();
  await visitAll(page, server.url);
  // Edit while offline: start an assessment and answer its first question.
  await page.goto(server.url + '#/assessment');
  await page.getByLabel('Respondent').fill('Offline Olga');
  await page.getByRole('button', { name: 'Start assessment' }).click();
  await page.locator('.question input[type=radio]').nth(2).check();
  await saved(page);
  await page.reload();
  await page.getByText('1 of 50 answered').waitFor();
  const stored = await readStored(page);
  assert.ok(stored.workspace.assessments.some((a) => a.respondent === 'Offline Olga' && a.answers.length === 1));
  assert.deepEqual(page.csp, [], 'no CSP violation');
  assert.deepEqual(page.errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e)), []);
  await ctx.close();
  await server.close();
});

test('nothing goes to another origin, nothing goes out after load, no CSP violation', async () => {
  const server = await serve();
  const { ctx, page } = await context();
  await demoCached(page, server);
  await page.reload();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  const hits = server.hits();
  await visitAll(page, server.url);
  // Export, search the chart and take an assessment step: still nothing on the wire.
  await page.goto(server.url + '#/org');
  await page.getByLabel('Search people').fill('a');
  await page.goto(server.url + '#/assessment/a-003');
  await page.locator('.question input[type=radio]').first().waitFor();
  assert.deepEqual(server.hits().slice(hits.length), [], 'no request reached the server after load (all from the offline copy)');
  const foreign = page.requests.filter((u) => !u.startsWith(server.origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'no request to any other origin');
  assert.deepEqual(page.csp, [], 'no CSP violation');
  // The policy is the strict one the issue asks for.
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  assert.match(policy, /script-src 'self' 'wasm-unsafe-eval' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
  assert.doesNotMatch(policy, /'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  assert.match(policy, /connect-src 'self'/);
  assert.doesNotMatch(policy, /https?:/, 'no other origin anywhere');
  await ctx.close();
  await server.close();
});

test('a new deployment is offered as an update; accepting it loads the new version and keeps the data', async () => {
  const { server, page, close } = await secondBuildDeployed();
  const projects = (await readStored(page)).workspace.projects.length;
  // An edit not yet saved when the update arrives.
  await page.goto(server.url + '#/assessment');
  await page.reload();
  const banner = await updateOffered(page);
  assert.equal(await page.locator('meta[name="pmo-build"]').count(), 0, 'still the old version until accepted');
  await page.getByLabel('Respondent').fill('Kept Karl');
  await page.getByRole('button', { name: 'Start assessment' }).click();
  await page.locator('.question input[type=radio]').first().check();
  await Promise.all([
    page.waitForEvent('load'),
    banner.getByRole('button', { name: 'Reload to update' }).click(),
  ]);
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
  assert.equal(await page.locator('meta[name="pmo-build"]').getAttribute('content'), 'second');
  const stored = await readStored(page);
  assert.ok(stored.workspace.assessments.some((a) => a.respondent === 'Kept Karl' && a.answers.length === 1), 'the edit made just before updating is kept');
  assert.equal(stored.workspace.projects.length, projects, 'no project lost or added');
  await close();
});

test('an update never reloads a tab whose last save failed', async () => {
  const { server, page, close } = await secondBuildDeployed();
  await page.goto(server.url + '#/data');
  await page.reload();
  const banner = await updateOffered(page);
  // The disk fills up, then this tab is edited: its change cannot be stored, so the update
  // must not reload it either.
  const before = (await readStored(page)).workspace.organisation.name;
  const restore = await fillQuota(page);
  await page.getByLabel('Organisation name').fill('Edited here');
  await page.getByLabel('Organisation name').blur();
  await page.getByRole('alert').filter({ hasText: 'Browser storage is full' }).waitFor();
  await banner.getByRole('button', { name: 'Reload to update' }).click();
  await banner.getByRole('alert').filter({ hasText: /Not reloaded: your latest changes could not be saved/ }).waitFor();
  assert.equal(await page.locator('meta[name="pmo-build"]').count(), 0, 'still the old version');
  assert.equal(await page.getByLabel('Organisation name').inputValue(), 'Edited here', 'the edit is still here');
  assert.equal((await readStored(page)).workspace.organisation.name, before, 'nothing half-written');
  await restore();
  await close();
});

test('another tab that cannot save is not reloaded when one tab accepts an update', async () => {
  const { server, ctx, page: first, close } = await secondBuildDeployed();
  await first.reload();
  const firstBanner = await updateOffered(first);
  const { page: second } = await newPage(browser, ctx);
  await open(second, server.url, '#/data');
  const secondBanner = await updateOffered(second);
  // The disk fills up and the second tab is edited: its change cannot be stored.
  const restore = await fillQuota(second);
  await second.getByLabel('Organisation name').fill('Only in the second tab');
  await second.getByLabel('Organisation name').blur();
  await second.getByRole('alert').filter({ hasText: 'Browser storage is full' }).waitFor();
  // The first tab, with nothing unsaved, accepts the update: it reloads into the new version …
  await Promise.all([
    first.waitForEvent('load'),
    firstBanner.getByRole('button', { name: 'Reload to update' }).click(),
  ]);
  await first.getByRole('navigation', { name: 'Main' }).waitFor();
  assert.equal(await first.locator('meta[name="pmo-build"]').getAttribute('content'), 'second');
  // … and the second tab, which could not save, stays with its edit and says why.
  await secondBanner.getByRole('alert').filter({ hasText: /Not reloaded/ }).waitFor({ timeout: 20000 });
  assert.equal(await second.locator('meta[name="pmo-build"]').count(), 0);
  assert.equal(await second.getByLabel('Organisation name').inputValue(), 'Only in the second tab');
  await restore();
  await close();
});

test('the manifest parses, its icons exist, and Chromium finds the app installable', async () => {
  const server = await serve();
  const { ctx, page } = await context();
  await open(page, server.url);
  await offlineReady(page);
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  const manifestUrl = new URL(href, server.url).href;
  const manifest = await (await fetch(manifestUrl)).json();
  assert.equal(manifest.name, 'PMO Workbench');
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.display, 'standalone');
  const sizes = new Set();
  for (const icon of manifest.icons) {
    const res = await fetch(new URL(icon.src, manifestUrl));
    assert.equal(res.status, 200, icon.src);
    const bytes = Buffer.from(await res.arrayBuffer());
    if (icon.type === 'image/png') {
      assert.equal(bytes.subarray(1, 4).toString(), 'PNG', icon.src);
      assert.equal(`${bytes.readUInt32BE(16)}x${bytes.readUInt32BE(20)}`, icon.sizes, icon.src);
    } else {
      assert.match(bytes.toString(), /^<svg/);
    }
    sizes.add(icon.sizes);
  }
  assert.ok(sizes.has('192x192') && sizes.has('512x512'));
  const cdp = await ctx.newCDPSession(page);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Test contexts are incognito-like, which Chromium reports on its own; nothing else may show.
  assert.deepEqual(installabilityErrors.filter((e) => e.errorId !== 'in-incognito'), []);
  await ctx.close();
  await server.close();
});
