/**
 * The marketer UI in real headless Chromium against a real `liveseg dev` (NATS, worker, gateway
 * serving ui/dist): build an inaction segment in the form, send events over HTTP, and watch the
 * user enter live without a reload.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, type DevSystem, ensureBuilt, startBrowser, startDev } from './harness.ts';

let dev: DevSystem;
let browser: Awaited<ReturnType<typeof startBrowser>>;
let page: Page;
/** The segment the builder test created. */
let segmentId = '';

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${dev.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => undefined) };
};

const shot = async (name: string) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
};

describe('marketer UI in Chromium', () => {
  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    [dev, browser] = await Promise.all([startDev(), startBrowser()]);
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.stop();
    await dev?.stop();
  }, 30_000);

  it('creates an inaction segment in the builder and shows a user entering live', async () => {
    await page.goto(`${dev.url}/#/segments`);
    await page.getByText('No segments yet').waitFor();

    await page.getByRole('link', { name: 'Segment', exact: true }).click();
    await page.waitForURL(/#\/segments\/new$/);
    await page.getByText('Inaction within time').click();
    await page.getByLabel('User did').fill('Added To Cart');
    await page.getByLabel('But did not do').fill('Charged');
    await page.getByLabel('Within: amount').fill('0');
    await page.getByRole('button', { name: 'Save segment' }).click();

    // The problem is shown next to the field it concerns, and the form is not sent.
    const withinError = page.locator('[data-error-for="trigger.within"]');
    await expect.poll(() => withinError.textContent()).toContain('must be positive');
    expect(await page.getByLabel('Within: amount').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[data-error-for="name"]').textContent()).toContain('is required');
    await shot('builder-errors');

    await page.getByLabel('Within: amount').fill('2');
    await page.getByLabel('Within: unit').selectOption('s');
    await page.getByLabel('Segment name').fill('Cart but no charge within 2 seconds');
    await expect
      .poll(() => page.getByTestId('description').textContent())
      .toContain('Users who did Added To Cart and did not do Charged within 2 seconds.');
    expect(await withinError.count()).toBe(0);
    await shot('builder');

    await page.getByRole('button', { name: 'Save segment' }).click();
    await page.waitForURL(/#\/segments\/sg_/);
    const id = (segmentId = decodeURIComponent(page.url().split('#/segments/')[1]!));
    await page.getByRole('heading', { level: 1, name: 'Cart but no charge within 2 seconds' }).waitFor();
    await page.locator('.live.on').waitFor();
    await page.evaluate(() => {
      (window as unknown as { noReload: boolean }).noReload = true;
    });

    const rate = page.locator('liveseg-rate-chart');
    await expect.poll(async () => Number(await rate.getAttribute('data-samples')), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);

    expect(
      (await api('POST', '/v1/profiles', { userId: 'maya.patel@example.com', props: { email: 'maya@example.com', push_token: 'tok' } }))
        .status,
    ).toBe(202);
    expect(
      (await api('POST', '/v1/events', [{ userId: 'maya.patel@example.com', name: 'Added To Cart', props: { price: 120 } }])).status,
    ).toBe(202);
    // Another user pays in time: no entry for them.
    expect(
      (
        await api('POST', '/v1/events', [
          { userId: 'u-paid', name: 'Added To Cart' },
          { userId: 'u-paid', name: 'Charged' },
        ])
      ).status,
    ).toBe(202);

    const row = page.locator('liveseg-live-users li[data-user-id="maya.patel@example.com"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('[role=img]').getAttribute('aria-label')).toBe('Reachable by Email, Mobile push');
    await expect.poll(async () => Number(await rate.getAttribute('data-entries')), { timeout: 10_000 }).toBeGreaterThanOrEqual(1);
    await rate.locator('canvas').first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    expect(await page.locator('liveseg-live-users li').count()).toBe(1);
    await expect.poll(async () => page.locator('[data-stat=members] .v').textContent(), { timeout: 15_000 }).toBe('1');

    await page.getByRole('button', { name: 'View segment definition' }).click();
    expect(JSON.parse((await page.getByTestId('definition-json').textContent())!)).toMatchObject({
      trigger: { kind: 'inaction', within: '2s' },
    });
    await page.getByRole('button', { name: 'Hide segment definition' }).click();
    await page.waitForTimeout(1500);
    await shot('report');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(300);
    await shot('report-narrow');
    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await api('GET', `/v1/segments/${id}/members`)).json.users.map((u: { userId: string }) => u.userId)).toEqual([
      'maya.patel@example.com',
    ]);
  }, 90_000);

  it('filters the segment list as you type', async () => {
    expect(
      (
        await api('POST', '/v1/segments', {
          name: 'Visited pricing page',
          trigger: { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await api('POST', '/v1/segments', {
          name: 'Arrived from Google',
          trigger: { kind: 'referrer', referrer: { op: 'contains', value: 'google.' } },
        })
      ).status,
    ).toBe(201);
    await page.getByRole('link', { name: 'Segments' }).first().click();
    const rows = page.locator('liveseg-segment-list tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    await shot('list');
    await page.getByLabel('Search segments by name').fill('CART');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Cart but no charge within 2 seconds');
    expect(await rows.first().textContent()).toContain('1');
    expect(page.url()).toContain('#/segments?q=CART');
    await page.getByLabel('Search segments by name').fill('zzz');
    await page.getByText('No segments match “zzz”').waitFor();
  }, 30_000);

  it('embeds the report in another page through the library entry liveseg.js', async () => {
    // A page of "another app" (same origin here: `liveseg dev` sends no CORS headers).
    await page.route(`${dev.url}/embed.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html><head><title>Embed</title><link rel="icon" href="data:,">
        <script type="module" src="${dev.url}/liveseg.js"></script></head>
        <body><h2>Our CRM</h2><liveseg-report segment-id="${segmentId}" api-base="${dev.url}"
          api-key="unused-on-an-open-gateway"></liveseg-report></body></html>`,
      }),
    );
    await page.goto(`${dev.url}/embed.html`);
    await page.getByRole('heading', { level: 1, name: 'Cart but no charge within 2 seconds' }).waitFor();
    await page.locator('liveseg-report .live.on').waitFor();
    await page.locator('liveseg-live-users li[data-user-id="maya.patel@example.com"]').waitFor();
    // A string, so the test runner does not rewrite the page's dynamic import.
    const exported = await page.evaluate<string[]>("import('/liveseg.js').then((m) => Object.keys(m))");
    expect(exported).toEqual(expect.arrayContaining(['ApiClient', 'LivesegReport', 'LivesegSegmentList']));
  }, 30_000);

  it('logged no console errors', () => {
    expect(browser.errors).toEqual([]);
  });
});
