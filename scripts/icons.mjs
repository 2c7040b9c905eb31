// Draw the app icons (PNG sizes browsers want for installing) from public/favicon.svg with the
// system Chromium: `node scripts/icons.mjs`. The PNGs are committed; run this after changing the SVG.
import { readFile } from 'node:fs/promises';
import { launch } from '../tests/e2e/harness.mjs';

const svg = await readFile(new URL('../public/favicon.svg', import.meta.url), 'utf8');
const browser = await launch();
const page = await browser.newPage();
// `any` icons fill the square; the maskable one keeps the mark inside the 80 % safe zone.
const shots = [
  [192, 'icon-192.png', false],
  [512, 'icon-512.png', false],
  [512, 'icon-maskable-512.png', true],
  [180, 'apple-touch-icon.png', false],
];
for (const [size, name, maskable] of shots) {
  await page.setViewportSize({ width: size, height: size });
  const inner = maskable ? Math.round(size * 0.7) : size;
  const body = maskable
    ? `<div style="width:${size}px;height:${size}px;background:#1f4e8c;display:grid;place-items:center">${svg.replace('<svg ', `<svg width="${inner}" height="${inner}" `)}</div>`
    : svg.replace('<svg ', `<svg width="${size}" height="${size}" `);
  await page.setContent(`<html><body style="margin:0;background:transparent">${body}</body></html>`);
  await page.screenshot({ path: new URL(`../public/icons/${name}`, import.meta.url).pathname, omitBackground: true });
}
await browser.close();
