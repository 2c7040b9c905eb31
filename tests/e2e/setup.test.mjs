// "Start a PMO" as a person would use it: the seven steps with a break and a reload half-way,
// the decisions reaching the org chart, the charter on screen, in print and as Markdown, the
// routines calendar; and the roles page: career paths, finding people by role, a person's
// next step, and the catalogue the org chart's role picker uses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, newPage, open, saved, download, readStored, writeStored, withDemo } from './harness.mjs';

const require = createRequire(import.meta.url);
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function axe(page, what) {
  // Evaluated through DevTools: the page's CSP rightly refuses an injected inline script.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(found, [], `${what}: ${found.join('\n')}`);
}

/** The demo as a PMO that has not started the guide yet, with a supportive PMO for now. */
async function withDemoNoGuide(hash) {
  const { ctx, page } = await withDemo(browser, server, hash);
  const doc = await readStored(page);
  doc.workspace.setup = null;
  doc.workspace.organisation.pmo_type = 'supportive';
  doc.revision += 1;
  await writeStored(page, doc);
  // writeStored writes from a page of the origin where the app is not (a 404 by design).
  page.errors = page.errors.filter((e) => !e.includes('404 (Not Found)'));
  return { ctx, page };
}

const stepHeading = (page, n, title) => page.getByRole('heading', { level: 2, name: `Step ${n} of 7: ${title}` });

test('walk the seven steps, leave half-way, reload, finish, and print the charter', async () => {
  const { ctx, page } = await withDemoNoGuide('#/setup');
  const ceo = (await readStored(page)).workspace.people.find((p) => p.role_id === 'ceo');
  await stepHeading(page, 1, 'Objectives').waitFor();
  await page.getByText('0 of 7 steps complete').waitFor();
  await page.getByText('the PMO\'s purpose').waitFor();

  // 1 Objectives
  await page.getByLabel('Purpose of the PMO').fill('One reliable view of every project for the board.');
  await page.getByRole('button', { name: 'Add objective' }).click();
  await page.getByLabel('Objective 1', { exact: true }).fill('Reliable status');
  await page.getByText('a measure for “Reliable status”').waitFor();
  await page.getByLabel('Measure of objective 1').fill('Projects reporting on time');
  await page.getByLabel('Target of objective 1').fill('95 % by June');
  await page.getByText('This step is complete.').waitFor();
  await page.getByRole('button', { name: 'Next: Sponsorship' }).click();

  // 2 Sponsorship: the sponsor is a person of the org chart; focus starts at the step.
  await stepHeading(page, 2, 'Sponsorship').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'setup-step-title');
  // A name nobody has offers to add that person, right here; cancelled, nothing is added.
  await page.getByLabel('Choose the sponsor from the org chart').fill('Nobody Known');
  await page.getByRole('button', { name: 'Make sponsor' }).click();
  const adding = page.getByRole('form', { name: 'Add the sponsor' });
  assert.equal(await adding.getByLabel('Sponsor\'s name').inputValue(), 'Nobody Known');
  await adding.getByRole('button', { name: 'Cancel' }).click();
  await adding.waitFor({ state: 'detached' });
  await page.getByLabel('Choose the sponsor from the org chart').fill(ceo.name);
  await page.getByRole('button', { name: 'Make sponsor' }).click();
  await page.getByText(`Sponsor: ${ceo.name} — ${ceo.title}`).waitFor();
  await page.getByLabel('What the sponsor commits').fill('A monthly steering meeting and the PMO budget');

  // 3 Tools and processes, then stop half-way.
  await page.getByRole('button', { name: 'Next: Tools and processes' }).click();
  await page.getByLabel('Status reporting and the monthly PMO report').check();
  await page.getByLabel('Gate reviews and governance').check();
  await page.getByLabel('Standards and templates').fill('Project brief, status report, closure report');
  await page.getByLabel('Tools', { exact: true }).fill('PMO Workbench');
  await page.getByText('a decision on the project lifecycle and its gates').waitFor();
  await page.getByLabel(/Projects follow the lifecycle initiation/).check();
  await saved(page);

  await page.reload();
  await stepHeading(page, 3, 'Tools and processes').waitFor();
  await page.getByText('3 of 7 steps complete').waitFor();
  assert.equal(await page.getByLabel('Tools', { exact: true }).inputValue(), 'PMO Workbench');
  assert.ok(await page.getByLabel('Gate reviews and governance').isChecked());
  await page.getByRole('button', { name: 'Step 1: Objectives, Done' }).click();
  assert.equal(await page.getByLabel('Target of objective 1').inputValue(), '95 % by June');
  await page.getByRole('button', { name: /^Step 4: PMO organisation, \d missing$/ }).click();

  // 4 Organisation: the type check's result, the org chart's unit, staffing as open roles.
  await stepHeading(page, 4, 'PMO organisation').waitFor();
  await page.getByText(/The PMO type check of .* suggests a controlling PMO/).waitFor();
  await page.getByRole('button', { name: 'Use controlling' }).click();
  await page.getByText('That is the type chosen.').waitFor();
  assert.ok(await page.getByRole('radio', { name: /^Controlling/ }).isChecked());
  await page.getByRole('radio', { name: /^Enterprise PMO/ }).check();
  await page.getByLabel("The PMO's unit in the org chart").selectOption({ label: 'Enterprise PMO' });
  await page.getByRole('row', { name: /PMO Analyst/ }).getByRole('cell').nth(2).filter({ hasText: '1' }).waitFor();
  await page.getByLabel('Needed: PMO Analyst').fill('5');
  await page.getByLabel('Needed: PMO Analyst').press('Enter');
  await page.getByRole('button', { name: 'Add 1 open role to the org chart' }).click();
  await page.getByText('1 open role added to the org chart').waitFor();
  await page.getByRole('button', { name: 'No open roles to add' }).waitFor();
  await saved(page);
  let ws = (await readStored(page)).workspace;
  assert.equal(ws.organisation.pmo_type, 'controlling');
  assert.equal(ws.people.filter((p) => p.vacancy && p.role_id === 'pmo-analyst' && p.unit_id === 'u-epmo').length, 2);
  // The type is the org chart's: the preview there opens on it.
  await page.getByRole('link', { name: 'Preview this type in the org chart' }).click();
  await page.getByRole('heading', { level: 1, name: 'Org chart' }).waitFor();
  await page.getByText("The organisation's PMO is controlling.").waitFor();
  assert.ok(await page.getByRole('radio', { name: /^Controlling/ }).isChecked());
  await page.getByRole('button', { name: 'Apply controlling' }).click();
  await page.getByText(/Controlling PMO applied/).waitFor();
  await page.goBack();

  // 5 Engage and communicate
  await stepHeading(page, 4, 'PMO organisation').waitFor();
  await page.getByRole('button', { name: 'Next: Engage and communicate' }).click();
  await page.getByRole('button', { name: 'Add the usual audiences' }).click();
  assert.equal(await page.getByLabel('Audience 1', { exact: true }).inputValue(), 'Sponsor and executives');
  await page.getByText('This step is complete.').waitFor();

  // 6 Routines
  await page.getByRole('button', { name: 'Next: Monthly routines' }).click();
  await page.getByRole('button', { name: 'Add the usual routines' }).click();
  await page.getByText(/Monthly on the 3rd working day · Next: /).waitFor();
  await page.getByLabel('Day rule: routine 1').selectOption({ label: 'on day of the month' });
  await page.getByLabel('Day number: routine 1').fill('31');
  await page.getByLabel('Day number: routine 1').press('Enter');
  await page.getByText(/Monthly on day 31 \(or the last day of shorter months\) · Next: /).waitFor();
  await page.getByText('This step is complete.').waitFor();

  // 7 Charter
  await page.getByRole('button', { name: 'Next: PMO charter' }).click();
  await page.getByLabel('Scope').fill('All change projects over €50 000.');
  await page.getByLabel('Review date').fill('2027-05-31');
  await page.getByText('7 of 7 steps complete').waitFor();
  await saved(page);
  await page.getByRole('link', { name: 'Open the charter' }).click();

  await page.getByRole('heading', { level: 1, name: 'PMO charter' }).waitFor();
  const charter = page.getByRole('article');
  await charter.getByRole('heading', { name: 'Enterprise PMO charter' }).waitFor();
  assert.equal(await page.getByText(/decisions? (is|are) still missing/).count(), 0, 'not a draft');
  for (const h of ['Purpose', 'Objectives and measures', 'Scope', 'PMO type and authority', 'Sponsor', 'Organisation', 'Services', 'Routines calendar', 'Success measures', 'Review']) {
    await charter.getByRole('heading', { level: 3, name: h, exact: true }).waitFor();
  }
  await charter.getByText('Controlling PMO.').waitFor();
  await charter.getByText(`${ceo.name} — ${ceo.title}`).waitFor();
  assert.equal(await charter.getByText('PMO Analyst (open role)').count(), 2);
  await charter.getByText('This charter is reviewed on 31 May 2027 by the sponsor and the head of the PMO.').waitFor();
  await charter.getByRole('row', { name: /Reliable status Projects reporting on time 95 % by June/ }).waitFor();

  // Print preview: only the charter, no navigation or buttons.
  await page.emulateMedia({ media: 'print' });
  assert.ok(await charter.isVisible());
  assert.equal(await page.getByRole('navigation', { name: 'Main' }).isVisible(), false);
  assert.equal(await page.getByRole('button', { name: 'Print' }).isVisible(), false);
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, `PDF of ${pdf.length} bytes`);
  await page.emulateMedia({ media: 'screen' });

  const md = await download(page, page.getByRole('button', { name: 'Export as Markdown' }));
  assert.equal(md.name, 'enterprise-pmo-charter.md');
  assert.ok(md.text.startsWith('# Enterprise PMO charter\n'), md.text.slice(0, 80));
  assert.match(md.text, /\| Status collection \| Monthly on day 31 \(or the last day of shorter months\) \| /);
  assert.ok(!md.text.includes('Still to decide'));

  // The routines as a calendar, linked to the monthly report.
  await page.goto(server.url + '#/setup/routines');
  await page.getByRole('heading', { level: 1, name: 'PMO routines' }).waitFor();
  assert.equal(await page.locator('table.month-grid').count(), 3);
  // The same routines as a calendar file (RFC 5545: CRLF lines of at most 75 octets).
  const ics = await download(page, page.getByRole('button', { name: 'Download calendar (.ics)' }));
  assert.equal(ics.name, 'pmo-calendar.ics');
  assert.ok(ics.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n'), ics.text.slice(0, 60));
  assert.ok(ics.text.endsWith('END:VCALENDAR\r\n'));
  assert.match(ics.text, /\r\nSUMMARY:Status collection\r\n/);
  assert.match(ics.text, /\r\nUID:routine-1-[a-z-]+-\d{8}@pmo-workbench\r\n/);
  assert.ok(ics.text.split('\r\n').every((l) => Buffer.byteLength(l) <= 75));
  const report = page.getByRole('link', { name: 'Open the report' }).first();
  assert.match(await report.getAttribute('href'), /^#\/report\?month=\d{4}-\d{2}$/);
  await report.click();
  await page.getByRole('heading', { level: 1, name: 'Monthly PMO report' }).waitFor();
  ws = (await readStored(page)).workspace;
  assert.equal(ws.setup.step, 7);
  assert.deepEqual(ws.setup.services, ['reporting', 'gates']);
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('an unfinished charter is a draft that names what is missing; both pages pass axe', async () => {
  const { ctx, page } = await withDemoNoGuide('#/setup/charter');
  await page.getByRole('heading', { level: 2, name: 'Draft: 16 decisions are still missing' }).waitFor();
  await page.getByText('Step 2 (Sponsorship): a sponsor').waitFor();
  await page.getByRole('article').getByText('Not decided yet: the sponsor (step 2, Sponsorship).').waitFor();
  await axe(page, 'charter');
  const md = await download(page, page.getByRole('button', { name: 'Export as Markdown' }));
  assert.match(md.text, /## Still to decide\n\n- Step 1 \(Objectives\): the PMO's purpose\n/);
  await page.getByRole('link', { name: 'Complete them in the set-up guide' }).click();
  await stepHeading(page, 1, 'Objectives').waitFor();
  await axe(page, 'set-up guide');
  await ctx.close();
});

test('career paths: find people by role, a person\'s next step, and the role catalogue', async () => {
  const { ctx, page } = await withDemo(browser, server, '#/roles');
  await page.getByRole('heading', { level: 1, name: 'Roles' }).waitFor();
  for (const ladder of ['PMO path', 'Delivery path', 'Executives']) {
    await page.getByRole('heading', { level: 3, name: ladder }).waitFor();
  }
  const ws = (await readStored(page)).workspace;
  const analysts = ws.people.filter((p) => p.role_id === 'pmo-analyst');
  const open = analysts.filter((p) => p.vacancy).length;
  assert.equal(open, 1);
  // Find the people in a role: choose it on the ladder.
  await page.getByRole('button', { name: new RegExp(`^PMO Analyst\\s*${analysts.length - open} people · 1 open role`) }).click();
  const panel = page.getByRole('complementary', { name: 'Role details' });
  await panel.getByRole('heading', { name: `Held by (${analysts.length})` }).waitFor();
  const first = analysts.find((p) => p.id === 'pmo-an-1');
  await panel.getByRole('link', { name: first.name }).waitFor();
  await panel.getByText('Next step: PMO Manager').waitFor();
  // Their path: the next role and how their skills (the demo's skills self-assessment) compare.
  await panel.getByRole('listitem').filter({ hasText: first.name }).getByRole('button', { name: 'Path' }).click();
  await page.getByRole('heading', { name: `Career path of ${first.name}` }).waitFor();
  await page.getByText('Next step: PMO Manager.').waitFor();
  const gaps = page.getByRole('table', { name: 'Skills for PMO Manager' });
  assert.equal(await gaps.getByRole('row').count(), 1 + 8);
  assert.equal(await gaps.getByText(/^(Reached|To develop)$/).count(), 8, 'every skill measured');
  await page.getByRole('button', { name: /^PMO Manager.*Next step/ }).waitFor();
  await page.getByRole('button', { name: /^PMO Analyst.*Current role/ }).waitFor();
  // Look a person up by name.
  const coordinator = ws.people.find((p) => p.role_id === 'pmo-coordinator');
  await page.getByLabel('Find a person').fill(coordinator.name);
  await page.getByRole('button', { name: 'Show their path' }).click();
  await page.getByRole('heading', { name: `Career path of ${coordinator.name}` }).waitFor();
  await page.getByRole('button', { name: /^PMO Coordinator.*Current role/ }).waitFor();
  await page.getByText(`${coordinator.name} has no PMO skills self-assessment yet.`).waitFor();
  await axe(page, 'roles');
  // The holder link opens them in the org chart.
  await page.getByRole('button', { name: /^PMO Analyst/ }).click();
  await panel.getByRole('link', { name: first.name }).click();
  await page.getByRole('heading', { level: 1, name: 'Org chart' }).waitFor();
  await page.locator('.org-panel').getByRole('heading', { name: first.name }).waitFor();

  // The catalogue: add a role, see it in the org chart's role picker, refuse what breaks it.
  await page.goto(server.url + '#/roles');
  await page.getByRole('button', { name: 'Add role' }).click();
  await page.getByLabel('Name', { exact: true }).fill('PMO analyst');
  await page.getByRole('button', { name: 'Save role' }).click();
  await page.getByRole('alert').filter({ hasText: 'Another role is already called "PMO analyst"' }).waitFor();
  await page.getByLabel('Name', { exact: true }).fill('Risk Lead');
  await page.getByLabel('Description').fill('Runs the risk process across projects.');
  await page.getByLabel('Career ladder').fill('pmo');
  await page.getByLabel('Seniority', { exact: true }).fill('3');
  await page.getByLabel('Responsibilities').fill('Runs the monthly risk review\nKeeps the risk register');
  await page.getByLabel('Level of Analytical ability').selectOption('4');
  await page.getByRole('button', { name: 'Save role' }).click();
  await panel.getByRole('heading', { name: 'Risk Lead' }).waitFor();
  await panel.getByText('Keeps the risk register').waitFor();
  await page.getByRole('button', { name: /^Risk Lead\s*Nobody yet/ }).waitFor();
  await saved(page);
  const stored = (await readStored(page)).workspace.roles.find((r) => r.name === 'Risk Lead');
  assert.deepEqual(stored.skills, [{ skill: 'analysis', level: 4 }]);
  assert.equal(stored.seniority, 3);
  await page.goto(server.url + '#/org');
  await page.getByRole('button', { name: 'Add person' }).click();
  assert.ok((await page.locator('#org-role option').allTextContents()).includes('Risk Lead'));
  // A role someone holds cannot be removed; an unused one can.
  await page.goto(server.url + '#/roles?role=pmo-analyst');
  await panel.getByRole('button', { name: 'Remove role' }).click();
  await panel.getByRole('alert').filter({ hasText: `${analysts.length} people hold this role` }).waitFor();
  await page.getByRole('button', { name: /^Risk Lead/ }).click();
  await panel.getByRole('button', { name: 'Remove role' }).click();
  await page.getByText('Role Risk Lead removed').waitFor();
  assert.equal(await page.getByRole('button', { name: /^Risk Lead/ }).count(), 0);
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('a first run leads: three ways in, the guide asks for the name and adds the sponsor, then what to do next', async () => {
  const { ctx, page } = await newPage(browser);
  await open(page, server.url, '#/');
  const ways = page.getByRole('region', { name: 'Three ways to begin' });
  await ways.getByRole('link', { name: 'Start a PMO with the guide' }).waitFor();
  await ways.getByRole('link', { name: 'Import your data' }).waitFor();
  await ways.getByRole('button', { name: 'Try the demo' }).waitFor();
  await axe(page, 'the empty dashboard');
  // Every empty page says what to do next, with one action.
  await page.goto(server.url + '#/portfolio');
  const empty = page.getByRole('region', { name: 'Nothing here yet' });
  await empty.getByText('Add your projects one by one').waitFor();
  assert.equal(await empty.getByRole('link').count(), 1);
  await empty.getByRole('link', { name: 'Add a project' }).waitFor();

  await page.goto(server.url + '#/');
  await ways.getByRole('link', { name: 'Start a PMO with the guide' }).click();
  await stepHeading(page, 1, 'Objectives').waitFor();
  await page.getByText('the organisation\'s name').waitFor();
  await page.getByLabel('Organisation name').fill('Acme Health');
  await page.locator('.org-name', { hasText: 'Acme Health' }).waitFor();
  await page.getByRole('button', { name: 'Next: Sponsorship' }).click();
  // An empty org chart: the sponsor is added right where the guide asks for them.
  await page.getByText('Nobody is in the org chart yet.').waitFor();
  await page.getByRole('button', { name: 'Add the sponsor as a new person' }).click();
  const adding = page.getByRole('form', { name: 'Add the sponsor' });
  await adding.getByRole('button', { name: 'Add to the org chart as sponsor' }).click();
  await adding.getByRole('alert').filter({ hasText: /name/i }).waitFor();
  await adding.getByLabel('Sponsor\'s name').fill('Dana Reyes');
  await adding.getByLabel('Their title').fill('Chief Operating Officer');
  await adding.getByRole('button', { name: 'Add to the org chart as sponsor' }).click();
  await page.getByText('Sponsor: Dana Reyes — Chief Operating Officer').waitFor();
  await saved(page);
  assert.ok((await readStored(page)).workspace.people.some((p) => p.name === 'Dana Reyes'));
  // Step 4: an enterprise PMO with nothing registered yet; the charter never counts "0".
  await page.getByRole('button', { name: /^Step 4: / }).click();
  await page.getByLabel(/^Enterprise PMO/).check();
  await page.goto(server.url + '#/setup/charter');
  const charter = page.getByRole('article');
  await charter.getByText(/covers every portfolio, programme and project of Acme Health\./).waitFor();
  assert.doesNotMatch(await charter.textContent(), /\b0 (portfolios|programmes|projects)/);

  // The dashboard then says what to do next, not a wall of zeros.
  await page.goto(server.url + '#/');
  const next = page.getByRole('region', { name: 'What to do next' });
  await next.getByRole('heading', { name: 'Set up the PMO' }).waitFor();
  assert.equal(await page.locator('.tile').count(), 0, 'no tiles of zeros');
  await next.getByRole('link', { name: 'Add a project' }).click();
  // A project needs a portfolio: the first one is named right there.
  await page.getByLabel('Portfolio name').fill('Clinical Services');
  await page.getByRole('button', { name: 'Add the portfolio' }).click();
  await page.getByRole('form', { name: 'Project details' }).waitFor();
  assert.equal(await page.getByLabel('Portfolio', { exact: true }).locator('option:checked').textContent(), 'Clinical Services');
  await axe(page, 'the new project form');
  await ctx.close();
});
