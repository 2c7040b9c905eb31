// The working month on a 390 × 844 phone: tiles stack and open the register, the org chart
// draws with its tools in reach, the guide's steps stack above the step, the report reads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, newPage, open, saved } from './harness.mjs';

let server, browser;
before(async () => { server = await serve(); browser = await launch(); });
after(async () => { await browser?.close(); await server?.close(); });

async function phone() {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const { page } = await newPage(browser, ctx);
  await open(page, server.url, '#/data');
  await page.getByRole('button', { name: 'Load demo organisation' }).click();
  await saved(page);
  await page.getByRole('button', { name: 'Not now' }).click();
  return { ctx, page };
}

const fits = (page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

test('on a phone: the dashboard tiles stack and each opens its projects', async () => {
  const { ctx, page } = await phone();
  await page.goto(server.url + '#/dashboard');
  const tiles = page.getByRole('link', { name: /^(Active projects|At risk or off track|Budget|Overdue projects|Gates due)/ });
  await tiles.first().waitFor();
  const boxes = await Promise.all((await tiles.all()).map((t) => t.boundingBox()));
  assert.ok(boxes.length >= 5);
  for (let i = 1; i < boxes.length; i++) assert.ok(boxes[i].y >= boxes[i - 1].y + boxes[i - 1].height - 1, 'one tile per row');
  await page.getByRole('link', { name: /^Overdue projects/ }).click();
  await page.getByText('Overdue projects: active, past their end date').waitFor();
  assert.ok(await fits(page));
  await ctx.close();
});

test('on a phone: the org chart draws, its tools wrap, and a found person opens', async () => {
  const { ctx, page } = await phone();
  await page.goto(server.url + '#/org');
  const tree = page.getByRole('tree', { name: 'Org chart' });
  await tree.waitFor();
  assert.ok(await fits(page));
  const stage = await page.locator('.org-stage').boundingBox();
  assert.ok(stage.width <= 390 && stage.height >= 400, `${stage.width} × ${stage.height}`);
  await page.getByRole('button', { name: 'More tools' }).click();
  await page.getByRole('button', { name: 'Export SVG' }).waitFor();
  assert.ok(await fits(page), 'the second row of tools wraps');
  await page.getByLabel('Search people').fill('PMO Manager');
  await page.getByRole('status').filter({ hasText: /^1 of \d+: .+ — PMO Manager$/ }).waitFor();
  assert.ok(await fits(page));
  await ctx.close();
});

test('on a phone: the guide lists its steps above the step, and the report reads top to bottom', async () => {
  const { ctx, page } = await phone();
  await page.goto(server.url + '#/setup');
  const steps = page.getByRole('button', { name: /^Step 1: Objectives/ });
  const heading = page.getByRole('heading', { level: 2, name: /^Step 7 of 7/ });
  await heading.waitFor();
  const [s, h] = [await steps.boundingBox(), await heading.boundingBox()];
  assert.ok(h.y > s.y + s.height, 'the step comes below the list of steps');
  assert.ok(h.width > 250, `the step has the width of the screen (${h.width} px)`);
  assert.ok(await fits(page));
  await page.goto(server.url + '#/report');
  await page.getByRole('heading', { level: 1, name: 'Monthly PMO report' }).waitFor();
  await page.getByRole('heading', { name: /^Exceptions/ }).waitFor();
  assert.ok(await fits(page));
  await ctx.close();
});
