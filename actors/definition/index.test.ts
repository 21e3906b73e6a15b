import { describe, it, expect } from 'vitest';
import * as api from './index.ts';

describe('public surface', () => {
  it('exports the agreed names', () => {
    for (const name of [
      'parseDuration',
      'formatDuration',
      'getPath',
      'matchCondition',
      'matchAll',
      'normaliseUrl',
      'hostOf',
      'compileUrlMatch',
      'isExternalReferrer',
      'reachOf',
      'emptyProfile',
      'applyProfileUpdate',
      'parseEvent',
      'parseProfileUpdate',
      'parseDefinition',
      'describeDefinition',
      'isTimeZone',
      'parseTimestamp',
    ]) {
      expect(typeof (api as Record<string, unknown>)[name], name).toBe('function');
    }
  });

  it('parses, describes and matches one definition end to end', () => {
    const r = api.parseDefinition({
      name: 'Big carts from Pune',
      trigger: { kind: 'action', event: 'Added To Cart', where: [{ prop: 'item.price', op: 'gte', value: 100 }] },
      filters: { profile: [{ prop: 'city', op: 'eq', value: 'Pune' }] },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(api.describeDefinition(r.value)).toBe('Users who did Added To Cart with item.price at least 100, whose city is Pune.');
    const ev = api.parseEvent({ userId: 'u', name: 'Added To Cart', props: { item: { price: 120 } } }, 0, () => 'id');
    if (!ev.ok) throw new Error('event refused');
    const t = r.value.trigger;
    expect(t.kind === 'action' && api.matchAll(t.where, ev.value.props)).toBe(true);
  });
});
