// A static server for the built app: serves dist/ and, when the browser accepts it, the
// precompressed copy of a file (`.br`, else `.gz`, written by scripts/postbuild.mjs) with the
// right Content-Encoding, as a host with precompressed serving would.
// Usage: node scripts/serve.mjs [dir] [port]   (localhost only)
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Content types of the build's files (the e2e harness's server uses the same). */
export const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
};

async function isFile(p) {
  try {
    return (await stat(p)).isFile();
  } catch {
    return false;
  }
}

/**
 * Serve `dir` on `port` (0: any free port) at 127.0.0.1; resolves to the server and its URL.
 * `encodings` are the precompressed copies it may send, best first (none: plain files only).
 */
export async function start(dir, port = 8080, { encodings = ['br', 'gzip'] } = {}) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, 'http://localhost');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = normalize(join(root, rel));
    if (!file.startsWith(root) || !(await isFile(file))) {
      res.writeHead(404).end('not found');
      return;
    }
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
      vary: 'Accept-Encoding',
    };
    let body = file;
    for (const [enc, ext] of [['br', '.br'], ['gzip', '.gz']].filter(([e]) => encodings.includes(e))) {
      if (new RegExp(`\\b${enc}\\b`).test(accepts) && (await isFile(file + ext))) {
        headers['content-encoding'] = enc;
        body = file + ext;
        break;
      }
    }
    res.writeHead(200, headers);
    res.end(await readFile(body));
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', ok));
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await start(process.argv[2] ?? 'dist', Number(process.argv[3] ?? 8080));
  console.log(`PMO Workbench is served at ${url}  (Ctrl+C stops it)`);
}
