/**
 * Which IP addresses a destination may not reach from a shared deployment: loopback, link-local,
 * private, shared (CGNAT), unspecified, multicast and the like, in IPv4 and IPv6 (IPv4-mapped
 * and -compatible IPv6 forms are judged as the IPv4 address they carry).
 */

/** Parses dotted-quad IPv4 into a 32-bit unsigned number; undefined when it is not one. */
function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256 + Number(p);
  }
  return n;
}

/** Parses IPv6 text (with `::`, an embedded IPv4 tail, a zone) into 8 groups; undefined when it is not IPv6. */
export function parseIpv6(text: string): number[] | undefined {
  let s = text.replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return undefined;
  // An IPv4 tail (`::ffff:127.0.0.1`) becomes its two groups.
  const lastColon = s.lastIndexOf(':');
  const last = s.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIpv4(last);
    if (v4 === undefined) return undefined;
    s = `${s.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const group = (h: string) => (h === '' ? [] : h.split(':'));
  const head = group(halves[0]!);
  const rest = halves.length === 2 ? group(halves[1]!) : [];
  if (![...head, ...rest].every((w) => /^[0-9a-f]{1,4}$/i.test(w))) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const fill: number[] = Array(8 - known).fill(0);
  const hex = (w: string) => Number.parseInt(w, 16);
  return [...head.map(hex), ...fill, ...rest.map(hex)];
}

/** IPv4 ranges refused, as [network, mask, what]: parsed once, as every delivery judges its target's addresses. */
const V4_BLOCKED: ReadonlyArray<[number, number, string]> = (
  [
    ['0.0.0.0', 8, 'unspecified'],
    ['10.0.0.0', 8, 'private'],
    ['100.64.0.0', 10, 'shared (CGNAT)'],
    ['127.0.0.0', 8, 'loopback'],
    ['169.254.0.0', 16, 'link-local'],
    ['172.16.0.0', 12, 'private'],
    ['192.0.0.0', 24, 'IETF protocol assignments'],
    ['192.168.0.0', 16, 'private'],
    ['198.18.0.0', 15, 'benchmarking'],
    ['224.0.0.0', 4, 'multicast'],
    ['240.0.0.0', 4, 'reserved'],
  ] as const
).map(([base, bits, what]) => {
  const mask = (~0 << (32 - bits)) >>> 0;
  return [(parseIpv4(base)! & mask) >>> 0, mask, what];
});

function v4Reason(ip: number): string | undefined {
  for (const [network, mask, what] of V4_BLOCKED) if ((ip & mask) >>> 0 === network) return what;
  return undefined;
}

/**
 * Why `address` (an IP literal) may not be a destination's target, e.g. `loopback`; undefined
 * when it is a public address. Text that is no IP address at all is refused as `not an IP address`.
 */
export function blockedReason(address: string): string | undefined {
  const v4 = parseIpv4(address);
  if (v4 !== undefined) return v4Reason(v4);
  const g = parseIpv6(address);
  if (!g) return 'not an IP address';
  const zeros = (n: number) => g.slice(0, n).every((w) => w === 0);
  if (zeros(8)) return 'unspecified';
  if (zeros(7) && g[7] === 1) return 'loopback';
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64): the IPv4 inside decides.
  const inner = (form: string) => {
    const why = v4Reason(((g[6]! << 16) | g[7]!) >>> 0);
    return why && `${why} (${form})`;
  };
  if (zeros(5) && g[5] === 0xffff) return inner('IPv4-mapped');
  if (zeros(6)) return inner('IPv4-compatible');
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((w) => w === 0)) return inner('NAT64');
  if ((g[0]! & 0xfe00) === 0xfc00) return 'unique local (private)';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xffc0) === 0xfec0) return 'site-local (private)';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation';
  return undefined;
}

/** Whether `host` (a URL hostname, IPv6 in brackets or not) is an IP literal rather than a name. */
export const isIpLiteral = (host: string): boolean => parseIpv4(host) !== undefined || parseIpv6(host) !== undefined;
