/** Profiles: the empty profile, merging updates, and per-channel reachability (docs/formats.md). */
import type { Channel, Profile, ProfileUpdate, Reach } from '../types.ts';

/** A new profile with no props, no timezone and no unsubscriptions. */
export function emptyProfile(): Profile {
  return { unsubscribed: [], props: {} };
}

const nonEmpty = (v: unknown): boolean => typeof v === 'string' && v.length > 0;

/** Which channels can reach the user, per the contract's channel table; no profile reaches nobody. */
export function reachOf(profile: Profile | undefined): Reach {
  if (profile === undefined) {
    return { email: false, sms: false, whatsapp: false, push: false, web_push: false };
  }
  const p = profile.props;
  const off = (c: Channel): boolean => profile.unsubscribed.includes(c);
  return {
    email: nonEmpty(p.email) && !off('email'),
    sms: nonEmpty(p.phone) && !off('sms'),
    whatsapp: nonEmpty(p.phone) && p.whatsapp_opt_in === true && !off('whatsapp'),
    push: nonEmpty(p.push_token) && !off('push'),
    web_push: p.web_push === true && !off('web_push'),
  };
}

/**
 * Applies an update and returns a new profile (the input is not touched). Top-level props are
 * merged and `null` deletes one; nested objects are replaced whole, not deep-merged.
 * `timezone` and `unsubscribed` replace the stored values when present.
 */
export function applyProfileUpdate(p: Profile | undefined, u: ProfileUpdate): Profile {
  const base = p ?? emptyProfile();
  const props: Record<string, unknown> = { ...base.props };
  if (u.props !== undefined) {
    for (const key of Object.keys(u.props)) {
      const v = u.props[key];
      if (v === null) delete props[key];
      // defineProperty, not assignment: a "__proto__" key must stay a plain data prop.
      else Object.defineProperty(props, key, { value: v, enumerable: true, writable: true, configurable: true });
    }
  }
  const out: Profile = { unsubscribed: [...(u.unsubscribed ?? base.unsubscribed)], props };
  const timezone = u.timezone ?? base.timezone;
  if (timezone !== undefined) out.timezone = timezone;
  return out;
}
