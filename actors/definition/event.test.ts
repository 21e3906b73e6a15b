import { describe, it, expect } from 'vitest';
import { MAX_EVENT_BYTES, MAX_EVENT_FUTURE_MS, parseEvent } from './event.ts';

const NOW = Date.UTC(2026, 0, 15, 12);
const newId = () => 'generated-id';
const parse = (input: unknown) => parseEvent(input, NOW, newId);
const good = { id: 'e-1', userId: 'u-42', name: 'Added To Cart', ts: NOW - 1000, props: { price: 120 } };

describe('parseEvent: accepted', () => {
  it('keeps a complete event as given', () => {
    expect(parse(good)).toEqual({ ok: true, value: good });
  });

  it('fills in id, ts and props when missing', () => {
    expect(parse({ userId: 'u', name: 'Opened' })).toEqual({
      ok: true,
      value: { id: 'generated-id', userId: 'u', name: 'Opened', ts: NOW, props: {} },
    });
  });

  it('converts an ISO-8601 ts to epoch ms', () => {
    const r = parse({ ...good, ts: '2026-01-15T17:30:00+05:30' });
    expect(r.ok && r.value.ts).toBe(NOW);
  });

  it('accepts any Unicode user id, and a ts exactly 24 h ahead', () => {
    const r = parse({ ...good, userId: 'Ana María.✓ <ana@example.es>', ts: NOW + MAX_EVENT_FUTURE_MS });
    expect(r.ok).toBe(true);
  });

  it('accepts page views with url, empty or absolute referrer, title and extra props', () => {
    for (const referrer of [undefined, '', 'https://google.com/']) {
      const r = parse({ userId: 'u', name: '$page_view', props: { url: 'https://shop.com/p', referrer, title: 'P', utm: 'x' } });
      expect(r.ok).toBe(true);
    }
  });

  it('accepts nested props', () => {
    expect(parse({ ...good, props: { cart: { items: [{ sku: 'a' }] } } }).ok).toBe(true);
  });
});

describe('parseEvent: rejected', () => {
  const bad: Array<[string, Record<string, unknown>, string, string[]]> = [
    ['id empty', { id: '' }, 'invalid_event', ['id']],
    ['id not a string', { id: 42 }, 'invalid_event', ['id']],
    ['id too long', { id: 'x'.repeat(129) }, 'invalid_event', ['id']],
    ['id with a newline', { id: 'a\nb' }, 'invalid_event', ['id']],
    ['userId missing', { userId: undefined }, 'invalid_event', ['userId']],
    ['userId empty', { userId: '' }, 'invalid_event', ['userId']],
    ['userId too long', { userId: 'u'.repeat(257) }, 'invalid_event', ['userId']],
    ['userId a number', { userId: 42 }, 'invalid_event', ['userId']],
    ['name missing', { name: undefined }, 'invalid_event', ['name']],
    ['name too long', { name: 'n'.repeat(129) }, 'invalid_event', ['name']],
    ['reserved name', { name: '$signup' }, 'reserved_name', ['name']],
    ['ts negative', { ts: -1 }, 'invalid_event', ['ts']],
    ['ts fractional', { ts: 1.5 }, 'invalid_event', ['ts']],
    ['ts ISO without offset', { ts: '2026-01-15T12:00:00' }, 'invalid_event', ['ts']],
    ['ts garbage', { ts: 'yesterday' }, 'invalid_event', ['ts']],
    ['ts null', { ts: null }, 'invalid_event', ['ts']],
    ['ts in the future', { ts: NOW + MAX_EVENT_FUTURE_MS + 1 }, 'ts_in_future', ['ts']],
    ['props an array', { props: [1] }, 'invalid_event', ['props']],
    ['props a string', { props: 'x' }, 'invalid_event', ['props']],
    ['unknown field', { user: 'u' }, 'invalid_event', ['user']],
  ];
  it.each(bad)('%s', (_, patch, code, paths) => {
    const r = parse({ ...good, ...patch });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe(code);
    expect(r.problems.map((p) => p.path)).toEqual(paths);
  });

  const pageViews: Array<[string, Record<string, unknown>, string[]]> = [
    ['url missing', {}, ['props.url']],
    ['url relative', { url: '/pricing' }, ['props.url']],
    ['url not a string', { url: 42 }, ['props.url']],
    ['referrer relative', { url: 'https://a.com', referrer: 'google.com' }, ['props.referrer']],
    ['referrer null', { url: 'https://a.com', referrer: null }, ['props.referrer']],
    ['title a number', { url: 'https://a.com', title: 1 }, ['props.title']],
    ['everything wrong', { url: 'x', referrer: 'y', title: false }, ['props.url', 'props.referrer', 'props.title']],
  ];
  it.each(pageViews)('$page_view: %s', (_, props, paths) => {
    const r = parse({ userId: 'u', name: '$page_view', props });
    expect(r).toMatchObject({ ok: false, code: 'invalid_event' });
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(paths);
  });

  it('rejects user ids and event ids with a lone surrogate: they become keys and NATS headers', () => {
    for (const over of [{ userId: 'a\uD800' }, { id: 'e\uDFFF' }, { id: '\uD800', userId: '\uDBFFz' }]) {
      const r = parse({ ...good, ...over });
      expect(r).toMatchObject({ ok: false, code: 'invalid_event' });
      if (!r.ok) {
        expect(r.problems.map((p) => p.path).sort()).toEqual(Object.keys(over).sort());
        expect(r.problems[0].message).toMatch(/well-formed Unicode/);
      }
    }
    expect(parse({ ...good, id: 'e-😀', userId: 'u-😀' }).ok).toBe(true);
  });

  it('rejects a numeric ts beyond year 9999', () => {
    expect(parseEvent({ ...good, ts: 8.64e15 + 1 }, 9e15, newId)).toMatchObject({ ok: false, code: 'invalid_event' });
  });

  it('rejects non-objects at the root', () => {
    for (const input of [null, 'x', [good], 42]) {
      expect(parse(input)).toEqual({ ok: false, problems: [{ path: '', message: 'must be a JSON object' }], code: 'invalid_event' });
    }
  });

  it('rejects events over 32 KiB as JSON, counting UTF-8 bytes', () => {
    const r = parse({ ...good, props: { blob: 'é'.repeat(MAX_EVENT_BYTES / 2) } });
    expect(r).toMatchObject({ ok: false, code: 'event_too_large' });
    if (!r.ok) expect(r.problems.map((p) => p.path)).toEqual(['']);
  });

  it('measures the stored event, including a generated id', () => {
    const base = { userId: 'u', name: 'n', ts: NOW, props: { blob: '' } };
    const pad = MAX_EVENT_BYTES - JSON.stringify({ id: 'generated-id', ...base }).length;
    const fits = { ...base, props: { blob: 'x'.repeat(pad) } };
    expect(parse(fits).ok).toBe(true);
    expect(parse({ ...fits, props: { blob: 'x'.repeat(pad + 1) } })).toMatchObject({ ok: false, code: 'event_too_large' });
  });

  it('lists every problem at once, with the most specific code', () => {
    const r = parse({ id: '', userId: '', name: '$x', ts: NOW + 2 * MAX_EVENT_FUTURE_MS, props: [], extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('reserved_name');
    expect(r.problems.map((p) => p.path)).toEqual(['extra', 'id', 'userId', 'name', 'ts', 'props']);
  });

  it('says why, in words', () => {
    const r = parse({ ...good, name: '$signup' });
    expect(!r.ok && r.problems[0].message).toMatch(/reserved/);
  });
});

describe('parseEvent: the size of the source text', () => {
  const parseText = (text: string) => parseEvent(JSON.parse(text), NOW, newId, new TextEncoder().encode(text).length);

  it('decides exactly as without it, even for numbers that grow 5× when printed', () => {
    // 9e20 prints as 21 digits: the worst growth from source text to stored JSON.
    for (const n of [10, 200, 800, 1200, 5000, 6000]) {
      const text = JSON.stringify({ id: 'e', userId: 'u', name: 'n', props: { a: [] } }).replace(
        '[]',
        `[${Array(n).fill('9e20').join(',')}]`,
      );
      const withSource = parseText(text);
      expect(withSource.ok).toBe(parse(JSON.parse(text)).ok);
      if (JSON.stringify(JSON.parse(text)).length > MAX_EVENT_BYTES)
        expect(withSource).toMatchObject({ ok: false, code: 'event_too_large' });
    }
  });

  it('still measures an event whose id is generated', () => {
    const text = JSON.stringify({ userId: 'u', name: 'n', props: { pad: 'x'.repeat(MAX_EVENT_BYTES - 60) } });
    const r = parseEvent(JSON.parse(text), NOW, () => 'i'.repeat(200), 100);
    expect(r).toMatchObject({ ok: false, code: 'event_too_large' });
  });
});
