// CSV export and import of the register, round trip as a person would do it with a spreadsheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, saved, download, readStored, editDetails } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

test('export the filtered register, edit it, import it back with a preview', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  // A name that a spreadsheet would run as a formula.
  await page.goto(server.url + '#/project/p-001');
  await editDetails(page);
  await page.getByLabel('Project name').fill('=HYPERLINK("http://example.invalid")');
  await saved(page);

  await page.goto(server.url + '#/portfolio?phase=initiation');
  await page.getByTestId('row-count').filter({ hasText: 'of 10 projects' }).waitFor();
  const file = await download(page, page.getByRole('button', { name: 'Export CSV' }));
  assert.match(file.name, /^projects-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = file.text.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
  assert.equal(lines.length, 11, 'heading + the 10 filtered projects');
  assert.ok(lines[0].startsWith('Code,Name,'));
  assert.ok(lines.some((l) => l.includes(`"'=HYPERLINK(""http://example.invalid"")"`)), 'formula neutralised');

  // Edit in "a spreadsheet": rename one project, add a new one, and break one row.
  const edited = [
    lines[0],
    ...lines.slice(1).map((l) => l.replace(',Intranet replacement,', ',Intranet replacement (revised),').replace(/^PRJ-0009,[^,]*,/, 'PRJ-0009,,')),
    'PRJ-0500,Brand new from CSV,,Customer & Growth,,Planning,On track,,,,2027-01-01,2027-12-31,,"250,000",0,0,0,,',
  ].join('\r\n');
  await page.locator('summary', { hasText: 'Import projects from CSV' }).click();
  await page.getByLabel('CSV file').setInputFiles({ name: 'edited.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
  const previewBox = page.getByRole('region', { name: 'Import preview' });
  await previewBox.waitFor();
  assert.equal(await previewBox.getByTestId('csv-summary').textContent(), '1 new, 1 updated, 8 unchanged, 1 problem.');
  await previewBox.getByRole('row', { name: /^4 Name Give the project a name\.$/ }).waitFor();
  // Nothing has changed yet.
  const before = await readStored(page);
  await previewBox.getByRole('button', { name: 'Apply import' }).click();
  await previewBox.waitFor({ state: 'detached' });
  await saved(page);
  const after = await readStored(page);
  assert.equal(after.workspace.projects.length, before.workspace.projects.length + 1, 'one project added');
  const created = after.workspace.projects.find((p) => p.code === 'PRJ-0500');
  assert.equal(created.name, 'Brand new from CSV');
  assert.equal(created.budget.planned, 25000000);
  assert.ok(after.workspace.projects.some((p) => p.name === 'Intranet replacement (revised)'));
  assert.equal(after.workspace.projects.find((p) => p.id === 'p-001').name, '=HYPERLINK("http://example.invalid")', 'round trip restores the text');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Search projects').fill('brand new');
  await page.getByRole('link', { name: 'Brand new from CSV' }).waitFor();
  await ctx.close();
});
