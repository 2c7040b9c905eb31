// The data layer as a person meets it: the workspace an earlier version kept in localStorage
// moves into the database once (the old copy stays until the user removes it), a reload in
// the middle of typing keeps what was typed, a tab closed mid-write leaves a store that opens
// cleanly, undo works across pages, each change is recorded with who made it, the project form
// saves as you type, and the document itself exports as a file that imports back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serve, launch, newPage, open, saved, download, readStored, withDemo, KEY_PRIMARY, ROOT, until, editDetails } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const oldCopy = (page) => page.evaluate((k) => localStorage.getItem(k), KEY_PRIMARY);

/**
 * Edits that name what they change are committed by comparing only that; a check in idle
 * time compares everything and reports, as a console error, any change an edit made without
 * naming it. Wait for the check after the last edit (its mark cleared just after that edit)
 * and require that it found nothing.
 */
async function scopesChecked(page) {
  await page.waitForFunction(() => performance.getEntriesByName('pmo:scope-checked').length > 0);
  assert.deepEqual(page.errors.filter((e) => e.includes('changed more than it named')), []);
}

test('a version-4 workspace in localStorage moves in once, and the old copy stays until removed', async () => {
  const v4 = await readFile(join(ROOT, 'crates/domain/tests/fixtures/v4-demo.stored'), 'utf8');
  const { ctx, page } = await newPage(browser);
  // What the last localStorage build left behind, before this version ever ran here.
  await page.goto(server.origin + '/no-app-here');
  await page.evaluate(([k, v]) => localStorage.setItem(k, v), [KEY_PRIMARY, v4]);
  await open(page, server.url, '#/');
  await page.locator('.org-name', { hasText: 'Migrated Ltd' }).waitFor();
  const moved = page.getByRole('status').filter({ hasText: "Your data moved to this browser's database" });
  await moved.waitFor();
  await saved(page);
  assert.equal((await readStored(page)).workspace.organisation.name, 'Migrated Ltd');
  // Edits go to the database; the old copy is not touched.
  await page.goto(server.url + '#/data');
  await page.getByLabel('Organisation name').fill('Edited after the move');
  await saved(page);
  assert.equal(await oldCopy(page), v4);
  await page.reload();
  await page.locator('.org-name', { hasText: 'Edited after the move' }).waitFor();
  assert.equal(await moved.count(), 0, 'the move happens once');
  // The Data page offers the old copy for download, then removes it.
  const file = await download(page, page.getByRole('button', { name: 'Download the old copy' }));
  assert.match(file.text, /Migrated Ltd/);
  await page.getByRole('button', { name: 'Remove the old copy' }).click();
  await page.getByRole('button', { name: 'Remove the old copy' }).waitFor({ state: 'detached' });
  assert.equal(await oldCopy(page), null);
  await page.reload();
  await page.locator('.org-name', { hasText: 'Edited after the move' }).waitFor();
  await ctx.close();
});

test('a reload in the middle of typing keeps what was typed', async () => {
  const { ctx, page } = await withDemo(browser, server, '#/data');
  const name = await page.getByLabel('Organisation name').inputValue();
  await page.getByLabel('Organisation name').click();
  await page.keyboard.press('End');
  // Typed and reloaded at once, well inside the pause after which an edit is stored.
  await page.keyboard.type(' typed', { delay: 10 });
  await page.reload();
  await page.locator('.org-name', { hasText: `${name} typed` }).waitFor();
  assert.equal((await readStored(page)).workspace.organisation.name, `${name} typed`);
  await ctx.close();
});

test('compaction runs in a worker: the snapshot holds the edits and the changes it holds are removed', async () => {
  const { ctx, page } = await withDemo(browser, server, '#/data');
  const counts = () => page.evaluate(() => new Promise((resolve, reject) => {
    const r = indexedDB.open('pmo-workbench');
    r.onerror = () => reject(r.error);
    r.onsuccess = () => {
      try {
        const tx = r.result.transaction(['updates', 'snapshot'], 'readonly');
        const updates = tx.objectStore('updates').count();
        const snap = tx.objectStore('snapshot').get('main');
        tx.oncomplete = () => { resolve({ updates: updates.result, generation: snap.result?.generation ?? 0 }); r.result.close(); };
        tx.onerror = () => reject(tx.error);
      } catch (e) {
        reject(e);
      }
    };
  }));
  const workers = [];
  page.on('worker', (w) => workers.push(w.url()));
  await page.evaluate(() => performance.clearMarks('pmo:compacted-in-worker'));
  const before = await counts();
  await page.getByLabel('Organisation name').fill('Compacted off the page');
  await saved(page);
  await page.waitForFunction(() => performance.getEntriesByName('pmo:compacted-in-worker').length > 0);
  const after = await counts();
  assert.ok(workers.some((u) => u.endsWith('/compactor_loader.js')), `a compaction worker ran (${workers})`);
  assert.notEqual(after.generation, before.generation, 'a new snapshot');
  assert.equal(after.updates, 0, 'the changes the snapshot holds are deleted');
  await page.reload();
  await page.locator('.org-name', { hasText: 'Compacted off the page' }).waitFor();
  assert.equal((await readStored(page)).workspace.organisation.name, 'Compacted off the page');
  await ctx.close();
});

test('a tab closed in the middle of a write leaves a store that opens cleanly', async () => {
  const { ctx, page } = await withDemo(browser, server, '#/data');
  await page.getByLabel('Organisation name').fill('Stored before the close');
  await saved(page);
  await page.getByLabel('Organisation name').fill('Typed as the tab closed');
  await page.close();
  const { page: again } = await newPage(browser, ctx);
  await open(again, server.url, '#/data');
  const shown = await again.getByLabel('Organisation name').inputValue();
  assert.ok(['Stored before the close', 'Typed as the tab closed'].includes(shown), shown);
  assert.equal(await again.getByRole('alert').count(), 0, 'no damage, nothing to recover');
  await ctx.close();
});

test('undo and redo work across pages, from the header, the confirmation and the keyboard', async () => {
  const { ctx, page } = await withDemo(browser, server, '#/data');
  const name = await page.getByLabel('Organisation name').inputValue();
  await page.getByLabel('Organisation name').fill('Renamed to undo');
  await saved(page);
  const toast = page.getByRole('status', { name: 'Confirmation' });
  await toast.getByText("Changed the organisation's name").waitFor();
  // On another page, with the focus outside any field, Ctrl+Z takes the rename back.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Portfolio' }).click();
  await page.getByRole('heading', { level: 1, name: 'Portfolio' }).waitFor();
  await page.keyboard.press('Control+z');
  await page.locator('.org-name', { hasText: name }).waitFor();
  await toast.getByText("Undone: Changed the organisation's name").waitFor();
  await saved(page);
  assert.equal((await readStored(page)).workspace.organisation.name, name);
  // Shift+Ctrl+Z makes it again; the header's Undo takes it back once more.
  await page.keyboard.press('Shift+Control+z');
  await page.locator('.org-name', { hasText: 'Renamed to undo' }).waitFor();
  const undo = page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: 'Undo' });
  assert.equal(await undo.getAttribute('title'), "Undo: Changed the organisation's name (Ctrl+Z)");
  await undo.click();
  await page.locator('.org-name', { hasText: name }).waitFor();
  // The confirmation's Redo, too.
  await toast.getByRole('button', { name: 'Redo', exact: true }).click();
  await page.locator('.org-name', { hasText: 'Renamed to undo' }).waitFor();
  await saved(page);
  assert.equal((await readStored(page)).workspace.organisation.name, 'Renamed to undo');
  await ctx.close();
});

test('each change is recorded with who made it: the name is asked once, and a project and a person show their history', async () => {
  const { ctx, page } = await withDemo(browser, server, '#/project/p-002');
  await page.getByRole('heading', { level: 1, name: 'CRM consolidation' }).waitFor();
  // Asked after the first edit (loading the demo), in the page, never over it.
  const prompt = page.getByRole('region', { name: 'Who is making these changes?' });
  await prompt.waitFor();
  await prompt.getByRole('button', { name: 'Use this name' }).click();
  await prompt.getByText('Type your name, or choose Not now.').waitFor();
  await prompt.getByLabel('Your name for the history').fill('Amara Okafor');
  await prompt.getByRole('button', { name: 'Use this name' }).click();
  await prompt.waitFor({ state: 'detached' });

  const form = page.getByRole('form', { name: 'New status update' });
  await form.getByLabel('Date').fill('2026-11-03');
  await form.getByLabel('Overall status').selectOption('at-risk');
  await form.getByLabel('Commentary').fill('Supplier late with the data migration.');
  await form.getByRole('button', { name: 'Record status update' }).click();
  const history = page.getByRole('region', { name: 'History' });
  const line = history.getByRole('listitem').first();
  await line.filter({ hasText: 'Amara Okafor reported At risk for 3 Nov 2026: “Supplier late with the data migration.”' }).waitFor();
  assert.match(await line.locator('time').getAttribute('datetime'), /^\d{4}-\d\d-\d\dT/);

  // A person's panel in the org chart shows theirs.
  const ws = (await readStored(page)).workspace;
  const pm = ws.people.find((p) => p.id === 'pm-5');
  const mgr = ws.people.find((p) => p.id === 'pmo-mgr');
  await page.goto(server.url + '#/org');
  await page.getByLabel('Search people').fill(pm.name);
  await page.getByRole('treeitem', { name: new RegExp(`^${pm.name} `) }).click();
  const panel = page.getByRole('complementary', { name: pm.name });
  await panel.getByLabel('Move to (new manager)').fill(`${mgr.name} — ${mgr.title}`);
  await panel.getByRole('button', { name: 'Move', exact: true }).click();
  await panel.getByRole('region', { name: 'History' }).getByText(`Amara Okafor moved them to report to ${mgr.name}`).waitFor();
  await saved(page);

  // The history is in the stored document: it is there after a reload, and the name is not asked again.
  await page.goto(server.url + '#/project/p-002');
  await page.reload();
  await history.getByText('Amara Okafor reported At risk for 3 Nov 2026', { exact: false }).waitFor();
  await form.getByLabel('Commentary').fill('A second update.');
  await form.getByLabel('Date').fill('2026-11-04');
  await form.getByRole('button', { name: 'Record status update' }).click();
  await page.evaluate(() => performance.clearMarks('pmo:scope-checked'));
  await history.getByText('A second update.', { exact: false }).waitFor();
  assert.equal(await prompt.count(), 0, 'asked once per browser');
  await scopesChecked(page);
  await ctx.close();
});

test('the project form saves as you type; a field with a problem holds it back, and leaving then asks first', async () => {
  const { ctx, page } = await withDemo(browser, server, '#/project/p-003');
  await page.getByRole('heading', { level: 1, name: 'Warehouse automation' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Save changes' }).count(), 0, 'no save button');
  await editDetails(page);
  const details = page.getByRole('form', { name: 'Project details' });
  await details.getByLabel('Description').fill('Typed, and saved without a button.');
  await saved(page);
  await page.reload();
  await editDetails(page);
  assert.equal(await details.getByLabel('Description').inputValue(), 'Typed, and saved without a button.');

  // A planned budget that cannot be right is held back, with its message; the other changes are saved.
  const stored = async () => (await readStored(page)).workspace.projects.find((p) => p.id === 'p-003');
  const planned = (await stored()).budget.planned;
  await page.getByLabel('Planned budget').fill('-5');
  await page.getByText('Amounts cannot be negative.').waitFor();
  await page.getByRole('alert').filter({ hasText: 'Not saved yet: 1 field needs attention. Your other changes are saved.' }).waitFor();
  await page.getByTestId('save-indicator').filter({ hasText: 'Not saved' }).waitFor();
  await page.getByLabel('% complete').fill('55');
  await until(page, async () => JSON.parse(await window.wasmBindings.stored_json()).workspace.projects.find((p) => p.id === 'p-003').percent_complete === 55);
  assert.equal((await stored()).budget.planned, planned, 'the held change is not stored');
  assert.equal(await page.getByTestId('save-indicator').textContent(), 'Not saved', 'the header does not claim all is saved');

  // Leaving asks; "Cancel" stays with the typed text as it was.
  const nav = page.getByRole('navigation', { name: 'Main' });
  let asked = null;
  page.once('dialog', (d) => { asked = d.message(); d.dismiss(); });
  await nav.getByRole('link', { name: 'Org chart' }).click();
  await page.waitForFunction(() => location.hash === '#/project/p-003');
  assert.match(asked, /^Leave this page\? You would lose changes to Warehouse automation that have a problem\.$/);
  assert.equal(await page.getByLabel('Planned budget').inputValue(), '-5');
  await page.getByRole('heading', { level: 1, name: 'Warehouse automation' }).waitFor();
  // Fixed, it is saved, and leaving no longer asks.
  await page.getByLabel('Planned budget').fill('1,500,000');
  await page.getByText('Changes are saved as you type.').waitFor();
  await page.evaluate(() => performance.clearMarks('pmo:scope-checked'));
  await saved(page);
  assert.equal((await stored()).budget.planned, 150000000);
  assert.equal((await stored()).percent_complete, 55);
  await scopesChecked(page);
  page.once('dialog', (d) => { asked = 'again'; d.dismiss(); });
  await nav.getByRole('link', { name: 'Org chart' }).click();
  await page.getByRole('heading', { level: 1, name: 'Org chart' }).waitFor();
  assert.notEqual(asked, 'again');

  // An undo from the header brings the form back to what is stored.
  await page.goBack();
  await editDetails(page);
  await page.getByLabel('Project name').fill('Warehouse automation, renamed');
  await saved(page);
  await page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('heading', { level: 1, name: 'Warehouse automation' }).waitFor();
  await page.waitForFunction(() => document.getElementById('name').value === 'Warehouse automation');
  await ctx.close();
});

test('the document itself exports as a file that imports back; a damaged one is refused with why', async () => {
  const { ctx, page } = await withDemo(browser, server, '#/data');
  const before = (await readStored(page)).workspace;
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export the document' }).click()]);
  assert.match(dl.suggestedFilename(), /^pmo-workbench-document-\d{4}-\d\d-\d\d\.pmodoc$/);
  const bytes = await readFile(await dl.path());
  assert.equal(bytes.subarray(0, 4).toString('latin1'), 'PMOD');

  await page.getByLabel('Organisation name').fill('Changed after the export');
  await saved(page);
  // A file cut short is refused, and nothing changes.
  await page.getByLabel('Import data').setInputFiles({ name: 'cut.pmodoc', mimeType: 'application/octet-stream', buffer: bytes.subarray(0, bytes.length >> 1) });
  const alert = page.getByRole('alert').filter({ hasText: '“cut.pmodoc” was not imported' });
  await alert.waitFor();
  assert.match(await alert.textContent(), /The file is damaged or incomplete: the stored document/);
  assert.equal((await readStored(page)).workspace.organisation.name, 'Changed after the export');
  // The whole file reads back, with the usual preview.
  await page.getByLabel('Import data').setInputFiles({ name: 'whole.pmodoc', mimeType: 'application/octet-stream', buffer: bytes });
  const confirm = page.getByRole('region', { name: 'Replace your data with “whole.pmodoc”?' });
  await confirm.getByRole('button', { name: 'Replace my data' }).click();
  await saved(page);
  assert.deepEqual((await readStored(page)).workspace, before);
  await ctx.close();
});
