import { blockedReason, isIpLiteral } from './address.ts';

/** Resolves a host name to its IP addresses (node:dns in deploy/, anything in tests). */
export type Resolve = (host: string) => Promise<string[]>;

/** Who a destination may reach. */
export interface TargetPolicy {
  /** True: loopback, link-local and private targets are allowed (`liveseg dev`, LIVESEG_DESTINATIONS_ALLOW_PRIVATE=1). */
  allowPrivate: boolean;
  /** Absent: names are not resolved, so only IP literals and `localhost` can be judged. */
  resolve?: Resolve;
}

/** The longest destination URL accepted. */
export const MAX_URL_LENGTH = 2048;

/** The problems of a destination URL's form (scheme, credentials, host); empty when it is usable. */
export function urlProblems(raw: unknown): string[] {
  if (typeof raw !== 'string' || raw.length === 0) return ['must be an http or https URL'];
  if (raw.length > MAX_URL_LENGTH) return [`must be at most ${MAX_URL_LENGTH} characters`];
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return ['is not a valid URL'];
  }
  const problems: string[] = [];
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    problems.push(`scheme must be http or https, not ${url.protocol.slice(0, -1)}`);
  if (url.username || url.password) problems.push('must not carry credentials (user:password@); receivers verify the signature instead');
  if (!url.hostname) problems.push('has no host');
  return problems;
}

const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');
const isLocalhostName = (host: string) => host === 'localhost' || host.endsWith('.localhost');

/**
 * Why `url` may not be reached under `policy`, e.g. `resolves to 10.0.0.7 (private)`; undefined
 * when it may. Names are resolved and every address is judged, so a public name pointing inside
 * is refused too. Called when a destination is created and again before every delivery (DNS can
 * change in between).
 */
export async function targetRefusal(url: string, policy: TargetPolicy): Promise<string | undefined> {
  if (policy.allowPrivate) return undefined;
  const host = hostOf(new URL(url));
  if (isLocalhostName(host)) return `${host} is loopback`;
  if (isIpLiteral(host)) {
    const why = blockedReason(host);
    return why && `${host} is ${why}`;
  }
  if (!policy.resolve) return undefined;
  let addresses: string[];
  try {
    addresses = await policy.resolve(host);
  } catch {
    return `${host} does not resolve`;
  }
  if (addresses.length === 0) return `${host} does not resolve`;
  for (const a of addresses) {
    const why = blockedReason(a);
    if (why) return `${host} resolves to ${a} (${why})`;
  }
  return undefined;
}
