// The live-sync server of PMO Workbench: Hocuspocus 3 with SQLite persistence, listening on
// localhost unless told otherwise, checking a shared-secret token in onAuthenticate, and
// announcing the app's sync protocol version to each client after it authenticated.
//
// Settings (environment):
// - PMO_SYNC_TOKEN  the shared secret every client must send (required; scripts/sync-server.sh
//                   makes one and prints it when none is given)
// - PMO_SYNC_HOST   address to listen on (default 127.0.0.1: this machine only)
// - PMO_SYNC_PORT   port (default 1234)
// - PMO_SYNC_DB     SQLite file (default sync-server/data/pmo-sync.sqlite)
// - PMO_SYNC_REDIS  redis://host:port to share documents with other instances (optional)
//
// Who may change what: every client holding the token may read and edit the whole workspace.
// Per-user permissions would go in onAuthenticate: map the token (or a signed per-user token)
// to a user, put it in the context, and set `connectionConfig.readOnly` for readers; a hook
// such as beforeHandleMessage could then refuse changes outside what that user may edit.
import { timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Server } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

/** The app's own protocol over Hocuspocus: a client that reads another version says so. */
export const PROTOCOL = { app: 'pmo-workbench-sync', version: 1 };

const here = dirname(fileURLToPath(import.meta.url));
const env = process.env;
const token = env.PMO_SYNC_TOKEN ?? '';
if (token.length < 8) {
  console.error('PMO_SYNC_TOKEN must be set to a shared secret of at least 8 characters.');
  process.exit(2);
}
const host = env.PMO_SYNC_HOST || '127.0.0.1';
const port = Number(env.PMO_SYNC_PORT || 1234);
const database = resolve(env.PMO_SYNC_DB || `${here}/data/pmo-sync.sqlite`);
mkdirSync(dirname(database), { recursive: true });

const same = (a, b) => {
  const x = Buffer.from(String(a));
  const y = Buffer.from(String(b));
  return x.length === y.length && timingSafeEqual(x, y);
};

const extensions = [new SQLite({ database })];
if (env.PMO_SYNC_REDIS) {
  const { Redis } = await import('@hocuspocus/extension-redis');
  const url = new URL(env.PMO_SYNC_REDIS);
  extensions.push(new Redis({ host: url.hostname, port: Number(url.port || 6379), prefix: 'pmo-workbench' }));
}

const server = new Server({
  name: `pmo-sync-${port}`,
  address: host,
  port,
  quiet: true,
  extensions,
  async onAuthenticate({ token: given }) {
    if (!same(given, token)) throw new Error('The token is not this server’s');
  },
  async connected({ connection }) {
    connection.sendStateless(JSON.stringify(PROTOCOL));
  },
}, {
  // A workspace of 10 000 projects is about 20 MB as one update: allow it, refuse more.
  maxPayload: 64 * 1024 * 1024,
});

await server.listen();
console.log(`PMO Workbench sync server on ws://${host}:${port} (SQLite ${database}${env.PMO_SYNC_REDIS ? `, Redis ${env.PMO_SYNC_REDIS}` : ''})`);
// Hocuspocus stops cleanly on SIGINT and SIGTERM (stopOnSignals), storing what it holds.
