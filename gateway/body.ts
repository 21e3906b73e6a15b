import type { Context } from 'hono';
import { badRequest, HttpError } from './errors.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });
/** JSON nested deeper than this is refused before any validator walks it. */
const MAX_DEPTH = 64;

/**
 * Reads a JSON body of at most `limit` bytes: 413 when larger, 400 on bad UTF-8, bad JSON or
 * absurd nesting. Reads the stream itself, so a lying Content-Length cannot get past the limit.
 */
export async function readJson(c: Context, limit: number): Promise<unknown> {
  const declared = Number(c.req.header('content-length'));
  if (declared > limit) throw tooLarge(limit);
  const reader = c.req.raw.body?.getReader();
  if (!reader) throw badRequest('invalid_json', 'request body is empty; expected JSON');
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const ch of chunks) { bytes.set(ch, at); at += ch.byteLength; }
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    throw badRequest('invalid_utf8', 'request body is not valid UTF-8');
  }
  if (!text.trim()) throw badRequest('invalid_json', 'request body is empty; expected JSON');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw badRequest('invalid_json', `request body is not valid JSON: ${(err as Error).message}`);
  }
  if (depthOf(value) > MAX_DEPTH) throw badRequest('too_deep', `JSON is nested deeper than ${MAX_DEPTH} levels`);
  return value;
}

const tooLarge = (limit: number) =>
  new HttpError(413, 'payload_too_large', `request body is larger than ${limit} bytes`);

/** Nesting depth, computed without recursion (so a hostile body cannot overflow the stack). */
function depthOf(root: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > max) max = d;
    if (max > MAX_DEPTH) return max;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return max;
}
