// What a person sees when the browser's storage is full, and the export reminder.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, saved, download, KEY_PRIMARY, readStored, writeStored } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('a full storage quota is announced and the data can still be exported', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  const good = await page.evaluate((k) => localStorage.getItem(k), KEY_PRIMARY);
  // Fill what is left of the quota.
  await page.evaluate(() => {
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; ; i++) {
      try { localStorage.setItem('filler-' + i, chunk); } catch { break; }
    }
    for (let i = 0; ; i++) {
      try { localStorage.setItem('filler-small-' + i, 'y'.repeat(256)); } catch { break; }
    }
  });
  await page.getByLabel('Organisation name').fill('Changed while the disk is full');
  const banner = page.getByRole('alert').filter({ hasText: 'Browser storage is full: your latest changes are not saved' });
  await banner.waitFor();
  assert.equal(await page.getByTestId('save-indicator').textContent(), 'Not saved');
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY_PRIMARY), good, 'the last good copy is intact');
  const file = await download(page, banner.getByRole('button', { name: 'Export data' }));
  assert.equal(JSON.parse(file.text).workspace.organisation.name, 'Changed while the disk is full');
  // Room again: the next change saves everything.
  await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('filler-')).forEach((k) => localStorage.removeItem(k)));
  await page.getByLabel('Organisation name').fill('Saved again');
  await saved(page);
  await banner.waitFor({ state: 'detached' });
  const stored = await readStored(page);
  assert.equal(stored.workspace.organisation.name, 'Saved again');
  await ctx.close();
});

test('changes older than 7 days without an export bring a reminder that an export clears', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  const reminder = page.getByRole('status', { name: 'Backup reminder' });
  assert.equal(await reminder.count(), 0, 'no reminder for fresh changes');
  const doc = await readStored(page);
  doc.meta.unexported_since = new Date(Date.now() - 8 * 24 * 3600 * 1000).toISOString();
  await writeStored(page, doc);
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
