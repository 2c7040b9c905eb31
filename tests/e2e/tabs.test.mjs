// Two tabs of the app in one browser: a save in one shows up in the other, and a stale tab
// can never overwrite a newer save.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, saved, KEY_PRIMARY, readStored } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const stored = (page) => readStored(page);

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

test('a stale tab is told and cannot overwrite the newer save', async () => {
  const { ctx, page: a } = await newPage(browser);
  const { page: b } = await newPage(browser, ctx);
  await open(a, server.url, '#/data');
  await a.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(a);
  await open(b, server.url, '#/data');
  // Hold tab B's autosave timer (300 ms), so tab A saves while B still has unsaved changes.
  await b.evaluate(() => {
    const original = window.setTimeout.bind(window);
    window.heldAutosaves = [];
    window.setTimeout = (fn, ms, ...rest) => (ms === 300 ? (window.heldAutosaves.push(fn), 0) : original(fn, ms, ...rest));
  });
  await b.getByLabel('Organisation name').fill('Edited in tab B');
  await a.getByLabel('Organisation name').fill('Edited in tab A');
  await saved(a);
  const banner = b.getByRole('alert').filter({ hasText: 'Another tab saved newer changes' });
  await banner.waitFor();
  // B's autosave now runs: it must not write over A's newer save.
  await b.evaluate(() => window.heldAutosaves.splice(0).forEach((fn) => fn()));
  assert.equal((await stored(a)).workspace.organisation.name, 'Edited in tab A');
  assert.equal(await b.getByTestId('save-indicator').textContent(), 'Not saved');
  // Tab B keeps its own edit on screen until the user chooses.
  assert.equal(await b.getByLabel('Organisation name').inputValue(), 'Edited in tab B');
  await banner.getByRole('button', { name: 'Load the newer data' }).click();
  await banner.waitFor({ state: 'detached' });
  assert.equal(await b.getByLabel('Organisation name').inputValue(), 'Edited in tab A');
  // And from then on tab B saves normally.
  await b.getByLabel('Organisation name').fill('Edited in tab B, after reloading');
  await b.evaluate(() => window.heldAutosaves.splice(0).forEach((fn) => fn()));
  await saved(b);
  assert.equal((await stored(a)).workspace.organisation.name, 'Edited in tab B, after reloading');
  await a.locator('.org-name', { hasText: 'Edited in tab B, after reloading' }).waitFor();
  await ctx.close();
});
