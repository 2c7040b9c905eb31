// Take the README screenshots from the release build: `node scripts/screenshot.mjs`.
import { serve, launch, newPage, open, saved } from '../tests/e2e/harness.mjs';

const server = await serve();
const browser = await launch();
const { page } = await newPage(browser);
await page.setViewportSize({ width: 1280, height: 760 });
await open(page, server.url);
await page.getByRole('button', { name: 'Load demo organisation' }).click();
await saved(page);
const shots = [['#/', 'docs/screenshot.png'], ['#/portfolio', '/tmp/shot-portfolio.png'], ['#/org', '/tmp/shot-org.png'], ['#/data', '/tmp/shot-data.png']];
for (const [hash, file] of shots) {
  await page.goto(server.url + hash);
  await page.locator('main h1').waitFor();
  await page.screenshot({ path: file });
}
await page.emulateMedia({ colorScheme: 'dark' });
await page.goto(server.url + '#/data');
await page.locator('main h1').waitFor();
await page.screenshot({ path: '/tmp/shot-dark.png' });
await browser.close();
await server.close();
