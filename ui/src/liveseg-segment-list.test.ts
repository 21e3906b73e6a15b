// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { $, fakeGateway, mount, shadowText, stubBrowser, type, until } from './testing/dom.ts';
import './liveseg-segment-list.ts';
import type { LivesegSegmentList } from './liveseg-segment-list.ts';

const SEGMENTS = [
  { id: 'sg_1', name: 'Added to cart but no charge within 10 minutes', kind: 'inaction', createdAt: Date.UTC(2026, 10, 20), members: 1234 },
  { id: 'sg_2', name: 'Visited pricing page', kind: 'page_visit', createdAt: Date.UTC(2026, 10, 21), members: 0 },
];

describe('liveseg-segment-list', () => {
  beforeEach(() => stubBrowser());
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('lists segments with kind, created date and members', async () => {
    fakeGateway({ 'GET /v1/segments': () => ({ segments: SEGMENTS }) });
    const el = await mount<LivesegSegmentList>('<liveseg-segment-list></liveseg-segment-list>');
    await until(() => el.shadowRoot!.querySelectorAll('tbody tr').length === 2);
    const text = shadowText(el);
    expect(text).toContain('Added to cart but no charge within 10 minutes');
    expect(text).toContain('Inaction within time');
    expect(text).toContain('Page visit');
    expect(text).toContain('1,234');
    expect(text).toContain('Nov 20, 2026');
    expect($(el, 'tbody a')!.getAttribute('href')).toBe('#/segments/sg_1');
    expect($(el, 'a.btn.primary')!.getAttribute('href')).toBe('#/segments/new');
  });

  it('searches by name as you type, sending q to the gateway', async () => {
    const gw = fakeGateway({
      'GET /v1/segments': ({ url }) => {
        const q = (url.searchParams.get('q') ?? '').toLowerCase();
        return { segments: SEGMENTS.filter((s) => s.name.toLowerCase().includes(q)) };
      },
    });
    const el = await mount<LivesegSegmentList>('<liveseg-segment-list></liveseg-segment-list>');
    await until(() => el.shadowRoot!.querySelectorAll('tbody tr').length === 2);
    const seen: string[] = [];
    el.addEventListener('liveseg-search', (e) => seen.push((e as CustomEvent).detail.q));
    type($(el, 'input[type=search]') as HTMLInputElement, 'pric');
    await until(() => el.shadowRoot!.querySelectorAll('tbody tr').length === 1);
    expect(shadowText(el)).toContain('Visited pricing page');
    expect(shadowText(el)).toContain('1 segment matching “pric”');
    expect(gw.calls.at(-1)!.url.searchParams.get('q')).toBe('pric');
    expect(seen).toEqual(['pric']);
  });

  it('shows an empty state, a no-match state and an error state', async () => {
    let mode: 'empty' | 'error' = 'empty';
    fakeGateway({
      'GET /v1/segments': () => (mode === 'error' ? [500, { error: { code: 'internal', message: 'internal error' } }] : { segments: [] }),
    });
    const el = await mount<LivesegSegmentList>('<liveseg-segment-list></liveseg-segment-list>');
    await until(() => shadowText(el).includes('No segments yet'));
    el.q = 'zzz';
    await until(() => shadowText(el).includes('No segments match “zzz”'));
    mode = 'error';
    el.q = 'boom';
    await until(() => shadowText(el).includes('Could not load segments'));
    expect($(el, '[role=alert] button')!.textContent).toContain('Try again');
  });

  it('sends the API key as a bearer token', async () => {
    const gw = fakeGateway({ 'GET /v1/segments': () => ({ segments: [] }) });
    await mount('<liveseg-segment-list api-base="https://ls.example.com/" api-key="k1"></liveseg-segment-list>');
    await until(() => gw.calls.length > 0);
    expect(gw.calls[0]!.url.href).toBe('https://ls.example.com/v1/segments');
    expect(gw.calls[0]!.headers.get('authorization')).toBe('Bearer k1');
  });
});
