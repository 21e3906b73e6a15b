import { describe, expect, it } from 'vitest';
import {
  MAX_PAGE_COUNT,
  MAX_PAST_COUNT,
  MAX_PAST_FILTERS,
  MAX_TIMESTAMP,
  parseDefinition,
  parseEvent,
  parseProfileUpdate,
} from '../../actors/definition/index.ts';
import { TRIGGER_KINDS } from '../../actors/types.ts';
import { violations } from './conforms.ts';
import { buildOpenApi } from './openapi.ts';
import { ROUTES, type RouteSpec } from './routes.ts';
import { SCHEMAS, TEXT_LIMITS } from './schemas.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const newId = () => 'generated';

// The documented examples (docs/formats.md) and one definition per trigger kind.
const EVENTS = [
  { id: 'e-8f2c', userId: 'u-42', name: 'Added To Cart', ts: 1764320000000, props: { product: 'Shoe', price: 120 } },
  { userId: 'u-1', name: '$page_view', ts: '2025-11-28T10:00:00+01:00', props: { url: 'https://a.example/p', referrer: '', title: 'P' } },
];
const PROFILES = [{ userId: 'u-42', timezone: 'Asia/Kolkata', unsubscribed: ['sms'], props: { email: 'a@example.com', phone: null } }];
const DEFINITIONS = [
  {
    name: 'Cart',
    trigger: { kind: 'inaction', event: 'Added To Cart', without: { event: 'Charged' }, within: '10m' },
    filters: {
      past: [
        { did: 'App Launched', count: { op: 'gte', value: 3 }, inLast: '30d' },
        { didNot: 'Charged', inLast: '7d' },
      ],
      profile: [{ prop: 'city', op: 'eq', value: 'Pune' }],
    },
    reentry: 'once',
  },
  {
    name: 'A',
    trigger: { kind: 'action', event: 'X', where: [{ prop: 'a.b', op: 'in', value: [1, 2] }] },
    reentry: 'every',
    cooldown: '1h',
  },
  { name: 'D', trigger: { kind: 'datetime', property: 'appointment_at', offset: '-5d', at: '09:30', timezone: 'Europe/Berlin' } },
  { name: 'P', trigger: { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } } },
  { name: 'R', trigger: { kind: 'referrer', referrer: { op: 'regex', value: 'google\\.' } } },
  {
    name: 'C',
    trigger: { kind: 'page_count', count: 3, within: '1d', url: { op: 'starts_with', value: 'https://a.example/' }, distinct: true },
  },
];

describe('the published schemas agree with the validators', () => {
  it('accepts the contract examples on both sides', () => {
    for (const e of EVENTS) {
      expect(parseEvent(e, 1764320000000, newId).ok).toBe(true);
      expect(violations(ref('Event'), e)).toEqual([]);
    }
    expect(violations(ref('EventBatch'), EVENTS)).toEqual([]);
    for (const p of PROFILES) {
      expect(parseProfileUpdate(p).ok).toBe(true);
      expect(violations(ref('ProfileBatch'), p)).toEqual([]);
    }
    for (const d of DEFINITIONS) {
      expect(parseDefinition(d)).toMatchObject({ ok: true });
      expect(violations(ref('SegmentDefinition'), d)).toEqual([]);
    }
  });

  it('documents one trigger schema per kind, each with an example here', () => {
    const oneOf = (SCHEMAS.Trigger as { oneOf: Array<{ properties: { kind: { const: string } } }> }).oneOf;
    expect(oneOf.map((s) => s.properties.kind.const)).toEqual([...TRIGGER_KINDS]);
    expect(DEFINITIONS.map((d) => d.trigger.kind).sort()).toEqual([...TRIGGER_KINDS].sort());
  });

  it('refuses on both sides what breaks a stated rule', () => {
    const bad: Array<[string, unknown, (v: unknown) => boolean]> = [
      ['Event', { userId: 'u', name: 'n', extra: 1 }, (v) => parseEvent(v, 0, newId).ok],
      ['Event', { userId: 'u' }, (v) => parseEvent(v, 0, newId).ok],
      ['ProfileUpdate', { userId: 'u', unsubscribed: ['fax'] }, (v) => parseProfileUpdate(v).ok],
      ['SegmentDefinition', { name: 'x', trigger: { kind: 'teleport' } }, (v) => parseDefinition(v).ok],
      [
        'SegmentDefinition',
        { name: 'x', trigger: { kind: 'action', event: 'X', where: [{ prop: 'a', op: 'like', value: 1 }] } },
        (v) => parseDefinition(v).ok,
      ],
      [
        'SegmentDefinition',
        { name: 'x', trigger: { kind: 'inaction', event: 'X', without: { event: 'Y' }, within: '10 minutes' } },
        (v) => parseDefinition(v).ok,
      ],
      ['SegmentDefinition', { name: 'x', trigger: { kind: 'page_count', count: 0 } }, (v) => parseDefinition(v).ok],
      ['SegmentDefinition', { name: 'x', trigger: { kind: 'action', event: 'X' }, reentry: 'twice' }, (v) => parseDefinition(v).ok],
    ];
    for (const [schema, value, validator] of bad) {
      expect(validator(value), JSON.stringify(value)).toBe(false);
      expect(violations(ref(schema), value), JSON.stringify(value)).not.toEqual([]);
    }
  });

  it('states the same text limits as the validators enforce', () => {
    const s = (n: number) => 'é'.repeat(n); // code points, not bytes
    const event = (over: Record<string, string>) => parseEvent({ userId: 'u', name: 'n', ...over }, 0, newId).ok;
    for (const [field, limit] of [
      ['id', TEXT_LIMITS.eventId],
      ['userId', TEXT_LIMITS.userId],
      ['name', TEXT_LIMITS.eventName],
    ] as const) {
      expect(event({ [field]: s(limit) }), field).toBe(true);
      expect(event({ [field]: s(limit + 1) }), field).toBe(false);
      expect(violations(ref('Event'), { userId: 'u', name: 'n', [field]: s(limit + 1) })).not.toEqual([]);
    }
    const def = (name: string) => parseDefinition({ name, trigger: { kind: 'action', event: 'X' } }).ok;
    expect(def(s(TEXT_LIMITS.segmentName))).toBe(true);
    expect(def(s(TEXT_LIMITS.segmentName + 1))).toBe(false);
  });
});

describe('the record caps are stated as enforced', () => {
  const past = (n: number, value: number) => Array(n).fill({ did: 'A', count: { op: 'gte', value }, inLast: '1d' });
  const def = (over: Record<string, unknown>) => ({ name: 'x', trigger: { kind: 'action', event: 'X' }, ...over });
  const both = (schema: string, value: unknown, validator: (v: unknown) => boolean, want: boolean) => {
    expect(validator(value), JSON.stringify(value).slice(0, 120)).toBe(want);
    expect(violations(ref(schema), value).length === 0, JSON.stringify(value).slice(0, 120)).toBe(want);
  };
  const definition = (v: unknown) => parseDefinition(v).ok;

  it('past filters: count value and how many', () => {
    both('SegmentDefinition', def({ filters: { past: past(MAX_PAST_FILTERS, MAX_PAST_COUNT) } }), definition, true);
    both('SegmentDefinition', def({ filters: { past: past(1, MAX_PAST_COUNT + 1) } }), definition, false);
    both('SegmentDefinition', def({ filters: { past: past(MAX_PAST_FILTERS + 1, 1) } }), definition, false);
  });

  it('page_count count', () => {
    both('SegmentDefinition', def({ trigger: { kind: 'page_count', count: MAX_PAGE_COUNT } }), definition, true);
    both('SegmentDefinition', def({ trigger: { kind: 'page_count', count: MAX_PAGE_COUNT + 1 } }), definition, false);
  });

  it('ids are well-formed Unicode, timestamps end in year 9999', () => {
    const event = (v: unknown) => parseEvent(v, MAX_TIMESTAMP, newId).ok;
    both('Event', { userId: 'a😀', id: 'e😀', name: 'n' }, event, true);
    both('Event', { userId: 'a\uD800', name: 'n' }, event, false);
    both('Event', { userId: 'u', id: '\uDC00e', name: 'n' }, event, false);
    both('ProfileUpdate', { userId: 'a\uDBFF' }, (v) => parseProfileUpdate(v).ok, false);
    both('Event', { userId: 'u', name: 'n', ts: MAX_TIMESTAMP }, event, true);
    both('Event', { userId: 'u', name: 'n', ts: MAX_TIMESTAMP + 1 }, event, false);
  });

  it('URL regexes are RE2: lookaround is refused on both sides of the description', () => {
    const url = (value: string) => def({ trigger: { kind: 'page_visit', url: { op: 'regex', value } } });
    expect(definition(url('^https://a\\.com/(?!x)'))).toBe(false);
    expect(JSON.stringify(SCHEMAS.UrlMatch)).toContain('RE2');
  });
});

describe('buildOpenApi', () => {
  const doc = buildOpenApi('1.0.0') as { paths: Record<string, Record<string, { operationId: string; security: unknown[] }>> };

  it('documents every route of the table, with {param} paths and security', () => {
    const ops = Object.entries(doc.paths).flatMap(([p, methods]) => Object.entries(methods).map(([m, op]) => ({ p, m, op })));
    expect(ops.map((o) => o.op.operationId).sort()).toEqual((ROUTES as readonly RouteSpec[]).map((r) => r.id).sort());
    expect(doc.paths['/v1/segments/{id}/members'].get.security).toEqual([{ bearer: [] }, { basic: [] }]);
    expect(doc.paths['/healthz'].get.security).toEqual([]);
  });

  it('has no dangling references', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(20);
    for (const r of refs) expect(SCHEMAS[r], r).toBeDefined();
  });
});
