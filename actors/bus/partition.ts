const encoder = new TextEncoder();

/** 32-bit FNV-1a over the UTF-8 bytes of `s`, as an unsigned integer. */
export function fnv1a32(s: string): number {
  const bytes = encoder.encode(s);
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The partition a user's events and profile updates go to: fnv1a32(utf8(userId)) mod P. */
export function partitionOf(userId: string, partitions: number): number {
  return fnv1a32(userId) % partitions;
}
