/** The benchmark's event mix: Zipf-active users, page views with referrers, carts, charges, launches, profile updates. */
import type { LiveEvent, ProfileUpdate } from '../../actors/types.ts';
import { arrivalReferrer, CITIES, PRODUCTS } from '../demo/catalog.ts';
import { intBetween, mulberry32, pick, token, weighted } from '../demo/random.ts';
import type { TrafficItem } from '../demo/traffic-model.ts';
import { BENCH_ORIGIN, OTHER_EVENTS, RULE_EVENTS } from './segments-mix.ts';
import { zipfSampler } from './zipf.ts';

/** Options of createLoadModel. */
export interface LoadModelOptions {
  /** Size of the user population. */
  users: number;
  /** Share of events some segment of `mixedSegments` mentions (half page views, half named events); default 0.2. */
  ruleShare?: number;
  /** Profile updates per event; default 0.02. */
  profileShare?: number;
  /** Zipf exponent of per-user activity; default 1 (the busiest user sends ~1/ln(users) of the events). */
  zipf?: number;
  /** Seed of the PRNG: the same seed gives the same traffic. */
  seed?: number;
  /** Event time; default Date.now. */
  now?: () => number;
  /** Prefix of event ids, to keep them unique across runs on one stream (they are its de-duplication key). */
  idPrefix?: string;
}

/** A source of benchmark traffic. */
export interface LoadModel {
  /** The next item: an event, or (a share `profileShare`) a profile update. */
  next(): TrafficItem;
  /** The id of a user by activity rank (0 = busiest). */
  userId(rank: number): string;
}

const PAGES = 60;
const DAY = 86_400_000;
/** Which rule-touching named events are common: carts, charges and launches dominate. */
const NAMED_WEIGHTS = { cart: 35, charge: 15, launch: 25, other: 25 } as const;

/** Creates the load model; see LoadModelOptions. Cheap per item (a few µs), so it can feed 50k+ events/s. */
export function createLoadModel(opts: LoadModelOptions): LoadModel {
  const random = mulberry32(opts.seed ?? 1);
  const now = opts.now ?? Date.now;
  const ruleShare = opts.ruleShare ?? 0.2;
  const profileShare = opts.profileShare ?? 0.02;
  const prefix = opts.idPrefix ?? `b${token(random, 6)}`;
  const user = zipfSampler(Math.max(1, opts.users), opts.zipf ?? 1, random);
  const page = zipfSampler(PAGES, 1, random);
  const lastPage = new Map<number, string>();
  let counter = 0;
  const userId = (rank: number) => `bench-u${rank}`;

  const event = (rank: number, name: string, props: Record<string, unknown>): TrafficItem => {
    const ev: LiveEvent = { id: `${prefix}-${(counter++).toString(36)}`, userId: userId(rank), name, ts: now(), props };
    return { kind: 'event', event: ev };
  };

  const pageView = (rank: number): TrafficItem => {
    const url = `${BENCH_ORIGIN}/p${page()}`;
    // A user's next view usually comes from their previous page; a first view from outside.
    const previous = lastPage.get(rank);
    const referrer = previous && random() < 0.6 ? previous : arrivalReferrer(random, url);
    if (lastPage.size > 10_000) lastPage.clear();
    lastPage.set(rank, url);
    return event(rank, '$page_view', { url, referrer, title: `Page ${url.slice(BENCH_ORIGIN.length + 2)}` });
  };

  const named = (rank: number): TrafficItem => {
    const product = pick(random, PRODUCTS);
    switch (weighted(random, NAMED_WEIGHTS)) {
      case 'cart':
        return event(rank, 'Added To Cart', {
          product: product.name,
          price: product.price,
          currency: 'USD',
          qty: intBetween(random, 1, 3),
        });
      case 'charge':
        return event(rank, 'Charged', {
          amount: product.price * intBetween(random, 1, 3),
          currency: 'USD',
          method: pick(random, ['card', 'upi', 'paypal']),
        });
      case 'launch':
        return event(rank, 'App Launched', {
          platform: random() < 0.5 ? 'ios' : 'android',
          version: `5.${intBetween(random, 0, 9)}.${intBetween(random, 0, 20)}`,
        });
      default:
        return event(rank, pick(random, RULE_EVENTS.slice(3)), { price: product.price, source: random() < 0.5 ? 'app' : 'web' });
    }
  };

  const untouched = (rank: number): TrafficItem =>
    event(rank, pick(random, OTHER_EVENTS), {
      screen: `s${intBetween(random, 1, 40)}`,
      durationMs: intBetween(random, 10, 30_000),
      source: random() < 0.5 ? 'app' : 'web',
    });

  const profile = (rank: number): TrafficItem => {
    const city = pick(random, CITIES);
    const props: Record<string, unknown> = { city: city.name, email: `${userId(rank)}@example.com` };
    if (random() < 0.6) props.phone = city.phone(random);
    const a = random();
    // Some appointments arm datetime windows (5-10 days ahead; the mix fires 1-5 days before), some are past.
    if (a < 0.15) props.appointment_at = new Date(now() + 5 * DAY + intBetween(random, 1, 5 * DAY)).toISOString();
    else if (a < 0.25) props.appointment_at = new Date(now() - intBetween(random, 1, 30) * DAY).toISOString();
    const update: ProfileUpdate = { userId: userId(rank), timezone: city.timezone, props };
    return { kind: 'profile', id: `${prefix}-pr-${(counter++).toString(36)}`, profile: update };
  };

  return {
    userId,
    next() {
      const rank = user();
      if (random() < profileShare) return profile(rank);
      const r = random();
      if (r < ruleShare / 2) return pageView(rank);
      if (r < ruleShare) return named(rank);
      return untouched(rank);
    },
  };
}
