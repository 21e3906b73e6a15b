/** Pages through a segment's members and renders them as CSV. */
import type { ApiClient } from '../api/index.ts';
import { csvRow } from './csv.ts';

/** Largest page the gateway serves. */
const PAGE = 1000;

/**
 * All members as CSV (`user_id,entered_at` with ISO times), oldest entry first. `onProgress`
 * gets (done, total) after each page.
 */
export async function exportMembersCsv(
  api: ApiClient,
  segmentId: string,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<{ csv: string; count: number }> {
  let csv = csvRow(['user_id', 'entered_at']);
  let cursor: string | null = null;
  let count = 0;
  do {
    const page = await api.members(segmentId, { limit: PAGE, cursor }, signal);
    for (const u of page.users) csv += csvRow([u.userId, new Date(u.at).toISOString()]);
    count += page.users.length;
    onProgress(count, Math.max(page.total, count));
    // A page without users would loop forever on a misbehaving server.
    cursor = page.users.length === 0 ? null : page.next;
  } while (cursor);
  return { csv, count };
}

/** "Added to cart!" → "added-to-cart" for file names. */
export const slug = (s: string): string =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60) || 'segment';
