// Take the README screenshots from the release build: `node scripts/screenshot.mjs`.
import { serve, launch, newPage, open, saved } from '../tests/e2e/harness.mjs';

const server = await serve();
const browser = await launch();
const { page } = await newPage(browser);
await page.setViewportSize({ width: 1280, height: 760 });
await open(page, server.url);
await page.getByRole('button', { name: 'Load demo organisation' }).click();
await saved(page);
const shots = [
  ['#/', 'docs/screenshot.png'],
  ['#/', '/tmp/shot-dashboard-full.png', true],
  ['#/portfolio', '/tmp/shot-portfolio.png'],
  ['#/portfolio/priorities', '/tmp/shot-priorities.png', true],
  ['#/portfolio/roadmap', '/tmp/shot-roadmap.png', true],
  ['#/report', '/tmp/shot-report.png', true],
  ['#/org', '/tmp/shot-org.png'],
  ['#/org', '/tmp/shot-org-full.png', true],
  ['#/data', '/tmp/shot-data.png'],
  ['#/assessment', '/tmp/shot-assessment.png', true],
  ['#/assessment/a-003', '/tmp/shot-take.png'],
  ['#/assessment/a-003/results', '/tmp/shot-results.png', true],
  ['#/assessment/a-004/results', '/tmp/shot-type.png', true],
  ['#/setup', '/tmp/shot-setup.png', true],
  ['#/setup/routines', '/tmp/shot-routines.png', true],
  ['#/setup/charter', '/tmp/shot-charter.png', true],
  ['#/roles', '/tmp/shot-roles.png', true],
  ['#/roles?role=pmo-analyst&person=pmo-an-1', '/tmp/shot-roles-person.png', true],
];
for (const [hash, file, fullPage] of shots) {
  await page.goto(server.url + hash);
  await page.locator('main h1').waitFor();
  await page.screenshot({ path: file, fullPage: !!fullPage });
}
await page.goto(server.url + '#/report');
await page.locator('main h1').waitFor();
await page.emulateMedia({ media: 'print' });
await page.screenshot({ path: '/tmp/shot-report-print.png', fullPage: true });
await page.pdf?.({ path: '/tmp/report.pdf' }).catch(() => {});
await page.goto(server.url + '#/assessment/a-003/results');
await page.locator('main h1').waitFor();
await page.screenshot({ path: '/tmp/shot-results-print.png', fullPage: true });
await page.goto(server.url + '#/setup/charter');
await page.locator('article.charter').waitFor();
await page.screenshot({ path: '/tmp/shot-charter-print.png', fullPage: true });
await page.emulateMedia({ media: 'screen' });
await page.emulateMedia({ colorScheme: 'dark' });
await page.goto(server.url + '#/data');
await page.locator('main h1').waitFor();
await page.screenshot({ path: '/tmp/shot-dark.png' });
await browser.close();
await server.close();
