// CSV export and import of the register, round trip as a person would do it with a spreadsheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, newPage, open, saved, download, readStored, editDetails, until } from './harness.mjs';

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
  await page.getByLabel('CSV or Excel file').setInputFiles({ name: 'edited.csv', mimeType: 'text/csv', buffer: Buffer.from(edited) });
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

test("another tool's CSV: its values, a date order and a new person are answered in the preview", async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  await page.goto(server.url + '#/portfolio');
  // As Excel on Windows saves it: semicolons, Windows-1252, UK dates, the tool's own words.
  const text = [
    'Project Name;Project Code;Client;Status;Priority;Progress (%);Budget;Start Date;End Date;Project Manager',
    'Data lake;DL-1;Acme;In Progress;High;40;250000;15/02/2026;03/04/2027;Zoë Newcomer',
    'Web shop;DL-2;Acme;On Hold;Low;10;90000;01/03/2026;05/06/2027;Zoë Newcomer',
  ].join('\r\n');
  await page.locator('summary', { hasText: 'Import projects from CSV' }).click();
  await page.getByLabel('CSV or Excel file').setInputFiles({ name: 'other-tool.csv', mimeType: 'text/csv', buffer: Buffer.from(text, 'latin1') });
  await page.getByText('Read as Windows-1252').waitFor();
  const previewBox = page.getByRole('region', { name: 'Import preview' });
  const summary = previewBox.getByTestId('csv-summary');
  // Nothing is guessed silently: the open dates and the unknown person keep the rows out.
  await summary.filter({ hasText: '0 new' }).waitFor();

  const inProgress = page.getByLabel('Status “In Progress” (1 row)');
  assert.equal(await inProgress.inputValue(), 'on-track', 'the guess is preselected');
  await page.getByText('Our guess: On track, because work is under way').waitFor();
  const onHold = page.getByLabel('Status “On Hold” (1 row)');
  assert.equal(await onHold.inputValue(), 'at-risk');
  await onHold.selectOption({ label: 'Not started' });
  const order = page.getByRole('group', { name: 'Dates in “End Date”, such as 03/04/2027' });
  await order.getByLabel('day/month/year (15/02/2026)').check();
  await page.getByLabel('Add “Zoë Newcomer” as a new person (2 rows)').check();
  await summary.filter({ hasText: '2 new, 0 updated, 0 unchanged, 0 problems.' }).waitFor();
  // The questions pass the accessibility check (labels, groups, contrast).
  await page.evaluate(readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  const axe = await page.evaluate(() => window.axe.run(document.querySelector('.csv-import'), { resultTypes: ['violations'] }));
  assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);

  await previewBox.getByRole('button', { name: 'Apply import' }).click();
  await previewBox.waitFor({ state: 'detached' });
  await saved(page);
  const stored = (await readStored(page)).workspace;
  const zoe = stored.people.filter((p) => p.name === 'Zoë Newcomer');
  assert.equal(zoe.length, 1, 'one new person for both rows');
  const dl1 = stored.projects.find((p) => p.code === 'DL-1');
  const dl2 = stored.projects.find((p) => p.code === 'DL-2');
  assert.equal(dl1.status, 'on_track');
  assert.equal(dl2.status, 'not_started');
  assert.equal(dl1.start, '2026-02-15');
  assert.equal(dl1.end, '2027-04-03', 'day first, as answered');
  assert.equal(dl1.percent_complete, 40);
  assert.deepEqual(dl1.managers.map((m) => m.person_id), [zoe[0].id]);

  // Next month's file from the same tool starts from last month's answers, and knows Zoë
  // (the import stays open after an import).
  const next = 'Project Code;Status;Project Manager\r\nDL-2;On Hold;Zoë Newcomer\r\n';
  await page.getByLabel('CSV or Excel file').setInputFiles({ name: 'next.csv', mimeType: 'text/csv', buffer: Buffer.from(next, 'latin1') });
  const again = page.getByLabel('Status “On Hold” (1 row)');
  await again.waitFor();
  assert.equal(await again.inputValue(), 'not-started');
  await page.getByText('As chosen for this column in an earlier import.').waitFor();
  assert.equal(await page.getByRole('group', { name: 'People not in the org chart' }).count(), 0);
  await summary.filter({ hasText: '0 new, 0 updated, 1 unchanged, 0 problems.' }).waitFor();
  await ctx.close();
});

test('export the filtered register to Excel and read the workbook back through the import', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  await page.goto(server.url + '#/portfolio?phase=initiation');
  await page.getByTestId('row-count').filter({ hasText: 'of 10 projects' }).waitFor();
  const file = await download(page, page.getByRole('button', { name: 'Export Excel' }));
  assert.match(file.name, /^projects-\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.equal(file.bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04', 'a ZIP container');
  // Read back by the app: the same ten projects, nothing to change.
  await page.locator('summary', { hasText: 'Import projects from CSV or Excel' }).click();
  await page.getByLabel('CSV or Excel file').setInputFiles({
    name: file.name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file.bytes,
  });
  const summary = page.getByRole('region', { name: 'Import preview' }).getByTestId('csv-summary');
  await summary.filter({ hasText: '0 new, 0 updated, 10 unchanged, 0 problems.' }).waitFor();
  await page.getByRole('button', { name: 'Cancel import' }).click();
  // A broken workbook: a clear message, nothing changes.
  await page.getByLabel('CSV or Excel file').setInputFiles({
    name: 'broken.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: file.bytes.subarray(0, file.bytes.length - 200),
  });
  await page.getByRole('alert').filter({ hasText: '“broken.xlsx” was not read' }).waitFor();

  // The monthly report's tables.
  await page.goto(server.url + '#/report');
  const report = await download(page, page.getByRole('button', { name: 'Download Excel' }));
  assert.match(report.name, /^pmo-report-\d{4}-\d{2}\.xlsx$/);
  assert.equal(report.bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
  assert.ok(report.bytes.includes(Buffer.from('xl/worksheets/sheet2.xml')), 'a sheet per table');
  // A workbook of several sheets: the import reads the first and offers the others.
  await page.goto(server.url + '#/portfolio');
  await page.locator('summary', { hasText: 'Import projects from CSV or Excel' }).click();
  await page.getByLabel('CSV or Excel file').setInputFiles({
    name: report.name,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: report.bytes,
  });
  const sheet = page.getByLabel('Sheet', { exact: true });
  await sheet.waitFor();
  const sheets = await sheet.locator('option').allTextContents();
  assert.ok(sheets.length > 1 && sheets[0].startsWith('Exceptions'), sheets.join(' | '));
  // The columns offered are the sheet's headings: 5 in the exceptions, 6 in the budget position.
  const codeColumn = page.getByLabel('Code', { exact: true }).locator('option');
  assert.equal(await codeColumn.count(), 1 + 5);
  const budget = sheets.findIndex((n) => n.startsWith('Budget position'));
  await sheet.selectOption({ index: budget });
  assert.equal(await sheet.locator('option:checked').textContent(), sheets[budget]);
  await until(page, () => document.getElementById('map-code')?.options.length === 7);
  // It has no project codes: nothing to import, and it says why.
  await page.getByRole('region', { name: 'Import preview' }).getByText('No column is mapped to the project code').waitFor();
  await ctx.close();
});
