// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { $, fakeGateway, mount, shadowText, sseResponse, stubBrowser, until } from './testing/dom.ts';
import './liveseg-report.ts';
import type { LivesegReport } from './liveseg-report.ts';

const SEGMENT = {
  id: 'sg_1',
  name: 'Added to cart but no charge within 10 minutes',
  kind: 'inaction',
  createdAt: Date.UTC(2026, 10, 20, 15),
  definition: {
    name: 'Added to cart but no charge within 10 minutes',
    trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '10m' },
  },
  description: 'Users who did Added To Cart and did not do Charged within 10 minutes.',
};
const REACH = { email: true, sms: false, whatsapp: false, push: true, web_push: false };
const REPORT = {
  daily: [
    { day: '2026-11-21', count: 12 },
    { day: '2026-11-22', count: 30 },
  ],
  reachability: {
    total: 40,
    channels: {
      email: { reachable: 30, pct: 75 },
      sms: { reachable: 10, pct: 25 },
      whatsapp: { reachable: 0, pct: 0 },
      push: { reachable: 20, pct: 50 },
      web_push: { reachable: 4, pct: 10 },
    },
  },
  recent: [{ userId: 'old-user', at: Date.now() - 60_000, reach: REACH }],
};

describe('liveseg-report', () => {
  beforeEach(() => stubBrowser());
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  function gateway() {
    let stream: ReturnType<typeof sseResponse> | undefined;
    const gw = fakeGateway({
      'GET /v1/segments/sg_1': () => SEGMENT,
      'GET /v1/segments/sg_1/report': () => REPORT,
      'GET /v1/segments/sg_1/live': ({ signal }) => (stream = sseResponse(signal)).response,
    });
    return { gw, stream: () => until(() => stream) };
  }

  it('shows the name, both charts, reachability, recent users and the do-more row', async () => {
    gateway();
    const el = await mount<LivesegReport>('<liveseg-report segment-id="sg_1"></liveseg-report>');
    await until(() => $(el, 'h1'));
    expect($(el, 'h1')!.textContent).toBe(SEGMENT.name);
    const daily = await until(() => $(el, 'liveseg-daily-chart'));
    await until(() => daily.shadowRoot?.querySelector('.uplot'));
    expect(daily.shadowRoot!.querySelector('[role=img]')!.getAttribute('aria-label')).toContain('42 in total');
    const reach = $(el, 'liveseg-reachability')!;
    await until(() => reach.shadowRoot?.querySelectorAll('[role=meter]').length === 5);
    expect(reach.shadowRoot!.querySelector('[data-channel=email] [role=meter]')!.getAttribute('aria-valuenow')).toBe('75');
    const users = $(el, 'liveseg-live-users')!;
    await until(() => users.shadowRoot?.querySelector('[data-user-id=old-user]'));
    const more = $(el, 'liveseg-do-more')!;
    await until(() => more.shadowRoot?.querySelector('[data-snippet=subject]'));
    expect(more.shadowRoot!.querySelector('[data-snippet=subject]')!.textContent).toBe('liveseg.entries.sg_1');
    expect(more.shadowRoot!.querySelector('[data-snippet=curl]')!.textContent).toContain('/v1/segments/sg_1/live');
  });

  it('toggles the segment definition: description and JSON', async () => {
    gateway();
    const el = await mount<LivesegReport>('<liveseg-report segment-id="sg_1"></liveseg-report>');
    const toggle = await until(() =>
      [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent!.includes('View segment definition')),
    );
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await el.updateComplete;
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(shadowText(el)).toContain(SEGMENT.description);
    expect(JSON.parse($(el, '[data-testid=definition-json]')!.textContent!)).toEqual(SEGMENT.definition);
  });

  it('adds users and rate samples from the live stream without reloading', async () => {
    const { stream } = gateway();
    const el = await mount<LivesegReport>('<liveseg-report segment-id="sg_1"></liveseg-report>');
    const s = await stream();
    await until(() => shadowText(el).includes('Live'));
    const now = Date.now();
    s.send('rate', { t: now - 1000, entries: 0, activeUsers: 5, events: 9 });
    s.send('entry', { userId: 'maya.patel@example.com', at: now, reach: REACH });
    s.send('rate', { t: now, entries: 1, activeUsers: 6, events: 11 });
    const users = $(el, 'liveseg-live-users')!;
    const row = await until(() => users.shadowRoot?.querySelector('li[data-user-id="maya.patel@example.com"]'));
    expect(users.shadowRoot!.querySelector('li')).toBe(row);
    expect(row.querySelector('[role=img]')!.getAttribute('aria-label')).toBe('Reachable by Email, Mobile push');
    const rate = $(el, 'liveseg-rate-chart')!;
    await until(() => rate.dataset.samples === '2');
    expect(rate.dataset.entries).toBe('1');
    await until(() => rate.shadowRoot!.querySelector('.uplot'));
    expect(shadowText(el)).toContain('1 since you opened this page');
  });

  it('shows an error state for a missing segment and stops listening', async () => {
    const gw = fakeGateway({});
    const el = await mount<LivesegReport>('<liveseg-report segment-id="nope"></liveseg-report>');
    await until(() => shadowText(el).includes('Could not open this segment'));
    expect(shadowText(el)).toContain('Not found');
    await new Promise((r) => setTimeout(r, 50));
    expect(gw.calls.filter((c) => c.url.pathname.endsWith('/live')).length).toBeLessThanOrEqual(1);
  });

  it('starts the daily chart on the first complete day and explains an empty one', async () => {
    fakeGateway({
      'GET /v1/segments/sg_1': () => ({ ...SEGMENT, createdAt: Date.UTC(2026, 10, 28, 10) }),
      'GET /v1/segments/sg_1/report': () => ({ ...REPORT, daily: [] }),
      'GET /v1/segments/sg_1/live': ({ signal }) => sseResponse(signal).response,
    });
    const el = await mount<LivesegReport>('<liveseg-report segment-id="sg_1"></liveseg-report>');
    const daily = await until(() => $(el, 'liveseg-daily-chart'));
    await until(() => shadowText(daily).includes('No complete day yet'));
    expect(shadowText(daily)).toContain('Nov 29, 2026');
  });
});
