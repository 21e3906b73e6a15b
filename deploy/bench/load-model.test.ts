import { describe, expect, it } from 'vitest';
import { createLoadModel } from './load-model.ts';
import { RULE_EVENTS } from './segments-mix.ts';

describe('createLoadModel', () => {
  const items = (n: number, opts = {}) => {
    const model = createLoadModel({ users: 10_000, seed: 3, now: () => 1_700_000_000_000, ...opts });
    return Array.from({ length: n }, () => model.next());
  };

  it('gives the same traffic for the same seed', () => {
    expect(items(500)).toEqual(items(500));
  });

  it('touches a rule with about ruleShare of its events', () => {
    const events = items(20_000).flatMap((i) => (i.kind === 'event' ? [i.event] : []));
    const touching = events.filter((e) => e.name === '$page_view' || RULE_EVENTS.includes(e.name));
    expect(touching.length / events.length).toBeGreaterThan(0.18);
    expect(touching.length / events.length).toBeLessThan(0.22);
  });

  it('mixes in profile updates and concentrates activity on few users', () => {
    const all = items(20_000);
    const profiles = all.filter((i) => i.kind === 'profile').length;
    expect(profiles / all.length).toBeGreaterThan(0.01);
    expect(profiles / all.length).toBeLessThan(0.03);
    const byUser = new Map<string, number>();
    for (const i of all) {
      const u = i.kind === 'event' ? i.event.userId : i.profile.userId;
      byUser.set(u, (byUser.get(u) ?? 0) + 1);
    }
    expect(byUser.get('bench-u0')! / all.length).toBeGreaterThan(0.05);
  });

  it("gives every event and profile update its own id (they are the stream's de-duplication key)", () => {
    const ids = items(50_000).map((i) => (i.kind === 'event' ? i.event.id : i.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps events around 200 bytes as JSON', () => {
    const sizes = items(5000).map((i) => JSON.stringify(i.kind === 'event' ? i.event : i.profile).length);
    expect(Math.max(...sizes)).toBeLessThan(400);
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length).toBeGreaterThan(120);
  });
});
