// The portfolio register as a PMO lead uses it: create and edit a project, see it on the
// dashboard, filter and sort, bookmark a filtered view, record status updates, update several
// projects at once, and delete with undo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, saved, KEY_PRIMARY, readStored, writeStored, storedCounts, withDemo as demoPage, download, editDetails } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const withDemo = (hash = '#/portfolio') => demoPage(browser, server, hash);

const rowCount = (page) => page.getByTestId('row-count').textContent();
const codes = (page) => page.locator('table.register tbody tr td.mono').allTextContents();

test('create a project with per-field messages, then find it on the dashboard and in the register', async () => {
  const { ctx, page } = await withDemo('#/dashboard');
  const active = Number(await page.getByRole('link', { name: /Active projects/ }).locator('.tile-value').textContent());
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await page.getByRole('link', { name: 'New project' }).click();
  await page.getByRole('heading', { level: 1, name: 'New project' }).waitFor();
  assert.equal(await page.getByLabel('Code').inputValue(), 'PRJ-0041');
  // Mistakes get their own messages, and nothing is saved.
  await page.getByLabel('Start date').fill('2026-12-01');
  await page.getByLabel('End date', { exact: true }).fill('2026-11-01');
  await page.getByLabel('Planned budget').fill('-500');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByText('Give the project a name.').waitFor();
  await page.getByText('The end date 2026-11-01 is before the start date 2026-12-01.').waitFor();
  await page.getByText('Amounts cannot be negative.').waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'name', 'focus goes to the first problem');
  // Fix them and create.
  await page.getByLabel('Project name').fill('Customer portal relaunch');
  await page.getByLabel('End date', { exact: true }).fill('2027-06-30');
  await page.getByLabel('Planned budget').fill('1,250,000');
  await page.getByLabel('Status').selectOption('on-track');
  // The people lists fill in when one is used (a chart of thousands costs nothing until then).
  const sponsor = page.getByLabel('Sponsor', { exact: true });
  assert.equal(await sponsor.locator('option').count(), 1, 'only "— none —" before the list is used');
  await sponsor.focus();
  await sponsor.locator('option').nth(3).waitFor({ state: 'attached' });
  const sponsorChoice = sponsor.locator('option').nth(3);
  const [sponsorId, sponsorName] = [await sponsorChoice.getAttribute('value'), await sponsorChoice.textContent()];
  await sponsor.selectOption({ label: sponsorName });
  await page.getByRole('button', { name: 'Add project manager' }).click();
  await page.getByLabel('Role of project manager 1').fill('Business PM');
  const pm = page.getByLabel('Project manager 1', { exact: true });
  await pm.click();
  await pm.locator('option').nth(5).waitFor({ state: 'attached' });
  const pmChoice = pm.locator('option').nth(5);
  const [pmId, pmName] = [await pmChoice.getAttribute('value'), await pmChoice.textContent()];
  await pm.selectOption({ label: pmName });
  await page.keyboard.press('Escape');
  assert.equal(await page.getByLabel('Role of project manager 1').inputValue(), 'Business PM', 'choosing a manager keeps the role typed');
  await page.getByRole('button', { name: 'Create project' }).click();
  await page.getByRole('heading', { level: 1, name: 'Customer portal relaunch' }).waitFor();
  await saved(page);
  const stored = (await readStored(page)).workspace.projects.find((p) => p.code === 'PRJ-0041');
  assert.equal(stored.budget.planned, 125000000);
  assert.equal(stored.managers[0].label, 'Business PM');
  assert.equal(stored.managers[0].person_id, pmId);
  assert.equal(stored.sponsor_id, sponsorId);
  // The dashboard counts it.
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  assert.equal(Number(await page.getByRole('link', { name: /Active projects/ }).locator('.tile-value').textContent()), active + 1);
  // And the register finds it.
  await page.getByRole('link', { name: 'Portfolio', exact: true }).click();
  await page.getByLabel('Search projects').fill('portal relaunch');
  await page.getByTestId('row-count').filter({ hasText: 'Showing 1–1 of 1 project' }).waitFor();
  await page.getByRole('link', { name: 'Customer portal relaunch' }).click();
  // It opens on how it stands and its details as text; edited in place, the change is
  // saved as it is typed, and shown.
  await page.getByRole('region', { name: 'How it stands' }).getByText('No status update yet').waitFor();
  assert.equal(await page.getByRole('form', { name: 'Project details' }).count(), 0, 'a read view first');
  await editDetails(page);
  await page.getByText('Changes are saved as you type.').waitFor();
  await page.getByLabel('Project name').fill('Customer portal relaunch (phase 2)');
  await page.getByRole('heading', { level: 1, name: 'Customer portal relaunch (phase 2)' }).waitFor();
  await page.getByRole('button', { name: 'Done editing' }).click();
  await page.getByRole('region', { name: 'Details' }).getByText('EUR 1,250,000').waitFor();
  await ctx.close();
});

test('filter, sort, bookmark the view and reload', async () => {
  const { ctx, page } = await withDemo();
  const n = (await storedCounts(page)).projects;
  assert.equal(await rowCount(page), `Showing 1–${n} of ${n} projects`);
  await page.getByRole('group', { name: 'Phase' }).getByLabel('Execution').check();
  await page.getByRole('group', { name: 'Status' }).getByLabel('At risk').check();
  await page.getByRole('group', { name: 'Status' }).getByLabel('Off track').check();
  // (The count of an earlier step also matches "of N projects": wait for all three filters.)
  await page.waitForURL(/phase=execution&status=at-risk,off-track/);
  // The count can lag the address by a render: wait for the last filter's rows (the demo has
  // off-track projects in execution), and for a count that agrees with the rows shown.
  await page.locator('table.register tbody .status', { hasText: 'Off track' }).first().waitFor();
  const shownRows = await page.locator('table.register tbody .status').count();
  await page.getByTestId('row-count').filter({ hasText: `of ${shownRows} project` }).waitFor();
  const filtered = await rowCount(page);
  // Every row shown matches.
  const statuses = await page.locator('table.register tbody .status').allTextContents();
  assert.ok(statuses.length > 0 && statuses.every((s) => s === 'At risk' || s === 'Off track'), statuses.join());
  // Show the planned budget too, and sort by it, largest first.
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('group', { name: 'Columns to show' }).getByLabel('Planned budget').check();
  await page.getByText('Columns', { exact: true }).click();
  await page.getByRole('button', { name: 'Planned budget' }).click();
  await page.locator('th[aria-sort="descending"]', { hasText: 'Planned budget' }).waitFor();
  const budgets = (await page.locator('table.register tbody td.num').allTextContents())
    .map((t) => Number(t.replace(/,/g, '')));
  assert.ok(budgets.length > 0);
  assert.deepEqual(budgets, [...budgets].sort((a, b) => b - a));
  const url = page.url();
  assert.match(url, /#\/portfolio\?phase=execution&status=at-risk,off-track&sort=planned&dir=desc&cols=[a-z,]*planned/);
  const order = await codes(page);
  // A bookmark opened in a new tab shows the same view.
  const { page: other } = await newPage(browser, ctx);
  await other.goto(url);
  // The register may draw once before the address's filters settle: wait for the same count
  // (a timeout here means the bookmark never showed the view).
  await other.getByTestId('row-count').filter({ hasText: filtered }).waitFor();
  assert.equal(await rowCount(other), filtered);
  assert.deepEqual(await codes(other), order);
  assert.equal(await other.getByRole('group', { name: 'Phase' }).getByLabel('Execution').isChecked(), true);
  await other.reload();
  await other.getByTestId('row-count').waitFor();
  assert.deepEqual(await codes(other), order);
  // Clear filters brings everything back, keeping the sort.
  await other.getByRole('button', { name: 'Clear filters' }).click();
  await other.getByTestId('row-count').filter({ hasText: `of ${n} projects` }).waitFor();
  assert.match(other.url(), /sort=planned&dir=desc&cols=[a-z,]*planned$/);
  await ctx.close();
});

test('choose columns and page through many projects', async () => {
  const { ctx, page } = await withDemo();
  await page.locator('summary', { hasText: 'Columns' }).click();
  await page.getByRole('group', { name: 'Columns to show' }).getByLabel('Sponsor').check();
  await page.locator('th', { hasText: 'Sponsor' }).waitFor();
  await page.getByRole('group', { name: 'Columns to show' }).getByLabel('Trend').uncheck();
  await page.locator('th', { hasText: 'Trend' }).waitFor({ state: 'detached' });
  assert.match(page.url(), /cols=/);
  // Make 60 more projects by importing a bigger workspace through the page's own state.
  const doc = await readStored(page);
  const base = doc.workspace.projects[0];
  for (let i = 0; i < 60; i++) {
    doc.workspace.projects.push({ ...base, id: `x-${i}`, code: `PRJ-9${String(i).padStart(3, '0')}`, name: `Extra ${i}` });
  }
  doc.revision += 1;
  await writeStored(page, doc);
  await page.reload();
  assert.equal(await rowCount(page), 'Showing 1–50 of 100 projects');
  assert.equal(await page.getByRole('navigation', { name: 'Pages' }).textContent(), 'Previous pagePage 1 of 2Next page');
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByTestId('row-count').filter({ hasText: 'Showing 51–100 of 100 projects' }).waitFor();
  assert.match(page.url(), /page=2/);
  assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
  await page.goBack();
  await page.getByTestId('row-count').filter({ hasText: 'Showing 1–50' }).waitFor();
  await ctx.close();
});

test('record status updates and see the trend; update several projects at once', async () => {
  const { ctx, page } = await withDemo('#/project/p-002');
  await page.getByRole('heading', { level: 1, name: 'CRM consolidation' }).waitFor();
  const form = page.getByRole('form', { name: 'New status update' });
  await form.getByLabel('Date').fill('2026-10-01');
  await form.getByLabel('Overall status').selectOption('on-track');
  await form.getByLabel('Commentary').fill('Kick-off done.');
  await form.getByRole('button', { name: 'Record status update' }).click();
  await page.getByRole('cell', { name: 'Kick-off done.' }).waitFor();
  await form.getByLabel('Date').fill('2026-11-01');
  await form.getByLabel('Overall status').selectOption('off-track');
  await form.getByLabel('Schedule').selectOption('Red');
  await form.getByRole('button', { name: 'Record status update' }).click();
  await form.getByText('Add a short commentary').waitFor();
  await form.getByLabel('Commentary').fill('Vendor contract delayed.');
  await form.getByRole('button', { name: 'Record status update' }).click();
  await page.getByRole('region', { name: 'How it stands' }).getByText('↓ Worsening').waitFor();
  await page.locator('main .status', { hasText: 'Off track' }).first().waitFor();
  await saved(page);
  // In the register the trend shows, and a bulk update moves several projects on.
  await page.getByRole('link', { name: '← Back to the register' }).click();
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'CRM consolidation', exact: true }) });
  await row.getByText('↓ Worsening').waitFor();
  await page.getByLabel('Select CRM consolidation', { exact: true }).check();
  await page.getByLabel('Select Mobile app relaunch', { exact: true }).check();
  const bar = page.getByRole('region', { name: 'Selected projects' });
  await bar.getByText('2 selected').waitFor();
  await bar.getByLabel('New status').selectOption('at-risk');
  // A reason is asked for: without one nothing changes, and the bar says for which.
  await bar.getByRole('button', { name: 'Apply to selected' }).click();
  await bar.getByRole('alert').filter({ hasText: /^Give the reason for PRJ-\d+ and PRJ-\d+: .* Nothing has changed yet\.$/ }).waitFor();
  await row.locator('.status', { hasText: 'Off track' }).waitFor();
  // One reason per project: each becomes that project's commentary.
  await bar.getByLabel('A reason for each project').check();
  await bar.getByLabel(/^Reason for PRJ-\d+ CRM consolidation$/).fill('Vendor recovery plan agreed');
  await bar.getByRole('button', { name: 'Apply to selected' }).click();
  await bar.getByRole('alert').filter({ hasText: /^Give the reason for PRJ-\d+: / }).waitFor();
  await bar.getByLabel(/^Reason for PRJ-\d+ Mobile app relaunch$/).fill('Design slipped a sprint');
  await bar.getByRole('button', { name: 'Apply to selected' }).click();
  await bar.waitFor({ state: 'detached' });
  await row.locator('.status', { hasText: 'At risk' }).waitFor();
  const mobile = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Mobile app relaunch', exact: true }) });
  await mobile.locator('.status', { hasText: 'At risk' }).waitFor();
  await row.getByText('↑ Improving').waitFor();
  // The register says why: the latest commentary, when, and the RAG behind the status.
  await row.getByRole('cell', { name: 'Vendor recovery plan agreed' }).waitFor();
  await mobile.getByRole('cell', { name: 'Design slipped a sprint' }).waitFor();
  const header = (await page.getByRole('columnheader').allTextContents()).map((h) => h.replace(/[▲▼]/g, '').trim());
  for (const h of ['Schedule', 'Cost', 'Scope', 'Trend', 'Latest commentary', 'Last updated']) assert.ok(header.includes(h), `${h} in ${header}`);
  const todayText = new Date().toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
  await row.getByRole('cell', { name: todayText, exact: true }).waitFor();
  // The CSV export carries the same.
  const csv = await download(page, page.getByRole('button', { name: 'Export CSV' }));
  const head = csv.text.replace(/^\uFEFF/, '').split('\r\n')[0];
  assert.match(head, /Schedule RAG,Cost RAG,Scope RAG,Trend,Latest commentary,Last updated/);
  assert.match(csv.text, /Mobile app relaunch[^\r\n]*Design slipped a sprint/);
  await ctx.close();
});

test('archive hides a project; delete can be undone', async () => {
  const { ctx, page } = await withDemo('#/project/p-005');
  await page.getByRole('heading', { level: 1, name: 'Intranet replacement' }).waitFor();
  const n = (await storedCounts(page)).projects;
  await page.getByRole('button', { name: 'Archive' }).click();
  await page.getByText('Archived', { exact: true }).waitFor();
  await page.getByRole('link', { name: '← Back to the register' }).click();
  assert.equal(await rowCount(page), `Showing 1–${n - 1} of ${n - 1} projects`, 'one project fewer');
  await page.getByLabel('Archived projects').check();
  await page.getByRole('link', { name: 'Intranet replacement' }).click();
  await page.getByRole('button', { name: 'Restore from archive' }).click();
  await page.getByRole('button', { name: 'Delete project' }).click();
  // Back in the register, without the project, with an undo offer.
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  const toast = page.getByRole('status', { name: 'Confirmation' });
  await toast.getByText('Deleted project “Intranet replacement”').waitFor();
  await saved(page);
  assert.equal((await readStored(page)).workspace.projects.some((p) => p.id === 'p-005'), false);
  await toast.getByRole('button', { name: 'Undo', exact: true }).click();
  await toast.getByText('Undone: Deleted project “Intranet replacement”').waitFor();
  // The register still shows archived projects only; the restored one is not archived.
  await page.getByLabel('Archived projects').uncheck();
  await page.getByRole('link', { name: 'Intranet replacement', exact: true }).waitFor();
  await saved(page);
  const ids = (await readStored(page)).workspace.projects.map((p) => p.id);
  assert.equal(ids[4], 'p-005', 'restored at its place');
  await ctx.close();
});

test('the dashboard rolls budgets up by portfolio and programme and links to the register', async () => {
  const { ctx, page } = await withDemo('#/');
  const table = page.getByRole('table', { name: 'Budget and status by portfolio and programme' });
  const pfRow = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Customer & Growth' }) });
  const pfCount = Number(await pfRow.locator('td').first().textContent());
  const programmeRows = table.locator('tr.programme');
  assert.equal(await programmeRows.count(), 8);
  const pgRow = table.getByRole('row').filter({ has: page.getByRole('link', { name: 'Digital Channels' }) });
  const pgCount = Number(await pgRow.locator('td').first().textContent());
  assert.ok(pgCount > 0 && pgCount < pfCount, `${pgCount} of ${pfCount}`);
  await pgRow.getByRole('link', { name: 'Digital Channels' }).click();
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  await page.getByTestId('row-count').filter({ hasText: `of ${pgCount} project` }).waitFor();
  assert.equal(await page.getByLabel('Programme').locator('option:checked').textContent(), 'Digital Channels');
  await ctx.close();
});

test('a project past its end date shows up as overdue on the dashboard', async () => {
  const { ctx, page } = await withDemo('#/');
  const tile = page.locator('.tile', { hasText: 'Overdue projects' }).locator('.tile-value');
  const before = Number(await tile.textContent());
  await page.goto(server.url + '#/project/p-003');
  await page.getByRole('heading', { level: 1, name: 'Warehouse automation' }).waitFor();
  await editDetails(page);
  const yesterday = new Date(Date.now() - 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel('Start date').fill('2025-01-01');
  await page.getByLabel('End date', { exact: true }).fill(yesterday);
  await saved(page);
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await page.locator('.tile', { hasText: 'Overdue projects' }).locator('.tile-value', { hasText: String(before + 1) }).waitFor();
  await ctx.close();
});

test('edit the strategic objectives and weights; the register re-ranks', async () => {
  const { ctx, page } = await withDemo('#/portfolio?sort=priority&dir=desc');
  const firstCode = async () => (await codes(page))[0];
  const topBefore = await firstCode();
  await page.locator('summary', { hasText: 'Strategic objectives' }).click();
  await page.getByLabel('Weight of Grow revenue').fill('0');
  await page.getByLabel('Weight of Grow revenue').press('Tab');
  await page.getByText('Use a whole number from 1 to 1000.').waitFor();
  await page.getByLabel('Weight of Reduce operating cost').fill('1000');
  await page.getByLabel('Weight of Reduce operating cost').press('Tab');
  await saved(page);
  // With cost reduction dominating, the top project scores highest on it.
  const doc = await readStored(page);
  const topAfter = await firstCode();
  const scoreOn = (code, obj) => doc.workspace.projects.find((p) => p.code === code).scores.find((s) => s.objective_id === obj)?.score ?? 0;
  assert.equal(scoreOn(topAfter, 'obj-cost'), 5, `${topAfter} leads on cost (was ${topBefore})`);
  await page.getByLabel('New objective').fill('Customer satisfaction');
  await page.getByRole('button', { name: 'Add objective' }).click();
  await page.getByRole('rowheader', { name: 'Customer satisfaction' }).waitFor();
  await page.getByRole('button', { name: 'Remove Reduce regulatory risk' }).click();
  await page.getByRole('rowheader', { name: 'Reduce regulatory risk' }).waitFor({ state: 'detached' });
  await saved(page);
  const after = await readStored(page);
  assert.deepEqual(after.workspace.objectives.map((o) => o.name), ['Grow revenue', 'Reduce operating cost', 'Improve employee experience', 'Customer satisfaction']);
  assert.ok(after.workspace.projects.every((p) => (p.scores ?? []).every((s) => s.objective_id !== 'obj-risk')));
  await ctx.close();
});

test('every dashboard tile opens the projects it counts; the roll-up spells out the phases', async () => {
  const { ctx, page } = await withDemo('#/dashboard');
  const tile = (label) => page.getByRole('link', { name: new RegExp(`^${label}`) });
  const figure = async (label) => Number((await tile(label).locator('.tile-value').textContent()).trim());
  // The roll-up table names each phase in full.
  for (const phase of ['Initiation', 'Planning', 'Execution', 'Closing']) {
    await page.getByRole('columnheader', { name: phase, exact: true }).waitFor();
  }
  for (const [label, only] of [['Overdue projects', 'Overdue projects: active, past their end date'], ['Gates due in 30 days', 'Projects with a gate due in the next 30 days']]) {
    const n = await figure(label);
    assert.ok(n > 0, `${label}: ${n}`);
    await tile(label).click();
    await page.getByText(only).waitFor();
    const count = await rowCount(page);
    const shown = Number(count.match(/of (\d+) projects?$/)?.[1] ?? count.match(/(\d+) projects?/)[1]);
    if (label === 'Overdue projects') assert.equal(shown, n, count);
    else assert.ok(shown >= 1 && shown <= n, `${shown} projects hold the ${n} gates`);
    await page.getByRole('button', { name: 'Show all projects' }).click();
    await page.getByText(only).waitFor({ state: 'detached' });
    await page.goBack();
    await page.goBack();
  }
  // Budget: largest overrun first.
  await tile('Budget: actual of planned').click();
  await page.getByRole('columnheader', { name: /Over budget/ }).waitFor();
  const first = await page.getByRole('row').nth(1).textContent();
  assert.match(first, /\+\D*\d/, 'the first project is over budget');
  await page.goBack();
  // Active projects: the register filtered to active statuses, as many as the tile says.
  const active = await figure('Active projects');
  await tile('Active projects').click();
  await page.waitForURL(/status=/);
  assert.match(await rowCount(page), new RegExp(`\\b${active} projects?$`));
  await ctx.close();
});
