// The portfolio's other views as a PMO lead uses them: dashboard charts that open the
// register, the prioritisation chart, the roadmap's zoom, and the monthly report (on screen,
// in print and as PDF).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, saved, download, withDemo as demoPage } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const withDemo = (hash) => demoPage(browser, server, hash);

const monthName = (d) => d.toLocaleString('en-GB', { month: 'long', year: 'numeric' });
const iso = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

test('dashboard charts: each bar says its number and opens the matching register view', async () => {
  const { ctx, page } = await withDemo('#/');
  const status = page.getByRole('group', { name: 'Projects by status' });
  // Each link's name starts with what the bar shows, then says where it goes.
  const atRisk = status.getByRole('link', { name: /^At risk \d+ — \d+ projects?, show (them|it) in the register$/ });
  const n = Number((await atRisk.getAttribute('aria-label')).match(/^At risk (\d+)/)[1]);
  assert.ok(n > 0, 'the demo has projects at risk');
  // The number is drawn as text next to the bar, not only encoded in its length or colour.
  assert.equal((await atRisk.locator('text').allTextContents()).join('|'), `At risk |${n}`);
  await atRisk.click();
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  assert.match(page.url(), /#\/portfolio\?status=at-risk$/);
  await page.getByTestId('row-count').filter({ hasText: new RegExp(`of ${n} projects?$`) }).waitFor();

  await page.goBack();
  const funnel = page.getByRole('group', { name: 'Active projects by lifecycle phase' });
  const execution = funnel.getByRole('link', { name: /^Execution \d+ — active \d+ projects?/ });
  const e = Number((await execution.getAttribute('aria-label')).match(/^Execution (\d+)/)[1]);
  await execution.click();
  assert.match(page.url(), /phase=execution/);
  await page.getByTestId('row-count').filter({ hasText: new RegExp(`of ${e} projects?$`) }).waitFor();

  await page.goBack();
  const budget = page.getByRole('group', { name: 'Planned, actual and forecast budget by portfolio' });
  await budget.getByRole('link', { name: /^Planned EUR [\d,]+ — Technology Platform, show its projects/ }).click();
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  assert.equal(await page.getByLabel('Portfolio', { exact: true }).locator('option:checked').textContent(), 'Technology Platform');

  await page.goBack();
  const top = page.getByRole('group', { name: 'Top priorities by weighted score' });
  const first = top.getByRole('link', { name: /^.+ \d+ \(rank 1\) — / }).first();
  const label = await first.getAttribute('aria-label');
  const name = label.match(/— PRJ-\d+ (.+), score/)[1];
  await first.click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  await ctx.close();
});

test('priorities: ranking table, bubbles that open projects, and a portfolio filter in the address', async () => {
  const { ctx, page } = await withDemo('#/portfolio');
  await page.getByRole('navigation', { name: 'Portfolio views' }).getByRole('link', { name: 'Priorities' }).click();
  await page.getByRole('heading', { level: 1, name: 'Priorities' }).waitFor();
  const chart = page.getByRole('group', { name: 'Value versus effort bubble chart' });
  const table = page.getByRole('table', { name: 'Active projects by weighted priority score' });
  const all = await table.locator('tbody tr').count();
  const bubbles = await chart.getByRole('link').count();
  assert.equal(bubbles, all, 'one bubble per ranked project');
  // No bubble covers a quadrant's name.
  const boxes = await Promise.all((await chart.getByRole('link').all()).map((l) => l.boundingBox()));
  for (const q of ['Quick wins', 'Major projects', 'Fill-ins', 'Reconsider']) {
    const label = chart.getByText(q, { exact: true });
    await label.waitFor();
    const t = await label.boundingBox();
    const hit = boxes.find((b) => b.x < t.x + t.width && t.x < b.x + b.width && b.y < t.y + t.height && t.y < b.y + b.height);
    assert.equal(hit, undefined, `a bubble covers "${q}"`);
  }
  // "Top open risk" says which risk, with its probability and impact.
  await table.getByRole('columnheader', { name: 'Top open risk (probability × impact)' }).waitFor();
  const risks = await table.locator('tbody tr td:nth-child(6)').allTextContents();
  assert.ok(risks.some((r) => /^\S.* — \d+ \(\d × \d\)$/.test(r)), risks.join(' | '));
  assert.ok(risks.every((r) => r === 'None' || / — \d+ \(/.test(r)), risks.join(' | '));
  // Rank 1 leads the table and its bubble opens the project.
  const firstName = await table.locator('tbody tr').first().getByRole('link').textContent();
  await chart.getByRole('link', { name: new RegExp(`^Rank 1: PRJ-\\d+ ${firstName}\\.`) }).click();
  await page.getByRole('heading', { level: 1, name: firstName }).waitFor();
  await page.goBack();
  // Narrow to one portfolio: fewer rows, the address keeps it, a reload shows the same.
  await page.getByLabel('Portfolio', { exact: true }).selectOption({ label: 'Operations Excellence' });
  await page.waitForURL(/priorities\?portfolio=/);
  const narrowed = await table.locator('tbody tr').count();
  assert.ok(narrowed > 0 && narrowed < all, `${narrowed} of ${all}`);
  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'Priorities' }).waitFor();
  assert.equal(await table.locator('tbody tr').count(), narrowed);
  await ctx.close();
});

test('roadmap: windows roll from today, bars by status with the phase as a band, step through time, rows open projects', async () => {
  const { ctx, page } = await withDemo('#/portfolio/roadmap');
  const now = new Date();
  const mon = (d) => d.toLocaleString('en-GB', { month: 'short' });
  const q = (d) => `Q${Math.floor(d.getMonth() / 3) + 1} ${d.getFullYear()}`;
  const plus = (months, from = now) => new Date(from.getFullYear(), from.getMonth() + months, 1);
  // The next twelve months, from this month.
  const last = plus(11);
  await page.getByRole('heading', { level: 2, name: `${mon(now)} ${now.getFullYear()} – ${mon(last)} ${last.getFullYear()}` }).waitFor();
  assert.equal(await page.getByRole('button', { name: '12 months', exact: true }).getAttribute('aria-pressed'), 'true');
  assert.ok(await page.locator('.rm-today').isVisible(), 'a line marks today');
  const yearRows = await page.locator('.rm-row').count();
  assert.ok(yearRows > 10);
  // Bars are coloured by status: an off-track project's bar is red, an on-track one green.
  const colour = (status) => page.locator('.rm-row').filter({ hasText: new RegExp(`; ${status};`) }).first().locator('.rm-phase.current')
    .evaluate((el) => getComputedStyle(el).getPropertyValue('--st').trim());
  assert.equal(await colour('off track'), '#c0352b');
  assert.equal(await colour('on track'), '#1a7f37');

  // This quarter and the next.
  await page.getByRole('button', { name: '2 quarters', exact: true }).click();
  const qStart = new Date(now.getFullYear(), Math.floor(now.getMonth() / 3) * 3, 1);
  await page.getByRole('heading', { level: 2, name: `${q(qStart)} – ${q(plus(3, qStart))}` }).waitFor();
  assert.match(page.url(), /zoom=quarter/);
  await page.getByRole('button', { name: 'Next quarter' }).click();
  await page.getByRole('heading', { level: 2, name: `${q(plus(3, qStart))} – ${q(plus(6, qStart))}` }).waitFor();
  await page.getByRole('button', { name: 'Next quarter' }).click();
  assert.equal(await page.locator('.rm-today').count(), 0, 'no today line outside the window');
  await page.getByRole('button', { name: 'Today' }).click();
  await page.getByRole('heading', { level: 2, name: `${q(qStart)} – ${q(plus(3, qStart))}` }).waitFor();

  // Three years back there is nothing; the page says so.
  await page.getByRole('button', { name: '12 months', exact: true }).click();
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Previous year' }).click();
  await page.getByText('No project with dates falls in this period.').waitFor();
  await page.getByRole('button', { name: 'Today' }).click();

  // A row tells screen readers its dates and phase, and opens the project.
  const row = page.locator('.rm-row').first();
  assert.match(await row.locator('.sr-only').textContent(), /\d{4} to .+ phase/);
  const link = row.getByRole('link');
  const title = (await link.textContent()).replace(/^PRJ-\d+ /, '');
  await link.click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  await ctx.close();
});

test('the monthly report: the PMO summary on top, exceptions first, months step, it prints with a cover and copies as Markdown and HTML', async () => {
  const { ctx, page } = await withDemo('#/project/p-002');
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write']);
  const now = new Date();
  const prevEnd = new Date(now.getFullYear(), now.getMonth(), 0);
  await page.getByRole('heading', { level: 1, name: 'CRM consolidation' }).waitFor();
  const form = page.getByRole('form', { name: 'New status update' });
  await form.getByLabel('Date').fill(iso(prevEnd));
  await form.getByLabel('Overall status').selectOption('on-track');
  await form.getByLabel('Commentary').fill('Design signed off.');
  await form.getByRole('button', { name: 'Record status update' }).click();
  await page.getByRole('cell', { name: 'Design signed off.' }).waitFor();
  await form.getByLabel('Date').fill(iso(now));
  await form.getByLabel('Overall status').selectOption('off-track');
  await form.getByLabel('Commentary').fill('Vendor went into administration.');
  await form.getByRole('button', { name: 'Record status update' }).click();
  await page.getByRole('cell', { name: 'Vendor went into administration.' }).waitFor();
  await saved(page);

  await page.getByRole('link', { name: '← Back to the register' }).click();
  await page.getByRole('navigation', { name: 'Portfolio views' }).getByRole('link', { name: 'Monthly report' }).click();
  const report = page.getByRole('article', { name: `PMO report — ${monthName(now)}` });
  await report.waitFor();
  // The PMO's words first, then the figures, then the exceptions; the rest after.
  const headings = (await report.getByRole('heading', { level: 3 }).allTextContents()).map((h) => h.replace(/ \(\d+\)$/, ''));
  assert.deepEqual(headings.slice(0, 3), ['PMO summary', 'At a glance', 'Exceptions']);
  for (const h of ['Budget position', 'On track and other projects', 'Top risks and issues']) assert.ok(headings.includes(h), h);
  assert.ok(!headings.some((h) => /Not set/.test(h)), '“Not set” is not a status to report');

  // "% spent" is the app's one rule, rounded down.
  const total = (await report.getByRole('row').filter({ hasText: /^Total/ }).getByRole('cell').allTextContents())
    .map((c) => c.trim());
  const amount = (text) => BigInt(text.replace(/[^0-9-]/g, ''));
  const [planned, actual, spent] = [amount(total[0]), amount(total[1]), total[2]];
  assert.equal(spent, `${(actual * 100n) / planned}%`, `Total row: ${total.join(' | ')}`);

  // The worsened project is an exception, says why, and carries its commentary.
  const exceptions = report.getByRole('region', { name: /^Exceptions \(\d+\)$/ });
  const row = exceptions.getByRole('row').filter({ has: page.getByRole('link', { name: 'CRM consolidation', exact: true }) });
  assert.match(await row.textContent(), new RegExp(`Off track.*Worse since ${monthName(prevEnd)} \\(was On track\\).*Vendor went into administration\\.`));
  // Each project is listed once: exceptions, no status report, and the condensed table.
  const glance = report.getByRole('region', { name: 'At a glance' });
  const reported = Number(await glance.getByRole('definition').first().textContent());
  const listed = await report.getByRole('region', { name: /^(Exceptions|No status report|On track and other projects) \(\d+\)$/ })
    .getByRole('row').filter({ has: page.getByRole('link') }).count();
  assert.equal(listed, reported);
  const next = new Date(now.getFullYear(), now.getMonth() + 1, 1);
  await report.getByRole('heading', { level: 3, name: `Gates and milestones due in ${monthName(next)}` }).waitFor();

  // The PMO writes the month's summary in place; it is kept, and it is this month's only.
  await page.getByLabel('Key messages').fill('ERP cut-over moves to February\nBudget on track overall');
  await page.getByLabel('Decisions needed from the committee').fill('Approve phase 2 funding');
  // Typed key by key, the field keeps the focus while the report below follows.
  await page.getByLabel('Escalations').pressSequentially('Vendor contract');
  assert.equal(await page.getByLabel('Escalations').inputValue(), 'Vendor contract');
  await saved(page);
  await page.reload();
  await report.waitFor();
  assert.equal(await page.getByLabel('Key messages').inputValue(), 'ERP cut-over moves to February\nBudget on track overall');
  const md = await download(page, page.getByRole('button', { name: 'Download Markdown' }));
  assert.match(md.name, /^pmo-report-\d{4}-\d{2}\.md$/);
  assert.match(md.text, /^# PMO report — /);
  assert.match(md.text, /## PMO summary\n\n### Key messages\n\n- ERP cut-over moves to February\n- Budget on track overall\n/);
  assert.match(md.text, /### Decisions needed from the committee\n\n- Approve phase 2 funding\n/);
  assert.match(md.text, /### Escalations\n\n- Vendor contract\n/);
  assert.ok(md.text.indexOf('## Exceptions') < md.text.indexOf('## Budget position'), 'exceptions first');
  assert.match(md.text, /\| CRM consolidation \(PRJ-\d+\) \|[^\n]*\| Off track \|/);
  await page.getByRole('button', { name: 'Copy as Markdown' }).click();
  await page.getByText('The report is copied as Markdown').waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), md.text, 'the copy is the download');
  const html = await download(page, page.getByRole('button', { name: 'Download HTML' }));
  assert.match(html.name, /^pmo-report-\d{4}-\d{2}\.html$/);
  assert.match(html.text, /<li>Approve phase 2 funding<\/li>/);
  assert.match(html.text, /background:#b42318;color:#ffffff[^>]*>Off track</, 'the e-mail keeps the RAG colours');

  // Previous month: the address keeps the month; a reload shows the same report; its summary is its own.
  await page.getByRole('button', { name: '← Previous month' }).click();
  await page.getByRole('article', { name: `PMO report — ${monthName(prevEnd)}` }).waitFor();
  assert.match(page.url(), /#\/report\?month=\d{4}-\d{2}$/);
  assert.equal(await page.getByLabel('Key messages').inputValue(), '');
  await page.reload();
  await page.getByRole('article', { name: `PMO report — ${monthName(prevEnd)}` }).waitFor();
  assert.equal(await page.getByLabel('Report month').inputValue(), iso(prevEnd).slice(0, 7));
  await page.getByRole('button', { name: 'Next month →' }).click();
  await report.waitFor();

  // In print, only the report remains, after a cover; the summary prints as lists and the
  // RAG colours stay.
  await page.emulateMedia({ media: 'print' });
  for (const hidden of [
    page.getByRole('navigation', { name: 'Main' }),
    page.getByRole('navigation', { name: 'Portfolio views' }),
    page.getByRole('button', { name: 'Print report' }),
    page.getByLabel('Report month'),
    page.getByLabel('Key messages'),
    page.getByRole('banner'),
  ]) {
    assert.equal(await hidden.isVisible(), false);
  }
  const cover = page.getByText('PMO report', { exact: true });
  assert.ok(await cover.isVisible(), 'the cover');
  assert.equal(await cover.evaluate((el) => getComputedStyle(el.parentElement).breakAfter), 'page');
  assert.ok(await report.getByRole('listitem').filter({ hasText: 'ERP cut-over moves to February' }).isVisible());
  const badge = row.getByText('Off track', { exact: true });
  assert.deepEqual(await badge.evaluate((el) => [getComputedStyle(el).printColorAdjust, getComputedStyle(el).backgroundColor]), ['exact', 'rgb(180, 35, 24)']);
  const pdf = await page.pdf({ format: 'A4' });
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 3 && pages <= 14, `${pages} pages`);
  await ctx.close();
});

test('edit the plan on the project page: gates, milestones, risk log; the report picks them up', async () => {
  const { ctx, page } = await withDemo('#/project/p-002');
  await page.getByRole('heading', { level: 1, name: 'CRM consolidation' }).waitFor();
  const now = new Date();
  const next = new Date(now.getFullYear(), now.getMonth() + 1, 15);

  // Gate record: decision, date and note per phase, kept after a reload.
  await page.getByLabel('Closing gate decision').selectOption('failed');
  await page.getByLabel('Closing gate date').fill(iso(next));
  await page.getByLabel('Closing gate note').fill('Benefits case not yet signed');
  await page.getByLabel('Closing gate note').press('Tab');
  await saved(page);

  // A milestone needs a name and a date; then it is listed.
  const ms = page.getByRole('form', { name: 'Add a milestone' });
  await ms.getByRole('button', { name: 'Add milestone' }).click();
  await ms.getByText('Name the milestone.').waitFor();
  await ms.getByText('Give the date it is due.').waitFor();
  await ms.getByLabel('Milestone').fill('Pilot live');
  await ms.getByLabel('Due').fill(iso(next));
  await ms.getByRole('button', { name: 'Add milestone' }).click();
  await page.getByRole('button', { name: 'Mark reached: Pilot live' }).waitFor();

  // The risk log: a description is required; exposure is probability × impact.
  const rf = page.getByRole('form', { name: 'Add to the risk log' });
  await rf.getByRole('button', { name: 'Add to the log' }).click();
  await rf.getByText('Describe the risk or issue.').waitFor();
  await rf.getByLabel('Description').fill('Data migration corrupts customer records');
  await rf.getByLabel('Probability').selectOption('5');
  await rf.getByLabel('Impact').selectOption('5');
  await rf.getByRole('button', { name: 'Add to the log' }).click();
  const risk = page.getByRole('row').filter({ hasText: 'Data migration corrupts customer records' });
  assert.match(await risk.textContent(), /5 × 5 = 25/);
  await saved(page);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: 'CRM consolidation' }).waitFor();
  assert.equal(await page.getByLabel('Closing gate decision').inputValue(), 'failed');
  assert.equal(await page.getByLabel('Closing gate note').inputValue(), 'Benefits case not yet signed');

  // The monthly report lists the milestone as due next month and the risk at the top.
  await page.goto(server.url + '#/report');
  const report = page.getByRole('article');
  await report.waitFor();
  const due = report.getByRole('region', { name: `Gates and milestones due in ${monthName(next)}` });
  await due.getByRole('row').filter({ hasText: 'Milestone: Pilot live' }).waitFor();
  const risks = report.getByRole('region', { name: 'Top risks and issues' });
  assert.match(await risks.locator('tbody tr').first().textContent(), /25 \(5×5\).*Data migration corrupts customer records/);

  // Closing the risk takes it off the report.
  await page.goBack();
  await page.getByLabel('Status of Data migration corrupts customer records').selectOption('closed');
  await saved(page);
  await page.goto(server.url + '#/report');
  await report.waitFor();
  assert.equal(await risks.getByText('Data migration corrupts customer records').count(), 0);
  await ctx.close();
});
