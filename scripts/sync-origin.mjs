// The sync server a build may connect to (PMO_SYNC_ORIGIN at build time): added to the
// Content-Security-Policy's connect-src, and named in a meta tag the app reads. Without one,
// the policy allows only the page's own origin and the app connects to nothing.

/** `origin` checked: a ws:// or wss:// origin (no path), or an error. */
export function checkedOrigin(origin) {
  const u = new URL(origin);
  if (!['ws:', 'wss:'].includes(u.protocol) || (u.pathname !== '/' && u.pathname !== '') || u.search || u.hash) {
    throw new Error(`PMO_SYNC_ORIGIN must be a ws:// or wss:// origin such as wss://sync.example.org, not ${origin}`);
  }
  return `${u.protocol}//${u.host}`;
}

/** `html` (a built index.html, its policy in place) allowed to connect to `origin`. */
export function withSyncOrigin(html, origin) {
  const o = checkedOrigin(origin);
  if (!html.includes("connect-src 'self'")) throw new Error('index.html has no connect-src to extend');
  return html
    .replace("connect-src 'self'", `connect-src 'self' ${o}`)
    .replace('</head>', `<meta name="pmo-sync-origin" content="${o}">\n</head>`);
}
