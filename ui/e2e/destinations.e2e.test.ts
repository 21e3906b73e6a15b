/**
 * "Send to a webhook" in real headless Chromium against a real `liveseg dev` (NATS, a worker that
 * delivers, the gateway): create a destination from the report page, copy its secret from the
 * page, let a user enter, and see the delivery counted; the receiver verifies the signature with
 * the `standardwebhooks` library.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../../actors/destinations/e2e/receiver.ts';
import { ARTIFACTS, type DevSystem, ensureBuilt, startBrowser, startDev } from './harness.ts';

let dev: DevSystem;
let browser: Awaited<ReturnType<typeof startBrowser>>;
let page: Page;
let receiver: Receiver;
let secret: string | undefined;

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${dev.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => undefined) };
};

describe('webhooks from the report page in Chromium', () => {
  beforeAll(async () => {
    ensureBuilt();
    mkdirSync(ARTIFACTS, { recursive: true });
    [dev, browser, receiver] = await Promise.all([startDev(), startBrowser(), startReceiver(() => secret)]);
    page = browser.page;
  }, 120_000);

  afterAll(async () => {
    await browser?.stop();
    await dev?.stop();
    await receiver?.stop();
  }, 30_000);

  it('creates a destination for the segment and counts a delivery after a user enters', async () => {
    const seg = await api('POST', '/v1/segments', { name: 'Signed up', trigger: { kind: 'action', event: 'Signed Up' } });
    expect(seg.status).toBe(201);
    await page.goto(`${dev.url}/#/segments/${encodeURIComponent(seg.json.id)}`);

    const webhooks = page.locator('liveseg-destinations');
    await webhooks.getByRole('button', { name: 'Add webhook' }).click();
    await webhooks.locator('#wh-url').fill(receiver.url);
    await webhooks.getByRole('button', { name: 'Create' }).click();
    const shown = webhooks.locator('[data-secret] .snippet code');
    secret = (await shown.textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await webhooks.getByRole('button', { name: 'Copy signing secret' }).waitFor();

    // The send-test button reaches the receiver, signed.
    await webhooks.getByRole('button', { name: 'Send test' }).click();
    await expect.poll(async () => webhooks.locator('[data-test-result]').textContent(), { timeout: 15_000 }).toContain('Test delivered');

    expect((await api('POST', '/v1/events', [{ userId: 'ana@example.com', name: 'Signed Up' }])).status).toBe(202);
    const delivered = webhooks.locator('[data-count=delivered]');
    await expect.poll(async () => delivered.textContent(), { timeout: 30_000 }).toContain('1 delivered');
    await webhooks.locator('table[aria-label="Recent deliveries"] td', { hasText: ':ana@example.com:1' }).waitFor();

    const entries = receiver.received.filter((r) => r.body?.type === 'segment.entry');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      verified: true,
      body: { data: { userId: 'ana@example.com', segmentId: seg.json.id, segmentName: 'Signed up' } },
    });
    expect(receiver.unverified).toBe(0);
    // The secret is never shown again: not in the list, not after dismissing.
    await webhooks.getByRole('button', { name: 'Done' }).click();
    expect(await page.content()).not.toContain(secret);

    await webhooks.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, 'destinations.png'), fullPage: true });
  }, 90_000);
});
