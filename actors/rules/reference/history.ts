/**
 * fast-check generator of random input histories: 1–4 users, non-decreasing arrivals on a coarse
 * grid (so deadlines meet arrivals exactly), event timestamps jittered around their arrival or
 * placed exactly on the edges of an earlier event's windows, and profile updates in between.
 */
import fc from 'fast-check';
import type { LiveEvent, ProfileUpdate } from '../../types.ts';
import type { Input } from './types.ts';

/** User ids, including the kinds of ids the contract allows (Unicode, spaces, dots, e-mails). */
export const USER_IDS = ['u1', 'u2', 'ü ser@example.com', 'u.4'] as const;

/** An event body before it is placed on the timeline. */
export interface EventBody {
  name: string;
  props: Record<string, unknown>;
}

/** One generated step, still symbolic: which user, how long after the previous arrival, what, and its ts. */
export interface Step {
  user: number;
  gap: number;
  body: { event: EventBody } | { profile: Omit<ProfileUpdate, 'userId'> };
  /** ts = arrival + jitter, or the ts of this user's latest event of `anchor` + an edge of the definition. */
  ts: { jitter: number } | { anchor: number; edge: number };
}

/** What a history looks like for one trigger kind. */
export interface HistoryShape {
  events: fc.Arbitrary<EventBody>;
  profiles?: fc.Arbitrary<Omit<ProfileUpdate, 'userId'>>;
  /** Relative weight of profile updates against events (default 1 : 4). */
  profileWeight?: number;
  /** Arrival gaps to choose from (ms). */
  gaps: readonly number[];
  /** ts − arrival offsets to choose from (ms); negative means the event arrives late. */
  jitters: readonly number[];
  maxSteps: number;
}

/** Steps of a history; resolved against a definition by `buildHistory`. */
export function stepsArb(shape: HistoryShape): fc.Arbitrary<Step[]> {
  const body = shape.profiles
    ? fc.oneof(
        { weight: 4, arbitrary: shape.events.map((event) => ({ event })) },
        { weight: shape.profileWeight ?? 1, arbitrary: shape.profiles.map((profile) => ({ profile })) },
      )
    : shape.events.map((event) => ({ event }));
  const ts = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...shape.jitters).map((jitter) => ({ jitter })) },
    { weight: 2, arbitrary: fc.record({ anchor: fc.nat(), edge: fc.nat() }) },
  );
  const step: fc.Arbitrary<Step> = fc.record({
    user: fc.nat({ max: USER_IDS.length - 1 }),
    gap: fc.constantFrom(...shape.gaps),
    body,
    ts,
  });
  return fc.array(step, { maxLength: shape.maxSteps, size: 'max' });
}

/** How symbolic steps become concrete inputs. */
export interface Placement {
  /** Arrival of a first input with gap 0. */
  start: number;
  /** How many distinct users this history uses (1–4). */
  users: number;
  /** Event names an anchored ts may refer to (the user's latest event of that name). */
  names: readonly string[];
  /** The definition's durations; edges are 0, ±1 ms and each duration −1, +0, +1 ms. */
  durations: readonly number[];
  /** Per-user cap on events by name (memory bounds); excess events are left out. */
  limits?: ReadonlyMap<string, number>;
  /** Keep each user's page views in non-decreasing ts (what page_count's memory bound needs). */
  monotonePageViews?: boolean;
}

/** The edge offsets of a placement: 0, ±1 ms, and N − 1, N, N + 1 ms for each duration N. */
export function edgesOf(durations: readonly number[]): number[] {
  return [0, -1, 1, ...durations.flatMap((n) => [n - 1, n, n + 1, -n])];
}

/** Resolves steps into a concrete, arrival-ordered history with unique event ids. */
export function buildHistory(steps: readonly Step[], p: Placement): Input[] {
  const edges = edgesOf(p.durations);
  const latest = new Map<string, number>();
  const counts = new Map<string, number>();
  const lastView = new Map<string, number>();
  const inputs: Input[] = [];
  let arrival = p.start;
  steps.forEach((s, i) => {
    arrival += s.gap;
    const userId = USER_IDS[s.user % p.users];
    if ('profile' in s.body) {
      inputs.push({ arrival, profile: { ...s.body.profile, userId } });
      return;
    }
    const { name, props } = s.body.event;
    const key = `${userId}\n${name}`;
    const count = (counts.get(key) ?? 0) + 1;
    if (count > (p.limits?.get(name) ?? Infinity)) return;
    counts.set(key, count);
    let ts =
      'jitter' in s.ts
        ? arrival + s.ts.jitter
        : (latest.get(`${userId}\n${p.names[s.ts.anchor % p.names.length]}`) ?? arrival) + edges[s.ts.edge % edges.length];
    if (p.monotonePageViews && name === '$page_view') {
      ts = Math.max(ts, lastView.get(userId) ?? -Infinity);
      lastView.set(userId, ts);
    }
    latest.set(key, ts);
    const event: LiveEvent = { id: `e${i}`, userId, name, ts, props };
    inputs.push({ arrival, event });
  });
  return inputs;
}
