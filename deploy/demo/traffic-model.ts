/** A deterministic model of shoppers on the demo shop: each `next()` is one user's next move. */
import type { Channel, LiveEvent, ProfileUpdate } from '../../actors/types.ts';
import { arrivalReferrer, CITIES, FIRST_NAMES, LAST_NAMES, PRODUCTS, productUrl, SEARCHES, SHOP_ORIGIN, type Product } from './catalog.ts';
import { intBetween, pick, token, weighted } from './random.ts';

/** One thing to publish: an event, or a profile update with its de-duplication id. */
export type TrafficItem = { kind: 'event'; event: LiveEvent } | { kind: 'profile'; id: string; profile: ProfileUpdate };

/** Options of createTrafficModel; the defaults are the real clock and Math.random. */
export interface TrafficModelOptions {
  users?: number;
  random?: () => number;
  now?: () => number;
}

/** A source of demo traffic; see createTrafficModel. */
export interface TrafficModel {
  /** The next move: at most one profile update (a user's first sighting), then exactly one event. */
  next(): TrafficItem[];
}

interface Session {
  userId: string;
  app: boolean;
  page: string;
  product?: Product;
  steps: number;
}

const SEC = 1000;
const DAY = 86_400 * SEC;
const ZONES = ['Asia/Kolkata', 'Europe/Berlin', 'America/New_York', 'UTC'] as const;

/** ISO-8601 without milliseconds, as a CRM export would write it. */
const iso = (t: number) => new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
const money = (n: number) => Math.round(n * 100) / 100;

/**
 * Creates the demo traffic model. All randomness comes from `random` and all time from `now`,
 * so a seeded `random` and a simulated clock give the same traffic every run. Users arrive on
 * the web (from Google, t.co, Facebook, an internal link or nowhere) or in the app, browse,
 * search, add to cart, and some pay: within seconds, after 30 s, after minutes, or never, so
 * both demo inaction segments see entries and cancellations.
 */
export function createTrafficModel(opts: TrafficModelOptions = {}): TrafficModel {
  const random = opts.random ?? Math.random;
  const now = opts.now ?? (() => Date.now());
  const userCount = Math.max(1, Math.floor(opts.users ?? 500));
  // Concurrent sessions, so consecutive page views of one user form a believable click path.
  const maxActive = Math.min(userCount, 40, Math.max(3, Math.round(userCount / 20)));
  // Ids restart at 0 every run; the run prefix keeps them unique against the stream's dedupe window.
  const run = token(random, 6);
  let counter = 0;

  const users = makeUserIds(userCount, random);
  const seen = new Set<string>();
  const sessions: Session[] = [];
  const charges = new Map<string, { at: number; amount: number }>();

  const event = (userId: string, name: string, props: Record<string, unknown>): TrafficItem => ({
    kind: 'event',
    event: { id: `demo-${run}-${++counter}`, userId, name, ts: now(), props },
  });

  const pageView = (s: Session, url: string, referrer: string, title: string): TrafficItem => {
    s.page = url;
    return event(s.userId, '$page_view', { url, referrer, title });
  };

  function dueCharge(t: number): TrafficItem | undefined {
    for (const [userId, c] of charges) {
      if (c.at > t) continue;
      charges.delete(userId);
      return event(userId, 'Charged', { amount: money(c.amount), currency: 'USD' });
    }
    return undefined;
  }

  function addToCart(s: Session, p: Product): TrafficItem {
    const pending = charges.get(s.userId);
    if (pending) pending.amount += p.price;
    else {
      // Who pays when: the mix that makes the 30 s and 10 min "no charge" segments both move.
      const r = random();
      const delay =
        r < 0.35 ? intBetween(random, 3, 25) : r < 0.55 ? intBetween(random, 31, 90) : r < 0.7 ? intBetween(random, 120, 300) : undefined;
      if (delay !== undefined) charges.set(s.userId, { at: now() + delay * SEC, amount: p.price });
    }
    return event(s.userId, 'Added To Cart', { product: p.name, price: p.price, currency: 'USD' });
  }

  function start(): TrafficItem[] | undefined {
    const userId = pick(random, users);
    if (sessions.some((s) => s.userId === userId)) return undefined;
    const items: TrafficItem[] = [];
    if (!seen.has(userId)) {
      seen.add(userId);
      items.push({ kind: 'profile', id: `demo-${run}-p${++counter}`, profile: makeProfile(userId, random, now()) });
    }
    const s: Session = { userId, app: random() < 0.25, page: '', steps: 0 };
    sessions.push(s);
    if (s.app) {
      items.push(event(userId, 'App Launched', { platform: random() < 0.5 ? 'ios' : 'android' }));
      return items;
    }
    const r = random();
    if (r < 0.75) items.push(pageView(s, `${SHOP_ORIGIN}/`, arrivalReferrer(random, `${SHOP_ORIGIN}/`), 'Shop'));
    else if (r < 0.95) {
      s.product = pick(random, PRODUCTS);
      const url = productUrl(s.product);
      items.push(pageView(s, url, arrivalReferrer(random, url), s.product.name));
    } else items.push(pageView(s, `${SHOP_ORIGIN}/pricing`, arrivalReferrer(random, `${SHOP_ORIGIN}/pricing`), 'Shop Plus pricing'));
    return items;
  }

  function step(s: Session): TrafficItem {
    s.steps++;
    const move = weighted(random, {
      browse: 45,
      search: s.app ? 15 : 8,
      add: s.product ? 12 : 0,
      pricing: s.app ? 0 : 5,
      cart: !s.app && charges.has(s.userId) ? 8 : 0,
      home: s.app ? 0 : 4,
    });
    const from = s.page;
    switch (move) {
      case 'search':
        return event(s.userId, 'Searched', { query: pick(random, SEARCHES) });
      case 'add': {
        const p = s.product!;
        // Next they look at something else rather than adding the same thing twice.
        s.product = undefined;
        return addToCart(s, p);
      }
      case 'pricing':
        return pageView(s, `${SHOP_ORIGIN}/pricing`, from, 'Shop Plus pricing');
      case 'cart':
        return pageView(s, `${SHOP_ORIGIN}/cart`, from, 'Your cart');
      case 'home':
        return pageView(s, `${SHOP_ORIGIN}/`, from, 'Shop');
      default: {
        const p = (s.product = pick(random, PRODUCTS));
        if (s.app) return event(s.userId, 'Product Viewed', { product: p.name, price: p.price, currency: 'USD' });
        return pageView(s, productUrl(p), from, p.name);
      }
    }
  }

  return {
    next() {
      const charged = dueCharge(now());
      if (charged) return [charged];
      if (sessions.length < maxActive && (sessions.length === 0 || random() < 0.25)) {
        const started = start();
        if (started) return started;
      }
      if (sessions.length === 0) return start() ?? [];
      const i = Math.floor(random() * sessions.length);
      const s = sessions[i];
      const item = step(s);
      // Sessions are ~8 moves long on average; short ones are bounces.
      if (random() < 0.12 || s.steps > 30) sessions.splice(i, 1);
      return [item];
    },
  };
}

/** Mostly "u-1042"-style ids, some e-mail addresses (ids may be any Unicode string). */
function makeUserIds(n: number, random: () => number): string[] {
  const ids: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    let id = `u-${1000 + i}`;
    if (random() < 0.15) {
      const base = `${pick(random, FIRST_NAMES)}.${pick(random, LAST_NAMES)}`;
      id = used.has(`${base}@example.com`) ? `${base}${i}@example.com` : `${base}@example.com`;
    }
    used.add(id);
    ids.push(id);
  }
  return ids;
}

/** A first-sighting profile with a believable mix of channels, cities and appointments. */
function makeProfile(userId: string, random: () => number, t: number): ProfileUpdate {
  const city = pick(random, CITIES);
  const props: Record<string, unknown> = { city: city.name };
  const email = userId.includes('@')
    ? userId
    : `${pick(random, FIRST_NAMES)}.${pick(random, LAST_NAMES)}${intBetween(random, 1, 999)}@example.com`;
  if (random() < 0.85) props.email = email;
  if (random() < 0.7) {
    props.phone = city.phone(random);
    props.whatsapp_opt_in = random() < 0.5;
  }
  if (random() < 0.4) props.push_token = `tok_${token(random, 22)}`;
  if (random() < 0.35) props.web_push = true;
  const a = random();
  // A few appointments land just past the 5-day mark so "Appointment in 5 days" fills during a demo.
  if (a < 0.1) props.appointment_at = iso(t + 5 * DAY + intBetween(random, 10, 600) * SEC);
  else if (a < 0.25) props.appointment_at = iso(t + 5 * DAY + intBetween(random, 0, DAY / SEC));
  else if (a < 0.35) props.appointment_at = iso(t - intBetween(random, 1, 30) * DAY);
  const update: ProfileUpdate = {
    userId,
    timezone: random() < 0.8 ? city.timezone : pick(random, ZONES),
    props,
  };
  const u = random();
  const unsubscribed: Channel[] | undefined = u < 0.1 ? ['sms'] : u < 0.18 ? ['email'] : u < 0.2 ? ['sms', 'email'] : undefined;
  if (unsubscribed) update.unsubscribed = unsubscribed;
  return update;
}
