import type { DestinationInput } from './types.ts';
import type { Parsed, Problem } from '../types.ts';
import { urlProblems } from './target.ts';

/** Most segments one destination may take: each is one durable consumer of LIVESEG_ENTRIES. */
export const MAX_DESTINATION_SEGMENTS = 20;
/** Longest destination name, in code points. */
export const MAX_DESTINATION_NAME = 200;
const FIELDS = ['name', 'url', 'segments'];
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * Checks a create request's body, listing every problem with its path: the name, the URL's form
 * (see urlProblems), and the segments (1 to MAX_DESTINATION_SEGMENTS distinct live ones).
 * Whether the URL's host may be reached is asked separately (targetRefusal), as it needs DNS.
 */
export function parseDestinationInput(body: unknown, segmentExists: (id: string) => boolean): Parsed<DestinationInput> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { ok: false, problems: [{ path: '', message: 'must be an object { name, url, segments }' }] };
  }
  const o = body as Record<string, unknown>;
  const problems: Problem[] = [];
  for (const k of Object.keys(o)) if (!FIELDS.includes(k)) problems.push({ path: k.slice(0, 100), message: 'unknown field' });

  if (typeof o.name !== 'string' || o.name.trim() === '') problems.push({ path: 'name', message: 'must be a non-empty string' });
  else if ([...o.name].length > MAX_DESTINATION_NAME)
    problems.push({ path: 'name', message: `must be at most ${MAX_DESTINATION_NAME} characters` });
  else if (CONTROL.test(o.name)) problems.push({ path: 'name', message: 'must not contain control characters' });

  for (const message of urlProblems(o.url)) problems.push({ path: 'url', message });

  if (!Array.isArray(o.segments) || o.segments.length === 0) {
    problems.push({ path: 'segments', message: 'must be a non-empty array of segment ids' });
  } else if (o.segments.length > MAX_DESTINATION_SEGMENTS) {
    problems.push({ path: 'segments', message: `at most ${MAX_DESTINATION_SEGMENTS} segments per destination, got ${o.segments.length}` });
  } else {
    const seen = new Set<string>();
    o.segments.forEach((id, i) => {
      const path = `segments[${i}]`;
      if (typeof id !== 'string' || id === '') problems.push({ path, message: 'must be a segment id' });
      else if (seen.has(id)) problems.push({ path, message: 'is listed twice' });
      else if (!segmentExists(id)) problems.push({ path, message: `no segment ${JSON.stringify(id.slice(0, 100))}` });
      if (typeof id === 'string') seen.add(id);
    });
  }
  if (problems.length) return { ok: false, problems };
  return { ok: true, value: { name: (o.name as string).trim(), url: o.url as string, segments: o.segments as string[] } };
}
