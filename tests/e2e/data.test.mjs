// The user's data: demo data that survives a reload, export → reset → import, imports that
// are refused with a specific message, damaged and newer stored data that are never lost.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, newPage, open, saved, download, flushSaves, KEY_PRIMARY, ROOT, readStored, storedCounts } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const nav = (page, name) => page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();

test('demo data survives a reload', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/portfolio');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  const n = await storedCounts(page);
  assert.ok(n.projects > 0);
  await page.getByTestId('row-count').filter({ hasText: `of ${n.projects} projects` }).waitFor();
  await page.reload();
  await page.getByTestId('row-count').filter({ hasText: `of ${n.projects} projects` }).waitFor();
  await page.getByRole('rowheader', { name: 'Mobile app relaunch', exact: true }).waitFor();
  await page.getByRole('cell', { name: /\(Business PM\)/ }).waitFor();
  await ctx.close();
});

test('export, reset and import restore exactly the same data', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await page.getByLabel('Organisation name').fill('Contoso Projects');
  await page.getByLabel('PMO type').selectOption('Directive');
  await saved(page);
  const before = (await readStored(page)).workspace;

  const file = await download(page, page.getByRole('main').getByRole('button', { name: 'Export data' }));
  assert.match(file.name, /^pmo-workbench-\d{4}-\d{2}-\d{2}-\d{4}\.json$/);
  const exported = JSON.parse(file.text);
  assert.equal(exported.format, 'pmo-workbench');
  assert.equal(exported.version, 6);
  assert.ok(exported.exported_at);
  assert.deepEqual(exported.workspace, before);
  await page.getByTestId('last-export').filter({ hasNotText: 'never' }).waitFor();

  await page.getByRole('button', { name: 'Reset workspace' }).click();
  const n = await storedCounts(page);
  await page.getByText(`This removes ${n.projects} projects, ${n.people} people and ${n.assessments} assessments from this browser.`).waitFor();
  await page.getByRole('button', { name: 'Delete everything' }).click();
  await saved(page);
  await nav(page, 'Portfolio');
  await page.getByRole('button', { name: 'Load demo organisation' }).waitFor();

  await nav(page, 'Data');
  await page.getByLabel('Import data').setInputFiles({ name: 'backup.json', mimeType: 'application/json', buffer: Buffer.from(file.text) });
  const confirm = page.getByRole('region', { name: 'Replace your data with “backup.json”?' });
  await confirm.waitFor();
  assert.equal(await confirm.getByRole('row', { name: /^Projects/ }).textContent(), 'Projects040');
  await confirm.getByRole('button', { name: 'Replace my data' }).click();
  await saved(page);
  const after = (await readStored(page)).workspace;
  assert.deepEqual(after, before);
  await page.reload();
  assert.equal(await page.getByLabel('Organisation name').inputValue(), 'Contoso Projects');
  assert.equal(await page.getByLabel('PMO type').inputValue(), 'Directive');
  await ctx.close();
});

test('bad import files get a specific message and change nothing', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  const stored = await page.evaluate((k) => localStorage.getItem(k), KEY_PRIMARY);
  const storedDoc = await readStored(page);
  const newer = await readFile(ROOT + 'crates/domain/tests/fixtures/v99-from-the-future.json');
  const invalid = structuredClone(storedDoc);
  invalid.workspace.projects[0].budget.planned = -500;
  invalid.workspace.people[3].manager_id = 'nobody';
  // A misspelt field: read on, it would be dropped and the person detached from the manager.
  const misspelt = structuredClone(storedDoc);
  misspelt.workspace.people[3].manger_id = misspelt.workspace.people[3].manager_id;
  delete misspelt.workspace.people[3].manager_id;
  const cases = [
    ['notes.json', 'this is not json', /This is not a JSON file/],
    ['budget.json', '{"name":"budget"}', /This is not a PMO Workbench file: it has no "format": "pmo-workbench" field/],
    ['future.json', newer, /newer version of PMO Workbench \(format version 99; this version reads up to 6\)/],
    ['broken.json', JSON.stringify(invalid), /The file has 2 problems/],
    ['misspelt.json', JSON.stringify(misspelt), /1 field this version does not know, which would be lost on import \(a misspelt name\?\): workspace\.people\[3\]\.manger_id/],
  ];
  for (const [name, content, message] of cases) {
    await page.getByLabel('Import data').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
    const alert = page.getByRole('alert').filter({ hasText: `“${name}” was not imported` });
    await alert.waitFor();
    assert.match(await alert.textContent(), message);
    assert.match(await alert.textContent(), /Your current data has not been changed/);
    if (name === 'broken.json') {
      const items = await alert.getByRole('listitem').allTextContents();
      assert.equal(items.length, 2);
      assert.ok(items.some((t) => /planned budget is negative/.test(t)), items.join('\n'));
      assert.ok(items.some((t) => /manager refers to person "nobody"/.test(t)), items.join('\n'));
    }
    if (name === 'misspelt.json') {
      const items = await alert.getByRole('listitem').allTextContents();
      assert.deepEqual(items, ['workspace.people[3].manger_id: not a field of this version (misspelt?)']);
    }
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY_PRIMARY), stored);
  await ctx.close();
});

test('loading the demo over real data asks first', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await page.getByLabel('Organisation name').fill('Real Co');
  await saved(page);
  const held = await storedCounts(page);
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  const dialog = page.getByRole('alertdialog', { name: 'Replace your data with the demo?' });
  await dialog.getByText(`This workspace holds ${held.projects} projects`).waitFor();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  assert.equal(await page.getByLabel('Organisation name').inputValue(), 'Real Co');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await page.getByRole('button', { name: 'Replace with demo' }).click();
  await page.locator('.org-name', { hasText: 'Northwind Group' }).waitFor();
  assert.equal(await page.getByLabel('Organisation name').inputValue(), 'Northwind Group');
  await ctx.close();
});

test('damaged storage shows the recovery banner, offers the raw data, and waits for the user', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url);
  const raw = '{"format":"pmo-workbench","version":2,"revision":9,"workspace":{"organisation":{"name":"Half wr';
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY_PRIMARY, raw]);
  await page.reload();
  const banner = page.getByRole('alert').filter({ hasText: 'Your saved data could not be read' });
  await banner.waitFor();
  const file = await download(page, banner.getByRole('button', { name: 'Download damaged data' }));
  assert.equal(file.text, raw);
  // Working on in the meantime does not touch the stored text.
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await flushSaves(page);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY_PRIMARY), raw);
  await page.reload();
  await banner.waitFor();
  await banner.getByRole('button', { name: 'Start with an empty workspace' }).click();
  await banner.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Try the demo' }).click();
  await saved(page);
  await nav(page, 'Data');
  const kept = await download(page, page.getByRole('button', { name: 'Download damaged data kept aside' }));
  assert.equal(kept.text, raw);
  await ctx.close();
});

test('data from a newer version opens read-only and is never overwritten', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url);
  const newer = await readFile(ROOT + 'crates/domain/tests/fixtures/v99-from-the-future.json', 'utf8');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY_PRIMARY, newer]);
  await page.reload();
  await page.getByRole('alert').filter({ hasText: 'This data was saved by a newer version of PMO Workbench' }).waitFor();
  await page.getByText('Future Corp').first().waitFor();
  await nav(page, 'Data');
  assert.equal(await page.getByLabel('Organisation name').isDisabled(), true);
  assert.equal(await page.getByRole('button', { name: 'Reset workspace' }).isDisabled(), true);
  const file = await download(page, page.getByRole('main').getByRole('button', { name: 'Export data' }));
  assert.equal(JSON.parse(file.text).workspace.organisation.name, 'Future Corp');
  await flushSaves(page);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), KEY_PRIMARY), newer);
  await ctx.close();
});

test('invalid organisation input is explained and never saved', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  await page.getByLabel('Organisation name').fill('');
  await page.getByText('The organisation needs a name.').waitFor();
  await page.getByLabel('Currency').fill('E1');
  await page.getByText('Use a three-letter code such as EUR, USD or GBP.').waitFor();
  await flushSaves(page);
  const doc = await readStored(page);
  assert.equal(doc.workspace.organisation.name, 'Northwind Group');
  assert.equal(doc.workspace.organisation.currency, 'EUR');
  await ctx.close();
});
