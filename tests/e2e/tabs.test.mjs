// Two tabs of the app in one browser: an edit in one shows up in the other, and edits made in
// both at once are all kept (the tabs merge; neither is ever locked out).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, saved, readStored, until } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a change in one tab appears in the other', async () => {
  const { ctx, page: a } = await newPage(browser);
  const { page: b } = await newPage(browser, ctx);
  await open(a, server.url, '#/data');
  await open(b, server.url, '#/');
  await a.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(a);
  await b.getByRole('link', { name: /Active projects/ }).waitFor();
  await a.getByLabel('Organisation name').fill('Renamed in tab A');
  await saved(a);
  await b.locator('.org-name', { hasText: 'Renamed in tab A' }).waitFor();
  await ctx.close();
});

/** Hold back the commits of `page` (their 300 ms timer), to release them all at once later. */
const holdCommits = (page) => page.evaluate(() => {
  const original = window.setTimeout.bind(window);
  window.heldCommits = [];
  window.setTimeout = (fn, ms, ...rest) => (ms === 300 ? (window.heldCommits.push(fn), 0) : original(fn, ms, ...rest));
});
const releaseCommits = (page) => page.evaluate(() => window.heldCommits.splice(0).forEach((fn) => fn()));
const inputValue = (page, label) => page.getByLabel(label).inputValue();

test('two tabs editing at once keep both edits, and agree on an edit of the same field', async () => {
  const { ctx, page: a } = await newPage(browser);
  const { page: b } = await newPage(browser, ctx);
  await open(a, server.url, '#/data');
  await a.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(a);
  await open(b, server.url, '#/data');
  await b.locator('.org-name', { hasText: 'Northwind Group' }).waitFor();
  await holdCommits(a);
  await holdCommits(b);
  // Different fields, edited in both tabs before either tab has stored anything.
  await a.getByLabel('Organisation name').fill('Named in tab A');
  await b.getByLabel('Currency').fill('GBP');
  await Promise.all([releaseCommits(a), releaseCommits(b)]);
  await b.locator('.org-name', { hasText: 'Named in tab A' }).waitFor();
  await a.waitForFunction(() => document.getElementById('currency')?.value === 'GBP');
  assert.equal(await inputValue(b, 'Currency'), 'GBP');
  await saved(a);
  await saved(b);
  let stored = (await readStored(a)).workspace.organisation;
  assert.equal(stored.name, 'Named in tab A');
  assert.equal(stored.currency, 'GBP');
  // The same field in both tabs at once: one edit wins, the same one in both tabs.
  await a.getByLabel('Organisation name').fill('Tab A says');
  await b.getByLabel('Organisation name').fill('Tab B says');
  await Promise.all([releaseCommits(a), releaseCommits(b)]);
  await a.waitForFunction(() => /Tab [AB] says/.test(document.querySelector('.org-name')?.textContent));
  await saved(a);
  await saved(b);
  stored = (await readStored(a)).workspace.organisation.name;
  assert.match(stored, /^Tab [AB] says$/);
  await a.locator('.org-name', { hasText: stored }).waitFor();
  await b.locator('.org-name', { hasText: stored }).waitFor();
  await ctx.close();
});

test('a tab that slept through edits catches up when it wakes, from the stored changes and from a compacted snapshot', async () => {
  const { ctx, page: a } = await newPage(browser);
  const { page: b } = await newPage(browser, ctx);
  // Tab B misses the other tab's notices while `window.asleep` is set, as a frozen or
  // discarded tab does; its app code is untouched.
  await b.addInitScript(() => {
    const Real = window.BroadcastChannel;
    window.BroadcastChannel = class extends Real {
      set onmessage(f) { super.onmessage = (e) => { if (!window.asleep) f(e); }; }
      get onmessage() { return super.onmessage; }
    };
  });
  await open(a, server.url, '#/data');
  await a.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(a);
  await open(b, server.url, '#/');
  await b.getByRole('link', { name: /Active projects/ }).waitFor();
  const wake = () => b.evaluate(() => {
    window.asleep = false;
    document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
  });
  // The stored snapshot's generation (a new one with each compaction) and how many changes
  // are stored on their own; or, given a generation `since`, whether a newer snapshot holds
  // every stored change.
  const storedNow = (since) => new Promise((ok) => {
    const r = indexedDB.open('pmo-workbench');
    r.onsuccess = () => {
      const tx = r.result.transaction(['snapshot', 'updates']);
      const g = tx.objectStore('snapshot').get('main');
      const q = tx.objectStore('updates').count();
      tx.oncomplete = () => {
        r.result.close();
        const now = { generation: g.result?.generation ?? 0, updates: q.result };
        ok(since === undefined ? now : now.generation !== since && now.updates === 0);
      };
    };
  });
  const stored = () => a.evaluate(storedNow);
  // (An edit is stored a moment after it shows, so "no change on its own" alone could be
  // seen too early.)
  const compacted = (before) => until(a, storedNow, before.generation);

  // Asleep through one edit: on waking, B reads the change from the store.
  await b.evaluate(() => { window.asleep = true; });
  await a.getByLabel('Organisation name').fill('Edited while B slept');
  await saved(a);
  assert.ok((await stored()).updates > 0, 'the change is stored, not yet compacted');
  assert.equal(await b.locator('.org-name', { hasText: 'Edited while B slept' }).count(), 0, 'B missed the notice');
  await wake();
  await b.locator('.org-name', { hasText: 'Edited while B slept' }).waitFor();

  // Asleep until A compacted its changes into the snapshot: B merges the snapshot.
  await b.evaluate(() => { window.asleep = true; });
  let before = await stored();
  await a.getByLabel('Organisation name').fill('Compacted while B slept');
  await saved(a);
  await compacted(before);
  assert.equal(await b.locator('.org-name', { hasText: 'Compacted while B slept' }).count(), 0);
  await wake();
  await b.locator('.org-name', { hasText: 'Compacted while B slept' }).waitFor();

  // A deletion compacted while B slept reaches B too (what B is sent carries the deletions).
  const active = async () => Number(await b.getByRole('link', { name: /Active projects/ }).locator('.tile-value').textContent());
  const shown = await active();
  // Marks are counted from here: whenever B catches up from now on, it is with the worker.
  await b.evaluate(() => { performance.clearMarks(); window.asleep = true; });
  before = await stored();
  await a.goto(server.url + '#/project/p-005');
  await a.getByRole('button', { name: 'Delete project' }).click();
  await a.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  await saved(a);
  await compacted(before);
  assert.equal(await active(), shown, 'B missed the deletion');
  await wake();
  await b.getByRole('link', { name: /Active projects/ }).locator('.tile-value').filter({ hasText: String(shown - 1) }).waitFor();
  const ways = await b.evaluate(() => performance.getEntriesByType('mark').map((m) => m.name).filter((n) => n.startsWith('pmo:')));
  assert.equal(ways.filter((n) => n === 'pmo:caught-up-in-worker').length, 1, `a worker sent what B lacked; B's catch-ups: ${ways.join(' | ')}`);
  await ctx.close();
});
