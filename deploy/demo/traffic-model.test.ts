import { describe, expect, it } from 'vitest';
import { isExternalReferrer, parseEvent, parseProfileUpdate } from '../../actors/definition/index.ts';
import type { LiveEvent, ProfileUpdate } from '../../actors/types.ts';
import { mulberry32 } from './random.ts';
import { createTrafficModel, type TrafficItem } from './traffic-model.ts';

const START = Date.UTC(2026, 0, 15, 9, 0, 0);

/** Runs the model on a simulated clock: 50 ms per move, i.e. 20 events a second. */
function simulate(seed: number, moves: number) {
  let t = START;
  const model = createTrafficModel({ users: 500, random: mulberry32(seed), now: () => t });
  const items: TrafficItem[] = [];
  for (let i = 0; i < moves; i++) {
    items.push(...model.next());
    t += 50;
  }
  const events = items.flatMap((it) => (it.kind === 'event' ? [it.event] : []));
  const profiles = items.flatMap((it) => (it.kind === 'profile' ? [it.profile] : []));
  return { items, events, profiles, end: t };
}

describe('createTrafficModel', () => {
  const { items, events, profiles, end } = simulate(42, 5000);

  it('yields exactly one event per move, after the profile of a first sighting', () => {
    expect(events).toHaveLength(5000);
    const seen = new Set<string>();
    for (const it of items) {
      if (it.kind === 'profile') seen.add(it.profile.userId);
      else expect(seen.has(it.event.userId)).toBe(true);
    }
    expect(new Set(profiles.map((p) => p.userId)).size).toBe(profiles.length);
  });

  it('produces only valid events with unique ids and ts = now', () => {
    for (const ev of events) {
      const parsed = parseEvent(ev, end, () => 'unused');
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
      if (parsed.ok) expect(parsed.value).toEqual(ev);
      expect(ev.ts).toBeGreaterThanOrEqual(START);
      expect(ev.ts).toBeLessThan(end);
    }
    const ids = items.map((it) => (it.kind === 'event' ? it.event.id : it.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('produces only valid profile updates with a mix of channels and appointments', () => {
    for (const p of profiles) {
      const parsed = parseProfileUpdate(p);
      expect(parsed.ok ? [] : parsed.problems).toEqual([]);
    }
    const share = (f: (p: ProfileUpdate) => boolean) => profiles.filter(f).length / profiles.length;
    expect(share((p) => typeof p.props?.email === 'string')).toBeGreaterThan(0.7);
    expect(share((p) => /^\+\d{8,15}$/.test(String(p.props?.phone)))).toBeGreaterThan(0.5);
    expect(share((p) => p.unsubscribed?.includes('sms') ?? false)).toBeGreaterThan(0);
    expect(share((p) => p.props?.city === 'Pune')).toBeGreaterThan(0.1);
    expect(profiles.some((p) => p.userId.includes('@'))).toBe(true);
    const appts = profiles.flatMap((p) => (p.props?.appointment_at ? [Date.parse(String(p.props.appointment_at))] : []));
    expect(appts.some((a) => a > START + 5 * 86_400_000)).toBe(true);
    expect(appts.some((a) => a < START)).toBe(true);
  });

  it('has external and internal page views, cart adds, charges and abandoned carts', () => {
    const views = events.filter((e) => e.name === '$page_view');
    const url = (e: LiveEvent) => String(e.props.url);
    const ref = (e: LiveEvent) => String(e.props.referrer);
    expect(views.some((e) => ref(e).includes('google.') && isExternalReferrer(url(e), ref(e)))).toBe(true);
    expect(views.some((e) => ref(e) === 'https://t.co/x')).toBe(true);
    expect(views.some((e) => ref(e).startsWith('https://shop.example.com/') && !isExternalReferrer(url(e), ref(e)))).toBe(true);
    expect(views.some((e) => url(e).includes('/pricing'))).toBe(true);
    expect(views.some((e) => url(e).startsWith('https://shop.example.com/products/'))).toBe(true);

    const adds = events.filter((e) => e.name === 'Added To Cart');
    const charges = events.filter((e) => e.name === 'Charged');
    expect(adds.length).toBeGreaterThan(50);
    expect(adds.some((e) => (e.props.price as number) >= 100)).toBe(true);
    expect(adds.every((e) => e.props.currency === 'USD' && (e.props.price as number) >= 5 && (e.props.price as number) <= 400)).toBe(true);
    expect(charges.length).toBeGreaterThan(10);

    // Per cart: the first add, and the first charge after it (if any).
    const firstAdd = new Map<string, number>();
    const delays: number[] = [];
    for (const e of events) {
      if (e.name === 'Added To Cart' && !firstAdd.has(e.userId)) firstAdd.set(e.userId, e.ts);
      if (e.name === 'Charged' && firstAdd.has(e.userId)) {
        delays.push(e.ts - firstAdd.get(e.userId)!);
        firstAdd.delete(e.userId);
      }
    }
    expect(delays.some((d) => d < 30_000)).toBe(true);
    expect(delays.some((d) => d > 30_000)).toBe(true);
    // Carts still open long after their add: abandoned, so the inaction segments get entries.
    expect([...firstAdd.values()].filter((t) => end - t > 60_000).length).toBeGreaterThan(5);
  });

  it('has app launches on both platforms and searches', () => {
    const platforms = new Set(events.filter((e) => e.name === 'App Launched').map((e) => e.props.platform));
    expect([...platforms].sort()).toEqual(['android', 'ios']);
    expect(events.some((e) => e.name === 'Searched' && typeof e.props.query === 'string')).toBe(true);
  });

  it('is deterministic for a seed', () => {
    expect(simulate(7, 300).items).toEqual(simulate(7, 300).items);
    expect(simulate(7, 300).items).not.toEqual(simulate(8, 300).items);
  });
});
