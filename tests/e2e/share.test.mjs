// Sharing by file, as a PMO and a project manager do it by e-mail: the PM's empty browser takes
// the PMO's document file as its workspace; both change the same field and different ones; the
// PMO merges the PM's file after a preview that names the conflict with both values; merging
// it again changes nothing; a file of another workspace is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { serve, launch, newPage, open, saved, readStored, withDemo } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

/** The document file the page exports. */
async function documentFile(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the document' }).click()]);
  return readFile(await dl.path());
}

async function chooseMerge(page, name, buffer) {
  await page.getByLabel('Merge a colleague’s file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer });
}

async function setField(page, label, value) {
  await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel(label, { exact: true }).blur();
  await saved(page);
}

test('a colleague’s file merges after a preview with the conflict; twice changes nothing; another workspace is refused', async () => {
  const pmo = await withDemo(browser, server, '#/data');
  const first = await documentFile(pmo.page);

  // The PM's browser has no data: the PMO's file becomes its workspace.
  const pm = await newPage(browser);
  await open(pm.page, server.url, '#/data');
  await chooseMerge(pm.page, 'from-the-pmo.pmodoc', first);
  const adopt = pm.page.getByRole('region', { name: 'Merge “from-the-pmo.pmodoc”?' });
  await adopt.getByText('This browser has no data yet').waitFor();
  await adopt.getByRole('button', { name: 'Merge' }).click();
  await saved(pm.page);
  const pmoData = (await readStored(pmo.page)).workspace;
  assert.deepEqual((await readStored(pm.page)).workspace, pmoData);

  // Both change the organisation's name; the PM also changes the currency.
  await pm.page.reload();
  await setField(pm.page, 'Organisation name', 'Named by the PM');
  await setField(pm.page, 'Currency', 'GBP');
  await setField(pmo.page, 'Organisation name', 'Named by the PMO');
  const reply = await documentFile(pm.page);

  await chooseMerge(pmo.page, 'reply.pmodoc', reply);
  const preview = pmo.page.getByRole('region', { name: 'Merge “reply.pmodoc”?' });
  await preview.waitFor();
  const row = preview.getByRole('row', { name: /The organisation/ });
  assert.match(await row.textContent(), /name.*Named by the PMO.*Named by the PM/);
  assert.match(await preview.textContent(), /1 conflict/);
  // It says which value the merge keeps: exactly one side.
  const [, yours, theirs] = await row.getByRole('cell').allTextContents();
  assert.notEqual(yours.includes('Kept'), theirs.includes('Kept'));
  const keptName = yours.includes('Kept') ? 'Named by the PMO' : 'Named by the PM';
  // Nothing changed yet.
  assert.equal((await readStored(pmo.page)).workspace.organisation.currency, pmoData.organisation.currency);
  await preview.getByRole('button', { name: 'Merge' }).click();
  await saved(pmo.page);
  const merged = (await readStored(pmo.page)).workspace.organisation;
  assert.equal(merged.currency, 'GBP');
  assert.equal(merged.name, keptName);
  await pmo.page.getByText(`Merged reply.pmodoc`).first().waitFor();

  // The same file again changes nothing.
  await chooseMerge(pmo.page, 'reply.pmodoc', reply);
  await pmo.page.getByRole('region', { name: '“reply.pmodoc” holds nothing new' }).waitFor();
  await pmo.page.getByRole('button', { name: 'Close' }).click();

  // Another workspace (made apart, even from the same demo) is refused.
  const other = await withDemo(browser, server, '#/data');
  const foreign = await documentFile(other.page);
  await chooseMerge(pmo.page, 'foreign.pmodoc', foreign);
  const alert = pmo.page.getByRole('alert').filter({ hasText: '“foreign.pmodoc” was not merged' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /from another workspace/);
  assert.deepEqual((await readStored(pmo.page)).workspace.organisation, merged);

  for (const p of [pmo, pm, other]) assert.deepEqual(p.page.errors, []);
  for (const p of [pmo, pm, other]) await p.ctx.close();
});
