/** Validation of incoming profile updates at the edge (docs/formats.md). */
import type { ItemErrorCode } from '../errors.ts';
import { CHANNELS } from '../types.ts';
import type { Channel, Parsed, Problem, ProfileUpdate } from '../types.ts';
import { isTimeZone } from './timezone.ts';
import { at, checkFields, checkUserId, idx, isPlainObject, jsonSize } from './validate.ts';

/** Largest accepted profile update, as UTF-8 JSON. */
export const MAX_PROFILE_BYTES = 32 * 1024;

/** Rejection codes of parseProfileUpdate. */
export type ProfileErrorCode = Extract<ItemErrorCode, 'invalid_profile' | 'profile_too_large'>;

const FIELDS = ['userId', 'timezone', 'unsubscribed', 'props'] as const;

/**
 * Validates an untrusted profile update and returns a clean copy. `unsubscribed` is
 * de-duplicated; `props` values may be `null` (meaning "delete this prop").
 */
export function parseProfileUpdate(input: unknown): Parsed<ProfileUpdate> & { code?: ProfileErrorCode } {
  if (!isPlainObject(input)) {
    return { ok: false, problems: [{ path: '', message: 'must be a JSON object' }], code: 'invalid_profile' };
  }
  const problems: Problem[] = [];
  const size = jsonSize(input);
  const tooLarge = size > MAX_PROFILE_BYTES;
  if (tooLarge) problems.push({ path: '', message: `is ${size} bytes as JSON; the limit is ${MAX_PROFILE_BYTES}` });
  checkFields(input, FIELDS, '', problems);

  const userId = checkUserId(input.userId, 'userId', problems);
  const value: ProfileUpdate = { userId: userId ?? '' };

  if (input.timezone !== undefined) {
    if (isTimeZone(input.timezone)) value.timezone = input.timezone;
    else problems.push({ path: 'timezone', message: 'must be an IANA time zone such as "Europe/Berlin"' });
  }

  if (input.unsubscribed !== undefined) {
    const list = input.unsubscribed;
    if (!Array.isArray(list)) problems.push({ path: 'unsubscribed', message: `must be an array of channels (${CHANNELS.join(', ')})` });
    else {
      const seen: Channel[] = [];
      list.forEach((c, i) => {
        if (!(CHANNELS as readonly unknown[]).includes(c)) {
          problems.push({ path: idx('unsubscribed', i), message: `must be one of ${CHANNELS.join(', ')}` });
        } else if (!seen.includes(c as Channel)) seen.push(c as Channel);
      });
      value.unsubscribed = seen;
    }
  }

  if (input.props !== undefined) {
    if (isPlainObject(input.props)) value.props = input.props;
    else problems.push({ path: at('', 'props'), message: 'must be a JSON object' });
  }

  if (problems.length > 0) return { ok: false, problems, code: tooLarge ? 'profile_too_large' : 'invalid_profile' };
  return { ok: true, value };
}
