// The monthly status round by file, end to end: the PMO opens a round and downloads each PM's
// request; three PMs answer in their own browsers (no workspace, no account) and save reply
// files — one late, one that conflicts with the PMO's own later edit, one touching another
// PM's project; the PMO merges all three after a preview; merging them again changes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { serve, launch, newPage, open, saved, readStored, withDemo, download, editDetails } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** The accessibility violations on `page` as it is now (axe-core), as "rule: targets". */
async function violations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** A PM's browser answering `request` (file text): returns the page once the answers show. */
async function pmOpens(request, { at } = {}) {
  const { page } = await newPage(browser);
  if (at) await page.clock.setFixedTime(at);
  await open(page, server.url, '#/reply');
  await page.getByLabel('Status request file').setInputFiles({ name: 'request.json', mimeType: 'application/json', buffer: Buffer.from(request) });
  await page.getByRole('heading', { level: 1, name: /^Status request from .* — due / }).waitFor();
  return page;
}

async function saveReply(page) {
  const file = await download(page, page.getByRole('button', { name: 'Save the reply file' }));
  await page.getByRole('status').filter({ hasText: `Saved ${file.name}` }).waitFor();
  return file;
}

test('a status round: requests out, three replies in (late, conflicting, overreaching), merged once', async () => {
  const pmo = (await withDemo(browser, server, '#/round')).page;
  await pmo.getByRole('button', { name: 'Open the round' }).click();
  const tracker = pmo.getByRole('region', { name: /^Round for / });
  await tracker.waitFor();
  await saved(pmo);
  const rows = tracker.getByRole('row').filter({ has: pmo.getByRole('button', { name: /^Download the request for / }) });
  assert.ok((await rows.count()) >= 3, 'the demo has at least three PMs');
  const names = [];
  for (let i = 0; i < 3; i++) names.push(await rows.nth(i).getByRole('rowheader').textContent());
  for (const n of names) assert.match(await tracker.getByRole('row', { name: new RegExp(n) }).textContent(), /Awaiting reply/);
  const requests = [];
  for (const n of names) {
    const file = await download(pmo, tracker.getByRole('button', { name: `Download the request for ${n}` }));
    assert.match(file.name, /^status-request-\d{4}-\d{2}-.+\.json$/);
    requests.push(file.text);
  }
  const [reqA, reqB, reqC] = requests.map((t) => JSON.parse(t));
  for (const [i, r] of [reqA, reqB, reqC].entries()) {
    assert.equal(r.managers.length, 1);
    assert.equal(r.managers[0].name, names[i]);
    assert.deepEqual(r.projects.map((p) => p.id).sort(), [...r.managers[0].projects].sort(), 'only the PM’s own projects');
  }
  const mineB = reqB.projects[0];
  const notA = [...reqB.projects, ...reqC.projects].find((p) => !reqA.managers[0].projects.includes(p.id));
  assert.ok(notA, 'another PM has a project A does not manage');

  // After sending the requests, the PMO changes B's first project's % complete.
  const pmoValue = mineB.fields.percent_complete === 77 ? 78 : 77;
  await pmo.goto(server.url + `#/project/${encodeURIComponent(mineB.id)}`);
  await editDetails(pmo);
  await pmo.getByLabel('% complete', { exact: true }).fill(String(pmoValue));
  await pmo.getByLabel('% complete', { exact: true }).blur();
  await saved(pmo);

  // PM A: sets the first project at risk with a comment; the answers survive a reload.
  const a = await pmOpens(requests[0]);
  const groups = a.getByRole('main').getByRole('group');
  assert.equal(await groups.count(), reqA.projects.length, 'one group per project of A’s, and no other');
  const firstA = a.getByRole('group', { name: `${reqA.projects[0].code} ${reqA.projects[0].name}` });
  await firstA.getByLabel('Status', { exact: true }).selectOption({ label: 'At risk' });
  await firstA.getByLabel('Commentary').fill('Vendor slipped two weeks; recovery plan agreed');
  // The page says when the answers are kept (a reload before that would lose the last ones).
  await a.getByRole('status').filter({ hasText: 'All your answers are kept in this browser.' }).waitFor();
  await a.reload();
  await a.getByRole('heading', { level: 1, name: /^Status request from / }).waitFor();
  await firstA.getByLabel('Commentary').waitFor();
  assert.equal(await firstA.getByLabel('Commentary').inputValue(), 'Vendor slipped two weeks; recovery plan agreed');
  assert.equal(await firstA.getByLabel('Status', { exact: true }).inputValue(), 'at-risk');
  const replyA = JSON.parse((await saveReply(a)).text);
  assert.deepEqual(await violations(a), [], 'the PM’s answers page');
  // A's file also answers for a project that is not A's (edited by hand, or by a tool).
  replyA.answers.push({ id: notA.id, code: notA.code, name: notA.name, asked: notA.fields, given: { ...notA.fields, status: 'off_track' }, commentary: 'Not mine' });

  // PM B: changes the same field the PMO changed, to another value.
  const b = await pmOpens(requests[1]);
  const firstB = b.getByRole('group', { name: `${mineB.code} ${mineB.name}` });
  const pmValue = pmoValue === 55 ? 56 : 55;
  await firstB.getByLabel('% complete', { exact: true }).fill(String(pmValue));
  await firstB.getByLabel('% complete', { exact: true }).blur();
  const replyB = (await saveReply(b)).text;

  // PM C: answers three days after the due date.
  const late = new Date(reqC.due + 'T12:00:00');
  late.setDate(late.getDate() + 3);
  const c = await pmOpens(requests[2], { at: late });
  const firstC = c.getByRole('main').getByRole('group').first();
  await firstC.getByLabel('Commentary').fill('Late but complete');
  const replyC = (await saveReply(c)).text;

  // The PMO merges the three at once, after a preview.
  await pmo.goto(server.url + '#/round');
  const files = [
    { name: 'reply-a.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(replyA)) },
    { name: 'reply-b.json', mimeType: 'application/json', buffer: Buffer.from(replyB) },
    { name: 'reply-c.json', mimeType: 'application/json', buffer: Buffer.from(replyC) },
  ];
  await pmo.getByLabel('Merge reply files').setInputFiles(files);
  const preview = pmo.getByRole('region', { name: 'Merge these replies?' });
  await preview.waitFor();
  const item = (n) => preview.getByRole('listitem').filter({ has: pmo.getByRole('heading', { name: new RegExp(`^${n} · saved`) }) });
  assert.match(await item(names[0]).textContent(), new RegExp(`Not applied.*${notA.code}.*not one of`));
  assert.match(await item(names[1]).textContent(), /1 conflict/);
  const conflict = item(names[1]).getByRole('row', { name: new RegExp(mineB.code) });
  assert.deepEqual((await conflict.getByRole('cell').allTextContents()).slice(0, 4), ['% complete', `${mineB.fields.percent_complete} %`, `${pmoValue} %`, `${pmValue} %`]);
  assert.match(await item(names[2]).getByRole('heading').first().textContent(), /late$/);
  assert.deepEqual(await violations(pmo), [], 'the round page with the preview');
  // Nothing has changed yet.
  assert.equal((await readStored(pmo)).workspace.rounds[0].replies, undefined);
  await preview.getByRole('button', { name: 'Merge' }).click();
  await saved(pmo);

  const ws = (await readStored(pmo)).workspace;
  const project = (id) => ws.projects.find((p) => p.id === id);
  const pa = project(reqA.projects[0].id);
  assert.equal(pa.status, 'at_risk');
  const update = pa.updates.find((u) => u.commentary === 'Vendor slipped two weeks; recovery plan agreed');
  assert.ok(update, 'the PM’s commentary is a status update of the project');
  assert.equal(update.author_id, reqA.managers[0].id);
  assert.equal(update.status, 'at_risk');
  assert.equal(project(notA.id).status, notA.fields.status, 'another PM’s project is untouched by A’s reply');
  assert.equal(project(mineB.id).percent_complete, pmoValue, 'the PMO’s later value stays');
  assert.equal(ws.rounds[0].replies.length, 3);
  const trackerNow = pmo.getByRole('region', { name: /^Round for / });
  assert.match(await trackerNow.getByRole('row', { name: new RegExp(names[0]) }).textContent(), /Submitted/);
  assert.match(await trackerNow.getByRole('row', { name: new RegExp(names[2]) }).textContent(), /Submitted late/);
  assert.match(await trackerNow.textContent(), /3 of \d+ replied/);

  // The same files again: nothing to merge.
  await pmo.getByLabel('Merge reply files').setInputFiles(files);
  await preview.waitFor();
  assert.equal(await preview.getByText('Merged before: nothing changes.').count(), 3);
  assert.equal(await preview.getByRole('button', { name: 'Merge' }).count(), 0);
  await preview.getByRole('button', { name: 'Cancel' }).click();

  // A reply opened as a request is refused with a clear message, and the page keeps working.
  const d = (await newPage(browser)).page;
  await open(d, server.url, '#/reply');
  await d.getByLabel('Status request file').setInputFiles({ name: 'reply-b.json', mimeType: 'application/json', buffer: Buffer.from(replyB) });
  await d.getByRole('alert').filter({ hasText: 'This is not a status request' }).waitFor();
  for (const p of [pmo, a, b, c, d]) assert.deepEqual(p.errors, []);
});
