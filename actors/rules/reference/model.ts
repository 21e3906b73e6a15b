/**
 * The reference model: README "Segment semantics (exact)" written out by brute force over the
 * complete history, with no bounded state and none of the engine's rule code. It is slow on
 * purpose; the property tests hold the streaming engine to it.
 */
import {
  applyProfileUpdate,
  compileUrlMatch,
  emptyProfile,
  isExternalReferrer,
  matchAll,
  normaliseUrl,
  parseDuration,
} from '../../definition/index.ts';
import { datetimeInstant } from '../instant.ts';
import type { CountCondition, LiveEvent, PastFilter, Profile, Segment, Trigger } from '../../types.ts';
import { sortEntries, userOf, type Input, type ObservedEntry } from './types.ts';

export type { Input, ObservedEntry } from './types.ts';

const PAGE_VIEW = '$page_view';

/** A pending window: inaction's [start, deadline) or a datetime instant (start = deadline). */
interface Window {
  start: number;
  deadline: number;
  cause?: string;
}

/** Everything the model remembers about one user: all of it, forever. */
interface UserModel {
  userId: string;
  profile: Profile;
  /** Every event processed while the segment existed, in processing order. */
  seen: LiveEvent[];
  /** page_count: the matching views processed since the last entry. */
  views: LiveEvent[];
  entries: ObservedEntry[];
  window?: Window;
}

const ms = (d: string | undefined): number => (d === undefined ? 0 : (parseDuration(d) ?? 0));

function compareCount(c: CountCondition, n: number): boolean {
  const v = c.value;
  return { eq: n === v, neq: n !== v, gt: n > v, gte: n >= v, lt: n < v, lte: n <= v }[c.op];
}

/** Past filter at `instant`: matching events seen so far with ts in (instant − inLast, instant]. */
function pastHolds(f: PastFilter, seen: LiveEvent[], instant: number): boolean {
  const name = 'did' in f ? f.did : f.didNot;
  const from = instant - ms(f.inLast);
  const n = seen.filter((e) => e.name === name && matchAll(f.where, e.props) && e.ts > from && e.ts <= instant).length;
  return 'did' in f ? compareCount(f.count ?? { op: 'gte', value: 1 }, n) : n === 0;
}

/**
 * Computes every entry `segment` produces for `inputs` (arrival order): which users, entry
 * numbers, times and cause event ids, sorted by user and entry number. Inputs that arrive before
 * `segment.createdAt` only shape profiles; the segment is created before the first input arriving
 * at or after it (or after all of them), and remaining windows fire at their deadlines at the end.
 */
export function referenceEntries(segment: Segment, inputs: Input[]): ObservedEntry[] {
  const def = segment.definition;
  const trigger: Trigger = def.trigger;
  const every = def.reentry === 'every';
  const cooldown = ms(def.cooldown);
  const users = new Map<string, UserModel>();
  const out: ObservedEntry[] = [];
  let created = false;

  /** Re-entry, cooldown (entry times), profile filters now, past filters at `instant`. */
  const admits = (u: UserModel, instant: number, now: number): boolean => {
    const last = u.entries[u.entries.length - 1];
    if (last !== undefined && (!every || now - last.at < cooldown)) return false;
    if (!matchAll(def.filters?.profile, u.profile.props)) return false;
    return (def.filters?.past ?? []).every((f) => pastHolds(f, u.seen, instant));
  };
  const tryEnter = (u: UserModel, instant: number, now: number, eventId?: string): boolean => {
    if (!admits(u, instant, now)) return false;
    const e: ObservedEntry = { userId: u.userId, n: u.entries.length + 1, at: now };
    if (eventId !== undefined) e.eventId = eventId;
    u.entries.push(e);
    out.push(e);
    return true;
  };

  // inaction: cancelled when any `without` seen so far (whenever it arrived) has ts in [start,
  // deadline), except the window's own arming event (same name for both roles).
  const cancelled = (u: UserModel, w: Window): boolean =>
    trigger.kind === 'inaction' &&
    u.seen.some(
      (e) =>
        e.id !== w.cause &&
        e.name === trigger.without.event &&
        matchAll(trigger.without.where, e.props) &&
        (trigger.event === trigger.without.event ? e.ts > w.start : e.ts >= w.start) &&
        e.ts < w.deadline,
    );

  /** The window closes at `now`: it qualifies unless cancelled; filters are checked at its deadline. */
  const fire = (u: UserModel, now: number): void => {
    const w = u.window!;
    u.window = undefined;
    if (!cancelled(u, w)) tryEnter(u, w.deadline, now, w.cause);
  };
  const fireDue = (t: number): void => {
    for (const u of users.values()) if (u.window !== undefined && u.window.deadline <= t) fire(u, u.window.deadline);
  };

  // datetime: a future instant arms (replacing any pending one), a past or missing one disarms.
  const evaluateDatetime = (u: UserModel, now: number): void => {
    if (trigger.kind !== 'datetime') return;
    const instant = datetimeInstant(trigger, u.profile);
    const open = every || u.entries.length === 0;
    u.window = instant !== undefined && instant > now && open ? { start: instant, deadline: instant } : undefined;
  };

  const onEvent = (u: UserModel, e: LiveEvent, now: number): void => {
    switch (trigger.kind) {
      case 'action':
        if (e.name === trigger.event && matchAll(trigger.where, e.props)) tryEnter(u, e.ts, now, e.id);
        return;
      case 'page_visit': {
        const url = e.props.url;
        if (e.name === PAGE_VIEW && typeof url === 'string' && compileUrlMatch(trigger.url)(url)) tryEnter(u, e.ts, now, e.id);
        return;
      }
      case 'referrer': {
        const { url, referrer } = e.props;
        if (e.name !== PAGE_VIEW || typeof url !== 'string' || typeof referrer !== 'string') return;
        if (isExternalReferrer(url, referrer) && compileUrlMatch(trigger.referrer)(referrer)) tryEnter(u, e.ts, now, e.id);
        return;
      }
      case 'page_count':
        countView(u, e, now);
        return;
      case 'inaction': {
        if (e.name !== trigger.event || !matchAll(trigger.where, e.props)) return;
        // While a window is pending (not fired, not cancelled) further events do not restart it.
        if (u.window !== undefined && !cancelled(u, u.window)) return;
        const w: Window = { start: e.ts, deadline: e.ts + ms(trigger.within), cause: e.id };
        u.window = w;
        if (w.deadline <= now) fire(u, now);
        return;
      }
      case 'datetime':
        return;
    }
  };

  const countView = (u: UserModel, e: LiveEvent, now: number): void => {
    if (trigger.kind !== 'page_count' || e.name !== PAGE_VIEW || typeof e.props.url !== 'string') return;
    const key = normaliseUrl(e.props.url);
    if (key === undefined || e.ts < segment.createdAt) return;
    if (trigger.url !== undefined && !compileUrlMatch(trigger.url)(e.props.url)) return;
    u.views.push(e);
    const within = trigger.within === undefined ? undefined : ms(trigger.within);
    const pool = within === undefined ? u.views : u.views.filter((v) => v.ts > e.ts - within && v.ts <= e.ts);
    const earlier = pool.filter((v) => v !== e);
    let reached: boolean;
    if (trigger.distinct) {
      const keys = new Set(earlier.map((v) => normaliseUrl(v.props.url as string)));
      reached = !keys.has(key) && keys.size + 1 === trigger.count;
    } else {
      reached = earlier.length + 1 === trigger.count;
    }
    // An entry restarts the count.
    if (reached && tryEnter(u, e.ts, now, e.id)) u.views = [];
  };

  const userFor = (userId: string): UserModel => {
    let u = users.get(userId);
    if (!u) users.set(userId, (u = { userId, profile: emptyProfile(), seen: [], views: [], entries: [] }));
    return u;
  };
  const create = (): void => {
    created = true;
    for (const u of users.values()) evaluateDatetime(u, segment.createdAt);
  };

  for (const input of inputs) {
    if (!created && input.arrival >= segment.createdAt) create();
    fireDue(input.arrival);
    const u = userFor(userOf(input));
    if (input.profile !== undefined) {
      u.profile = applyProfileUpdate(u.profile, input.profile);
      if (created) evaluateDatetime(u, input.arrival);
    } else if (input.event !== undefined && created) {
      u.seen.push(input.event);
      onEvent(u, input.event, input.arrival);
    }
  }
  if (!created) create();
  fireDue(Infinity);
  return sortEntries(out);
}
