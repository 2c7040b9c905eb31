// The org chart as a PMO lead uses it: find people, fold the chart, re-parent by drag and
// drop and undo, see a reporting loop refused, apply a PMO type, move by keyboard, export.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { serve, launch, saved, download, readStored, until, withDemo as demoPage } from './harness.mjs';

const require = createRequire(import.meta.url);
let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

const withDemo = (hash) => demoPage(browser, server, hash);
const person = async (page, id) => (await readStored(page)).workspace.people.find((p) => p.id === id);
const card = (page, name) => page.getByRole('treeitem', { name: new RegExp(`^${name} `) });
const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Open the toolbar's second row (layout, folding, exports) if it is closed. */
async function moreTools(page) {
  const more = page.getByRole('button', { name: 'More tools' });
  if ((await more.getAttribute('aria-expanded')) !== 'true') await more.click();
}

test('search finds a person, opens the way to them and highlights the card', async () => {
  const { ctx, page } = await withDemo('#/org');
  const tree = page.getByRole('tree', { name: 'Org chart' });
  await tree.waitFor();
  const pm = await person(page, 'pm-12');
  // Fold everything below the second level: the PM's card is gone.
  await moreTools(page);
  await page.getByRole('button', { name: 'Collapse all' }).click();
  await card(page, esc(pm.name)).waitFor({ state: 'detached' });
  await page.getByLabel('Search people').fill(pm.name);
  const found = card(page, esc(pm.name));
  await found.waitFor();
  assert.match(await found.getAttribute('class'), /\bmatch\b/);
  assert.match(await found.getAttribute('class'), /\bcurrent\b/);
  await page.getByText('1 of 1', { exact: true }).waitFor();
  // A screen reader hears the count and who was found; the found card is the tree's item
  // reached with Tab.
  await page.getByRole('status').filter({ hasText: `1 of 1: ${pm.name} — ${pm.title}` }).waitFor();
  assert.equal(await found.getAttribute('tabindex'), '0');
  // On a small laptop screen the card still shows the name.
  await page.setViewportSize({ width: 1024, height: 700 });
  assert.ok(await found.locator('.org-card-name').isVisible());
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByLabel('Search people').fill('');
  await page.getByLabel('Search people').fill(pm.name);
  await page.getByText('1 of 1', { exact: true }).waitFor();
  // The view is centred on the match.
  const box = await found.boundingBox();
  const stage = await page.locator('.org-stage').boundingBox();
  const mid = stage.x + stage.width / 2;
  assert.ok(Math.abs(box.x + box.width / 2 - mid) < 40, `centred: ${box.x + box.width / 2} vs ${mid}`);
  // A title matches several people; Enter steps through them.
  await page.getByLabel('Search people').fill('Programme Manager');
  await page.getByText(/^1 of \d+$/).waitFor();
  await page.getByLabel('Search people').press('Enter');
  await page.getByText(/^2 of \d+$/).waitFor();
  await page.getByLabel('Search people').fill('nobody by this name');
  await page.getByRole('status').filter({ hasText: 'No one matches' }).waitFor();
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('collapse and expand a subtree with its count badge', async () => {
  const { ctx, page } = await withDemo('#/org');
  const cpo = await person(page, 'cpo');
  const mgr = await person(page, 'pmo-mgr');
  const cpoCard = card(page, esc(cpo.name));
  await page.getByLabel('Search people').fill(cpo.name);
  await cpoCard.waitFor();
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  assert.equal(await cpoCard.getAttribute('aria-expanded'), 'true');
  await card(page, esc(mgr.name)).waitFor();
  const cpoIdx = await cpoCard.getAttribute('data-idx');
  const toggle = page.locator(`[data-toggle="${cpoIdx}"]`);
  await toggle.click();
  await card(page, esc(mgr.name)).waitFor({ state: 'detached' });
  assert.equal(await cpoCard.getAttribute('aria-expanded'), 'false');
  // The badge says how many people are hidden.
  const badge = (await toggle.locator('text').textContent()).trim();
  assert.match(badge, /^\+\d+$/);
  assert.ok(Number(badge.slice(1)) > 10, badge);
  await toggle.click();
  await card(page, esc(mgr.name)).waitFor();
  await ctx.close();
});

async function dragOnto(page, from, to) {
  const a = await from.boundingBox();
  const b = await to.boundingBox();
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 3);
  await page.mouse.down();
  await page.mouse.move(a.x + a.width / 2 + 20, a.y + a.height / 3 + 20, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 3, { steps: 8 });
  await page.mouse.up();
}

test('drag a PM onto another manager, then undo', async () => {
  const { ctx, page } = await withDemo('#/org');
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  const pm = await person(page, 'pm-5');
  const mgr = await person(page, 'pmo-mgr');
  assert.notEqual(pm.manager_id, 'pmo-mgr');
  const before = pm.manager_id;
  await dragOnto(page, card(page, esc(pm.name)), card(page, esc(mgr.name)));
  await page.getByRole('status').filter({ hasText: `${pm.name} now reports to ${mgr.name}` }).waitFor();
  await saved(page);
  assert.equal((await person(page, 'pm-5')).manager_id, 'pmo-mgr');
  const buttons = page.getByRole('group', { name: 'Undo and redo' });
  const undo = buttons.getByRole('button', { name: 'Undo' });
  assert.equal(await undo.getAttribute('title'), `Undo: Move of ${pm.name} (Ctrl+Z)`);
  await undo.click();
  await page.getByRole('status', { name: 'Confirmation' }).getByText(`Undone: Move of ${pm.name}`).waitFor();
  await saved(page);
  assert.equal((await person(page, 'pm-5')).manager_id, before);
  assert.equal(await buttons.getByRole('button', { name: 'Redo' }).getAttribute('title'), `Redo: Move of ${pm.name} (Shift+Ctrl+Z)`);
  assert.notEqual(await undo.getAttribute('title'), `Undo: Move of ${pm.name} (Ctrl+Z)`, 'the move is no longer the step to undo');
  await ctx.close();
});

test('a move that would make a reporting loop is refused and changes nothing', async () => {
  const { ctx, page } = await withDemo('#/org');
  const cpo = await person(page, 'cpo');
  const mgr = await person(page, 'pmo-mgr');
  await page.getByLabel('Search people').fill(cpo.name);
  await card(page, esc(cpo.name)).click();
  const panel = page.getByRole('complementary', { name: cpo.name });
  await panel.waitFor();
  await panel.getByLabel('Move to (new manager)').fill(`${mgr.name} — ${mgr.title}`);
  await panel.getByRole('button', { name: 'Move', exact: true }).click();
  const alert = page.getByRole('alert').filter({ hasText: `${cpo.name} cannot report to ${mgr.name}` });
  await alert.waitFor();
  assert.match(await alert.textContent(), /circle/);
  assert.equal((await person(page, 'cpo')).manager_id, 'ceo');
  // Dragging the CPO onto their own report is refused the same way.
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await dragOnto(page, card(page, esc(cpo.name)), card(page, esc(mgr.name)));
  await alert.waitFor();
  assert.equal((await person(page, 'cpo')).manager_id, 'ceo');
  const undoTitle = await page.getByRole('group', { name: 'Undo and redo' }).getByRole('button', { name: 'Undo' }).getAttribute('title');
  assert.doesNotMatch(undoTitle, /Move of/, 'nothing to undo from the chart');
  await ctx.close();
});

test('the directive preset shows who moves, then puts the PMs under the PMO', async () => {
  const { ctx, page } = await withDemo('#/org');
  const mgr = await person(page, 'pmo-mgr');
  await page.getByRole('button', { name: 'PMO type…' }).click();
  const presets = page.getByRole('region', { name: 'PMO type' });
  await presets.getByText('The organisation\'s PMO is controlling.').waitFor();
  await presets.getByRole('radio', { name: /Directive/ }).check();
  const summary = await presets.getByRole('status').textContent();
  const moving = Number(summary.match(/^(\d+) people would move/)[1]);
  assert.ok(moving >= 3, summary);
  await presets.getByText(new RegExp(`: from .+ to ${esc(mgr.name)}$`)).first().waitFor();
  await presets.getByRole('button', { name: 'Apply directive' }).click();
  await page.getByRole('status').filter({ hasText: `Directive PMO applied: ${moving} moved` }).waitFor();
  await saved(page);
  const ws = (await readStored(page)).workspace;
  assert.equal(ws.organisation.pmo_type, 'directive');
  const seniors = ws.people.filter((p) => p.role_id === 'senior-pm');
  assert.ok(seniors.every((p) => p.manager_id === 'pmo-mgr'), 'senior PMs report to the PMO manager');
  // Their old business lines stay as dotted lines.
  assert.ok(seniors.every((p) => ws.dotted_lines.some((d) => d.from === p.id && d.label === 'Business line')));
  // The chart shows them under the PMO manager.
  await page.getByLabel('Search people').fill(mgr.name);
  const mgrCard = card(page, esc(mgr.name));
  await mgrCard.waitFor();
  assert.match(await mgrCard.getAttribute('aria-label'), new RegExp(`${6 + seniors.length} direct`));
  await ctx.close();
});

test('keyboard: arrows move through the tree, + and - fold, Enter opens the person', async () => {
  const { ctx, page } = await withDemo('#/org');
  const ws = (await readStored(page)).workspace;
  const name = (id) => ws.people.find((p) => p.id === id).name;
  const reports = (id) => ws.people.filter((p) => p.manager_id === id).map((p) => p.name);
  const ceo = card(page, esc(name('ceo')));
  await ceo.waitFor();
  // The tree is one tab stop: the first card.
  assert.equal(await ceo.getAttribute('tabindex'), '0');
  await ceo.focus();
  // Focus moves to the card once it is drawn (the chart scrolls to it first).
  const focusOn = (who) => page.waitForFunction((n) => document.activeElement?.getAttribute('aria-label')?.startsWith(n + ' '), who);
  await page.keyboard.press('ArrowDown');
  await focusOn(reports('ceo')[0]);
  await page.keyboard.press('ArrowRight');
  await focusOn(reports('ceo')[1]);
  await page.keyboard.press('ArrowLeft');
  await focusOn(reports('ceo')[0]);
  await page.keyboard.press('ArrowUp');
  await focusOn(name('ceo'));
  await page.keyboard.press('-');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'false');
  assert.equal(await page.getByRole('treeitem').count(), 1);
  await page.keyboard.press('+');
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-expanded') === 'true');
  assert.ok(await page.getByRole('treeitem').count() > 4);
  await page.keyboard.press('Enter');
  await page.getByRole('complementary', { name: name('ceo') }).getByText('4 direct, ').waitFor();
  // Level, position and size are announced.
  assert.equal(await ceo.getAttribute('aria-level'), '1');
  await ctx.close();
});

test('edit a person, add a report, remove them, and export the chart as SVG and PNG', async () => {
  const { ctx, page } = await withDemo('#/org');
  const cpo = await person(page, 'cpo');
  await page.getByLabel('Search people').fill(cpo.name);
  await card(page, esc(cpo.name)).click();
  const panel = page.getByRole('complementary', { name: cpo.name });
  await panel.getByRole('button', { name: 'Add report' }).click();
  const form = page.getByRole('complementary', { name: 'Add person' });
  await form.getByRole('button', { name: 'Add person' }).click();
  await form.getByText("Enter the person's name").waitFor();
  const odd = 'Ada <Lovelace> & "Co"';
  await form.getByLabel('Name').fill(odd);
  await form.getByLabel('Title').fill('Head of <PMO> Excellence');
  await form.getByLabel('Role', { exact: true }).selectOption({ label: 'PMO Director' });
  await form.getByRole('button', { name: 'Add person' }).click();
  await page.getByRole('status').filter({ hasText: `${odd} added` }).waitFor();
  await saved(page);
  const added = (await readStored(page)).workspace.people.find((p) => p.name === odd);
  assert.equal(added.manager_id, 'cpo');
  assert.equal(added.role_id, 'pmo-director');
  await card(page, esc(odd)).waitFor();

  // A labelled dotted line from the new person to the PMO manager; an unknown name is explained.
  const mgr = await person(page, 'pmo-mgr');
  const mine = page.getByRole('complementary', { name: odd });
  await mine.waitFor();
  await mine.getByLabel('Add a dotted line to').fill('Nobody Here');
  await mine.getByRole('button', { name: 'Add dotted line' }).click();
  await page.getByRole('alert').filter({ hasText: 'Nobody called "Nobody Here" is in the chart' }).waitFor();
  await mine.getByLabel('Add a dotted line to').fill(`${mgr.name} — ${mgr.title}`);
  await mine.getByLabel('Dotted line label').fill('PMO standards');
  await mine.getByRole('button', { name: 'Add dotted line' }).click();
  await page.getByRole('status').filter({ hasText: `Dotted line from ${odd} to ${mgr.name} added` }).waitFor();
  await saved(page);
  const lines = (await readStored(page)).workspace.dotted_lines;
  assert.ok(lines.some((d) => d.from === added.id && d.to === 'pmo-mgr' && d.label === 'PMO standards'));
  await page.getByRole('complementary', { name: odd }).getByText(`to ${mgr.name} (PMO standards)`).waitFor();

  await moreTools(page);
  const svg = await download(page, page.getByRole('button', { name: 'Export SVG' }));
  assert.equal(svg.name, 'org-chart.svg');
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const error = doc.querySelector('parsererror');
    return { error: error?.textContent ?? null, texts: [...doc.querySelectorAll('text')].map((t) => t.textContent) };
  }, svg.text);
  assert.equal(parsed.error, null);
  assert.ok(parsed.texts.includes(odd), 'the name is text, not markup');
  assert.ok(!/<script/i.test(svg.text) && !/https?:\/\/(?!www\.w3\.org)/.test(svg.text), 'self-contained');

  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PNG' }).click()]);
  assert.equal(dl.suggestedFilename(), 'org-chart.png');
  const bytes = await (await import('node:fs/promises')).readFile(await dl.path());
  assert.deepEqual([...bytes.subarray(1, 4)].map((b) => String.fromCharCode(b)).join(''), 'PNG');

  // Remove the new person again.
  await card(page, esc(odd)).click();
  await mine.getByRole('button', { name: 'Remove', exact: true }).click();
  await page.getByRole('alertdialog', { name: 'Confirm removal' }).getByRole('button', { name: 'Remove person' }).click();
  await page.getByRole('status').filter({ hasText: `${odd} removed` }).waitFor();
  await card(page, esc(odd)).waitFor({ state: 'detached' });
  assert.deepEqual(page.errors, []);
  await ctx.close();
});

test('views: PMO lines only and one portfolio, kept in the address; the panel passes axe', async () => {
  const { ctx, page } = await withDemo('#/org');
  await page.getByLabel('Show').selectOption({ label: 'PMO lines only' });
  await page.waitForURL(/view=pmo/);
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  const ws = (await readStored(page)).workspace;
  // The PMO is there, a business line head is not.
  const mgr = ws.people.find((p) => p.id === 'pmo-mgr');
  const coo = ws.people.find((p) => p.id === 'coo');
  await card(page, esc(mgr.name)).waitFor();
  assert.equal(await card(page, esc(coo.name)).count(), 0);
  await page.getByLabel('Show').selectOption({ label: 'Portfolio: Technology Platform' });
  await page.waitForURL(/view=portfolio%3Apf-|view=portfolio:pf-/);
  await page.reload();
  await page.getByRole('tree', { name: 'Org chart' }).waitFor();
  assert.equal(await page.getByLabel('Show').locator('option:checked').textContent(), 'Portfolio: Technology Platform');
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  const some = await page.getByRole('treeitem').count();
  assert.ok(some > 3 && some < ws.people.length, `${some} of ${ws.people.length}`);
  await page.getByRole('treeitem').first().click();
  await page.getByRole('button', { name: 'PMO type…' }).click();
  // Evaluated through DevTools: the page's CSP rightly refuses an injected inline script.
  await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  assert.deepEqual(found, []);
  await ctx.close();
});

test('for a committee: room for the chart, legible when fitted, nothing covered, presets drawn, printed on pages', async () => {
  const { ctx, page } = await withDemo('#/org');
  const tree = page.getByRole('tree', { name: 'Org chart' });
  await tree.waitFor();
  const stage = page.locator('.org-stage');
  await page.getByRole('button', { name: 'Not now' }).click();
  // Hiding the introduction gives its room to the chart, and is remembered.
  const before = (await stage.boundingBox()).height;
  await page.getByRole('button', { name: 'Hide the introduction' }).click();
  await until(page, (h) => document.querySelector('.org-stage').getBoundingClientRect().height > h + 30, before);
  await page.reload();
  await tree.waitFor();
  await page.getByRole('button', { name: 'About this chart' }).waitFor();
  // The tools are one row, and the chart has most of the 800 px window.
  const bar = await page.getByRole('toolbar', { name: 'Org chart tools' }).boundingBox();
  assert.ok(bar.height < 60, `the toolbar is one row (${bar.height} px)`);
  await until(page, () => document.querySelector('.org-stage').getBoundingClientRect().height >= 500);

  // Fitted, the cards are simplified blocks whose names are still 12 px or more on screen.
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  await until(page, () => document.querySelector('.org-svg').classList.contains('simple'));
  const ws = (await readStored(page)).workspace;
  const ceo = ws.people.find((p) => p.id === 'ceo');
  const ceoCard = card(page, esc(ceo.name));
  const label = page.locator(`.org-card-simple[data-for="${await ceoCard.getAttribute('data-idx')}"] text`);
  const h = (await label.boundingBox()).height;
  assert.ok(h >= 12, `the simplified name is ${h} px high`);
  assert.ok(ceo.name.includes((await label.textContent()).replace('…', '').replace(/^.\. /, '')), 'it shows the name');
  // Pointing at a card shows the whole card.
  await ceoCard.hover();
  await page.locator('.org-peek').getByText(ceo.title, { exact: true }).waitFor();

  // The minimap moves out of the way of the selected card.
  await ceoCard.click();
  await page.getByRole('complementary', { name: ceo.name }).waitFor();
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  const map = page.locator('.org-minimap');
  const overlap = async () => {
    const [a, b] = [await map.boundingBox(), await ceoCard.boundingBox()];
    return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
  };
  // Drag the chart by its background so that the selected card sits where the minimap was.
  const m = await map.boundingBox();
  const c = await ceoCard.boundingBox();
  const s = await stage.boundingBox();
  await page.mouse.move(s.x + 4, s.y + 4);
  await page.mouse.down();
  await page.mouse.move(s.x + 4 + (m.x + m.width / 2 - c.x - c.width / 2), s.y + 4 + (m.y + m.height / 2 - c.y - c.height / 2), { steps: 8 });
  await page.mouse.up();
  const now = await ceoCard.boundingBox();
  assert.ok(now.x + now.width > m.x && now.y + now.height > m.y, 'the card is where the minimap was');
  assert.equal(await overlap(), false, 'the minimap does not cover the selected card');

  // The PMO-type preview draws who moves on the chart before anything changes.
  await page.getByRole('button', { name: 'PMO type…' }).click();
  const presets = page.getByRole('region', { name: 'PMO type' });
  await presets.getByLabel(/^Directive/).check();
  const summary = await presets.getByRole('status').textContent();
  const moves = Number(summary.match(/^(\d+) (person|people) would move/)[1]);
  assert.ok(moves > 0, summary);
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  const moving = page.getByRole('treeitem', { name: /would report to .* under the previewed PMO type/ });
  await until(page, (n) => document.querySelectorAll('[role=treeitem][aria-label*="under the previewed PMO type"]').length === n, moves);
  assert.equal(await moving.count(), moves);
  assert.equal(await page.locator('.org-plan-solid').count(), moves, 'a ghost line per move');
  assert.deepEqual((await readStored(page)).workspace.people.map((p) => p.manager_id), ws.people.map((p) => p.manager_id), 'nothing changed yet');
  await presets.getByRole('button', { name: 'Cancel' }).click();
  await until(page, () => !document.querySelector('[role=treeitem][aria-label*="under the previewed PMO type"]'));

  // PMs with no line to the PMO are flagged on the chart, as many as the health list names.
  const lonely = await page.getByRole('heading', { name: /^PMs with no line to a PMO: \d+$/ }).textContent();
  const n = Number(lonely.match(/(\d+)$/)[1]);
  assert.ok(n > 0);
  assert.equal(await page.getByRole('treeitem', { name: /, no PMO line/ }).count(), n);

  // PMO lines only: just the PMO, its line up, and the PMs; PMs on a dotted line hang under the PMO.
  await page.getByLabel('Show').selectOption({ label: 'PMO lines only' });
  await page.getByRole('button', { name: 'Fit to screen' }).click();
  const cfo = ws.people.find((p) => p.title === 'Chief Financial Officer');
  await card(page, esc(cfo.name)).waitFor({ state: 'detached' });
  assert.ok(await page.locator('.org-edges-dotted').getAttribute('d'), 'dotted connectors are drawn');

  // Print: the whole chart across pages, without the app around it.
  await page.getByLabel('Show').selectOption({ label: 'Whole organisation' });
  await page.evaluate(() => { window.print = () => { window.printed = (window.printed ?? 0) + 1; }; });
  await page.getByRole('button', { name: 'Print…' }).click();
  const choice = page.getByRole('group', { name: 'Print the org chart' });
  const option = choice.getByRole('radio', { name: /The whole chart, legible, across \d+ pages/ });
  const pages = Number((await option.evaluate((el) => el.parentElement.textContent)).match(/across (\d+) pages/)[1]);
  assert.ok(pages > 1, `${pages} pages`);
  await choice.getByRole('button', { name: 'Print', exact: true }).click();
  await until(page, () => window.printed === 1);
  assert.equal(await page.locator('.org-print-page').count(), pages);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('banner').isVisible(), false, 'no app chrome on paper');
  assert.equal(await page.getByRole('toolbar', { name: 'Org chart tools' }).isVisible(), false);
  await page.getByRole('img', { name: new RegExp(`page 1 of ${pages} `) }).waitFor({ timeout: 5000 });
  const pdf = await page.pdf({ preferCSSPageSize: true });
  const pdfPages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g).length;
  assert.equal(pdfPages, pages, 'one sheet per page of the chart');
  // After printing, the pages are dropped again.
  await page.locator('.org-print-page').first().waitFor({ state: 'detached' });
  await ctx.close();
});
