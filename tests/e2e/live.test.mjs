// Live sync through the real sync server (sync-server/server.mjs, started here), with the
// release build allowed to connect to it (as PMO_SYNC_ORIGIN at build time would):
// - the PMO's browser connects its workspace; an empty browser joins and receives it;
// - both edit at once (a project, and a person in the org chart): both edits reach both;
// - presence: each sees the other's name;
// - the server stops: both say offline and keep editing; it starts again: they catch up;
// - a workspace made apart is refused, with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, newPage, open, saved, readStored, withDemo, ROOT, DIST, until, editDetails } from './harness.mjs';
import { withSyncOrigin } from '../../scripts/sync-origin.mjs';
import { createRequire } from 'node:module';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const PORT = 41240;
const ORIGIN = `ws://127.0.0.1:${PORT}`;
const TOKEN = 'e2e-shared-secret';
let dir, dist, server, browser, sync;

function startSync() {
  const child = spawn('node', [join(ROOT, 'sync-server', 'server.mjs')], {
    env: { ...process.env, PMO_SYNC_TOKEN: TOKEN, PMO_SYNC_PORT: String(PORT), PMO_SYNC_DB: join(dir, 'sync.sqlite') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((ok, fail) => {
    let out = '';
    const look = (d) => { out += d; if (/sync server on/.test(out)) ok(child); };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (c) => fail(new Error(`the sync server ended (${c}):\n${out}`)));
  });
}

async function stopSync() {
  if (!sync || sync.exitCode !== null) return;
  const ended = new Promise((ok) => sync.on('exit', ok));
  sync.kill('SIGKILL');
  await ended;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pmo-live-'));
  dist = join(dir, 'dist');
  cpSync(DIST, dist, { recursive: true });
  const index = join(dist, 'index.html');
  writeFileSync(index, withSyncOrigin(readFileSync(index, 'utf8'), ORIGIN));
  sync = await startSync();
  server = await serve(dist);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await stopSync();
  rmSync(dir, { recursive: true, force: true });
});

async function name(page, who) {
  const field = page.getByLabel('Your name in the change history');
  await field.fill(who);
  await field.blur();
  await page.getByText('Your name for the change history is saved').first().waitFor();
}

async function connect(page) {
  await page.goto(server.url + '#/data');
  await page.getByLabel('Server address').fill(ORIGIN);
  await page.getByLabel('Workspace name on the server').fill('northwind');
  await page.getByLabel('Token').fill(TOKEN);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
}

const status = (page) => page.getByTestId('live-status');

test('live sync: join, edit at once, presence, a server restart, another workspace refused', async () => {
  const pmo = (await withDemo(browser, server, '#/data')).page;
  await name(pmo, 'Amara');
  await connect(pmo);
  await status(pmo).filter({ hasText: /^Live/ }).waitFor();

  // An empty browser joins and receives the PMO's workspace.
  const pm = (await newPage(browser)).page;
  await open(pm, server.url, '#/data');
  await name(pm, 'Ben');
  await connect(pm);
  await status(pm).filter({ hasText: /^Live/ }).waitFor();
  await pm.locator('.org-name').filter({ hasText: 'Northwind Group' }).waitFor();
  await saved(pm);
  const pmoData = (await readStored(pmo)).workspace;
  assert.equal((await readStored(pm)).workspace.projects.length, pmoData.projects.length);
  // Presence: each sees the other.
  await status(pmo).filter({ hasText: 'also here: Ben' }).waitFor();
  await status(pm).filter({ hasText: 'also here: Amara' }).waitFor();
  assert.match(await pmo.getByRole('link', { name: /^Live · 1 here\. Also here: Ben$/ }).textContent(), /Live · 1 here/);
  await pmo.evaluate(axeSource);
  const axe = await pmo.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  assert.deepEqual(axe.violations.map((v) => v.id), [], 'the Data page with live sync on');

  // Both edit at once: the organisation's name here, a currency there.
  await pmo.getByLabel('Organisation name').fill('Northwind Live');
  await pmo.getByLabel('Organisation name').blur();
  await pm.getByLabel('Currency').fill('GBP');
  await pm.getByLabel('Currency').blur();
  for (const p of [pmo, pm]) await p.locator('.org-name').filter({ hasText: 'Northwind Live' }).waitFor();
  await saved(pmo);
  await saved(pm);
  await until(pm, async () => JSON.parse(await window.wasmBindings.stored_json()).workspace.organisation.name === 'Northwind Live');
  await until(pmo, async () => JSON.parse(await window.wasmBindings.stored_json()).workspace.organisation.currency === 'GBP');

  // Both edit the same project at once (its name here, its % complete there), and one moves
  // a person in the org chart meanwhile: every change reaches both.
  const ws0 = (await readStored(pmo)).workspace;
  const proj = ws0.projects[0];
  const mover = ws0.people.find((p) => p.id === 'pm-1');
  const boss = ws0.people.find((p) => p.id === 'pmo-mgr');
  assert.notEqual(mover.manager_id, boss.id);
  const pc = proj.percent_complete === 61 ? 62 : 61;
  await pmo.goto(server.url + `#/project/${encodeURIComponent(proj.id)}`);
  await pm.goto(server.url + `#/project/${encodeURIComponent(proj.id)}`);
  await editDetails(pmo);
  await editDetails(pm);
  await pmo.getByLabel('Project name', { exact: true }).fill('Renamed while live');
  await pm.getByLabel('% complete', { exact: true }).fill(String(pc));
  await pmo.getByLabel('Project name', { exact: true }).blur();
  await pm.getByLabel('% complete', { exact: true }).blur();
  await pmo.goto(server.url + '#/org');
  await pmo.getByLabel('Search people').fill(mover.name);
  await pmo.getByRole('treeitem', { name: new RegExp(`^${mover.name} `) }).click();
  const panel = pmo.getByRole('complementary', { name: mover.name });
  await panel.getByLabel('Move to (new manager)').fill(`${boss.name} — ${boss.title}`);
  await panel.getByRole('button', { name: 'Move', exact: true }).click();
  for (const p of [pmo, pm]) {
    await until(p, async ([id, pc, who, to]) => {
      const ws = JSON.parse(await window.wasmBindings.stored_json()).workspace;
      const x = ws.projects.find((q) => q.id === id);
      return x.name === 'Renamed while live' && x.percent_complete === pc && ws.people.find((q) => q.id === who).manager_id === to;
    }, [proj.id, pc, mover.id, boss.id], { timeout: 10000 });
  }
  await pmo.goto(server.url + '#/data');
  await pm.goto(server.url + '#/data');
  await status(pmo).filter({ hasText: /^Live/ }).waitFor();

  // A figure, not a timed assertion: from the moment an edit is committed in one browser
  // until the other shows it, through the server (commit mark to the header's text).
  const took = [];
  for (const ch of 'ABCDEFGHIJ') {
    const shown = pm.evaluate((c) => new Promise((ok) => {
      const el = document.querySelector('.org-name');
      const obs = new MutationObserver(() => {
        if (el.textContent.endsWith(c)) { obs.disconnect(); ok(performance.timeOrigin + performance.now()); }
      });
      obs.observe(el, { subtree: true, childList: true, characterData: true });
    }), ch);
    const field = pmo.getByLabel('Organisation name');
    await field.press('End');
    await field.pressSequentially(ch);
    await field.blur();
    const at = await shown;
    const committed = await pmo.evaluate(() => {
      const m = performance.getEntriesByName('pmo:commit');
      const last = m[m.length - 1];
      return performance.timeOrigin + last.startTime + last.duration;
    });
    took.push(at - committed);
  }
  took.sort((x, y) => x - y);
  console.log(`an edit reaches the other browser through the sync server: median ${took[5].toFixed(0)} ms, max ${took[9].toFixed(0)} ms (${took.map((t) => t.toFixed(0)).join(', ')})`);

  // The server goes away: both say so and keep working; it comes back: they catch up.
  await stopSync();
  await status(pmo).filter({ hasText: 'Offline' }).waitFor();
  await status(pm).filter({ hasText: 'Offline' }).waitFor();
  await pmo.getByLabel('Organisation name').fill('Northwind Offline');
  await pmo.getByLabel('Organisation name').blur();
  await saved(pmo);
  sync = await startSync();
  await status(pmo).filter({ hasText: /^Live/ }).waitFor({ timeout: 40000 });
  await pm.locator('.org-name').filter({ hasText: 'Northwind Offline' }).waitFor({ timeout: 40000 });

  // A workspace made apart (the demo loaded in another browser) is refused.
  const other = (await withDemo(browser, server, '#/data')).page;
  await connect(other);
  await status(other).filter({ hasText: 'made apart' }).waitFor();
  assert.equal((await readStored(other)).workspace.organisation.name, 'Northwind Group');
  // While the server was down, the browser itself logs each refused reconnection: expected.
  const outage = /^WebSocket connection to '.*' failed: .*ERR_CONNECTION_REFUSED$/;
  for (const p of [pmo, pm, other]) assert.deepEqual(p.errors.filter((e) => !outage.test(e)), []);
});

test('a server of another protocol version is named, and damaged messages are dropped', async () => {
  // A stand-in for a newer server on the same address: it accepts the token, sends bytes that
  // are not a message, then announces version 2 of the sync protocol.
  await stopSync();
  const { WebSocketServer } = (await import('node:module')).createRequire(join(ROOT, 'sync-server', 'package.json'))('ws');
  const fake = new WebSocketServer({ host: '127.0.0.1', port: PORT });
  const name = (s) => [s.length, ...Buffer.from(s)];
  fake.on('connection', (ws) => {
    ws.once('message', () => {
      ws.send(Buffer.from([...name('northwind'), 2, 2, ...name('read-write')]));
      ws.send(Buffer.from([...name('northwind'), 0, 1, 0xff, 0xff, 0xff, 0xff, 0x0f]));
      ws.send(Buffer.from([...name('elsewhere'), 3]));
      const hello = '{"app":"pmo-workbench-sync","version":2}';
      ws.send(Buffer.from([...name('northwind'), 5, ...name(hello)]));
    });
  });
  try {
    const page = (await withDemo(browser, server, '#/data')).page;
    await connect(page);
    await status(page).filter({ hasText: 'newer version of PMO Workbench' }).waitFor();
    // The tab keeps working: an edit is stored as ever.
    await page.getByLabel('Organisation name').fill('Still working');
    await page.getByLabel('Organisation name').blur();
    await saved(page);
    assert.equal((await readStored(page)).workspace.organisation.name, 'Still working');
    assert.deepEqual(page.errors, []);
  } finally {
    await new Promise((ok) => fake.close(ok));
  }
});
