// The sync server as a PMO deploys it (sync-server/server.mjs, started as scripts/sync-server.sh
// does), with Yjs clients of the Hocuspocus provider standing in for browsers:
// - one instance with SQLite: clients converge, a wrong token is refused, what was synced
//   survives a restart of the server;
// - two instances sharing a Redis server (Debian's redis-server, started here): a client on
//   each converges with the other;
// - the protocol announcement every client receives after authenticating.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(join(ROOT, 'sync-server', 'package.json'));
const Y = require('yjs');
const { HocuspocusProvider, HocuspocusProviderWebsocket } = require('@hocuspocus/provider');
const WebSocket = require('ws');
const sqlite3 = require('sqlite3');

/** The stored state of document `name` in the SQLite file `file` (null when none is). */
function storedState(file, name) {
  return new Promise((ok) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (e) => {
      if (e) return ok(null);
      db.get('SELECT data FROM "documents" WHERE name = ? ORDER BY rowid DESC', [name], (err, row) => {
        db.close();
        ok(err || !row ? null : row.data);
      });
    });
  });
}

const TOKEN = 'test-shared-secret';
let dir;
const running = new Set();

before(() => { dir = mkdtempSync(join(tmpdir(), 'pmo-sync-')); });
after(() => {
  for (const p of running) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Start a process and wait until it prints `ready` (a regular expression). */
function start(cmd, args, env, ready) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let out = '';
  return new Promise((resolve, reject) => {
    const look = (d) => {
      out += d;
      if (ready.test(out)) resolve(child);
    };
    child.stdout.on('data', look);
    child.stderr.on('data', look);
    child.on('exit', (code) => reject(new Error(`${cmd} ended (${code}) before it was ready:\n${out}`)));
  });
}

function server(port, extra = {}) {
  return start('node', [join(ROOT, 'sync-server', 'server.mjs')], {
    PMO_SYNC_TOKEN: TOKEN,
    PMO_SYNC_PORT: String(port),
    PMO_SYNC_DB: join(dir, `sync-${port}.sqlite`),
    ...extra,
  }, /PMO Workbench sync server on/);
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const ended = new Promise((ok) => child.on('exit', ok));
  child.kill('SIGTERM');
  await ended;
}

/** A client of document `name` on `port`, synced; `messages` collects stateless messages. */
async function client(port, { token = TOKEN, name = 'pmo' } = {}) {
  const doc = new Y.Doc();
  const messages = [];
  const socket = new HocuspocusProviderWebsocket({ url: `ws://127.0.0.1:${port}`, WebSocketPolyfill: WebSocket });
  let failed;
  const synced = new Promise((ok, fail) => { failed = fail; });
  const provider = new HocuspocusProvider({
    websocketProvider: socket,
    name,
    document: doc,
    token,
    onStateless: ({ payload }) => messages.push(payload),
    onAuthenticationFailed: ({ reason }) => failed(new Error(`refused: ${reason}`)),
  });
  provider.attach();
  const close = () => { provider.destroy(); socket.destroy(); };
  try {
    await Promise.race([new Promise((ok) => provider.on('synced', ok)), synced]);
  } catch (e) {
    close();
    throw e;
  }
  return { doc, provider, messages, close };
}

/** Wait until `check()` holds (polled; each client applies changes as they arrive). */
async function until(check, what, ms = 10000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('one instance with SQLite: clients converge, a wrong token is refused, data survives a restart', async () => {
  let s = await server(41234);
  const a = await client(41234);
  const b = await client(41234);
  assert.deepEqual(a.messages.map((m) => JSON.parse(m)), [{ app: 'pmo-workbench-sync', version: 1 }]);
  a.doc.getMap('projects').set('p-1', 'from a');
  b.doc.getMap('projects').set('p-2', 'from b');
  await until(() => a.doc.getMap('projects').size === 2 && b.doc.getMap('projects').size === 2, 'both changes on both clients');
  assert.deepEqual(a.doc.getMap('projects').toJSON(), b.doc.getMap('projects').toJSON());
  await assert.rejects(client(41234, { token: 'not-the-token' }), /refused/);
  a.close();
  b.close();
  // Once the server has stored both changes, it stops and starts again: a new client gets
  // everything from the SQLite file.
  const file = join(dir, 'sync-41234.sqlite');
  let stored = null;
  const end = Date.now() + 10000;
  while (Date.now() < end) {
    const data = await storedState(file, 'pmo');
    if (data) {
      const d = new Y.Doc();
      Y.applyUpdate(d, data);
      if (d.getMap('projects').size === 2) { stored = d; break; }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(stored, 'both changes are stored in SQLite');
  await stop(s);
  s = await server(41234);
  const c = await client(41234);
  await until(() => c.doc.getMap('projects').size === 2, 'the stored workspace after a restart');
  assert.deepEqual(c.doc.getMap('projects').toJSON(), { 'p-1': 'from a', 'p-2': 'from b' });
  c.close();
  await stop(s);
});

test('two instances sharing Redis: a client on each converges with the other', async () => {
  const redis = await start('redis-server', ['--port', '46379', '--save', '', '--appendonly', 'no'], {}, /Ready to accept connections/);
  const one = await server(41235, { PMO_SYNC_REDIS: 'redis://127.0.0.1:46379' });
  const two = await server(41236, { PMO_SYNC_REDIS: 'redis://127.0.0.1:46379' });
  const a = await client(41235, { name: 'shared' });
  const b = await client(41236, { name: 'shared' });
  a.doc.getMap('people').set('ann', 'on instance one');
  b.doc.getMap('people').set('ben', 'on instance two');
  await until(() => a.doc.getMap('people').size === 2 && b.doc.getMap('people').size === 2, 'both instances’ changes on both clients');
  assert.deepEqual(a.doc.getMap('people').toJSON(), b.doc.getMap('people').toJSON());
  a.close();
  b.close();
  await stop(one);
  await stop(two);
  await stop(redis);
});
