// What a person sees when the browser's storage is full, and the export reminder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, saved, download, readStored, fillQuota } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a full storage quota is announced, nothing stored is replaced, and the edits wait in the tab', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  const good = await readStored(page);
  const restore = await fillQuota(page);
  await page.getByLabel('Organisation name').fill('Changed while the disk is full');
  const banner = page.getByRole('alert').filter({ hasText: 'Browser storage is full: your latest changes are not saved' });
  await banner.waitFor();
  assert.equal(await page.getByTestId('save-indicator').textContent(), 'Not saved');
  assert.deepEqual(await readStored(page), good, 'what was stored is intact');
  const file = await download(page, banner.getByRole('button', { name: 'Export data' }));
  assert.equal(JSON.parse(file.text).workspace.organisation.name, 'Changed while the disk is full');
  // Room again: the next change stores everything that waited, in order.
  await restore();
  await page.getByLabel('Currency').fill('GBP');
  await saved(page);
  await banner.waitFor({ state: 'detached' });
  const stored = await readStored(page);
  assert.equal(stored.workspace.organisation.name, 'Changed while the disk is full');
  assert.equal(stored.workspace.organisation.currency, 'GBP');
  await ctx.close();
});

test('changes older than 7 days without an export bring a reminder that an export clears', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  const reminder = page.getByRole('status', { name: 'Backup reminder' });
  assert.equal(await reminder.count(), 0, 'no reminder for fresh changes');
  // Export times are a setting of this browser (they are not data every copy shares).
  const since = new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString();
  await page.evaluate((s) => localStorage.setItem('pmo-workbench/settings/meta', JSON.stringify({ last_export: null, unexported_since: s })), since);
  await page.reload();
  await reminder.waitFor();
  assert.match(await reminder.textContent(), /are not in any export/);
  await download(page, reminder.getByRole('button', { name: 'Export data' }));
  await reminder.waitFor({ state: 'detached' });
  await saved(page);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Data' }).waitFor();
  assert.equal(await reminder.count(), 0, 'the export is remembered');
  await ctx.close();
});
