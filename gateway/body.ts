import type { Context } from 'hono';
import { badRequest, HttpError } from './errors.ts';

const decoder = new TextDecoder('utf-8', { fatal: true });
/** JSON nested deeper than this is refused before any validator walks it. */
const MAX_DEPTH = 64;

/**
 * Reads a JSON body of at most `limit` bytes: 413 when larger, 400 on bad UTF-8, bad JSON or
 * absurd nesting. A body framed by Content-Length is read in one go (the runtime never delivers
 * more than declared, and @hono/node-server reads it without web-stream overhead); a chunked
 * body is streamed and cut off at the limit, so it cannot exhaust memory either way. A gzip body
 * (`Content-Encoding: gzip`) is held to `limit` both as sent and once inflated (see `inflate`);
 * any other encoding is refused with 415.
 */
export async function readJson(c: Context, limit: number): Promise<unknown> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > limit) throw tooLarge(limit);
  const encoding = contentEncoding(c.req.header('content-encoding'));
  let bytes = await readBytes(c.req.raw, limit, declared !== undefined && /^\d+$/.test(declared));
  if (bytes.byteLength > limit) throw tooLarge(limit);
  if (encoding === 'gzip') bytes = await inflate(bytes, limit);
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

async function readBytes(req: Request, limit: number, framed: boolean): Promise<Uint8Array> {
  try {
    if (framed || !req.body) return new Uint8Array(await req.arrayBuffer());
    return await readStream(req.body, limit);
  } catch (err) {
    if (err instanceof HttpError) throw err;
    // A client that aborts mid-upload: its fault, not ours.
    throw new HttpError('invalid_request', 'the request body could not be read', undefined, { cause: err });
  }
}

/** Reads a stream to its end, refusing it as soon as it passes `limit` bytes. */
async function readStream(body: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = body.getReader();
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
  for (const ch of chunks) {
    bytes.set(ch, at);
    at += ch.byteLength;
  }
  return bytes;
}

const tooLarge = (limit: number) => new HttpError('payload_too_large', `request body is larger than ${limit} bytes`);

/** The one coding of a `Content-Encoding` header the gateway reads: none (identity) or gzip; else 415. */
function contentEncoding(header: string | undefined): 'identity' | 'gzip' {
  const codings = (header ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s && s !== 'identity');
  if (codings.length === 0) return 'identity';
  if (codings.length === 1 && (codings[0] === 'gzip' || codings[0] === 'x-gzip')) return 'gzip';
  throw new HttpError('unsupported_encoding', `Content-Encoding "${header!.slice(0, 40)}" is not supported; send gzip or no encoding`);
}

/**
 * Compressed bytes go into the inflater this many at a time. Each slice can inflate at most
 * ~1,000-fold (deflate's ceiling), so a decompression bomb yields at most ~8 MiB before the
 * output counter sees it, whichever runtime's DecompressionStream runs. Deno's inflates a whole
 * written chunk at once: fed a 1 GiB bomb (1 MB of gzip) in one piece it inflated all of it
 * (2.1 GB of RSS, 11 s); in 8 KiB slices it stopped after 8 MiB, in 64 ms. Node's stops at ~1 MiB.
 */
const INFLATE_SLICE = 8 * 1024;

/** Gunzips `bytes`, refusing the body with 413 as soon as its inflated size passes `limit`. */
async function inflate(bytes: Uint8Array, limit: number): Promise<Uint8Array> {
  let at = 0;
  const compressed = new ReadableStream<BufferSource>({
    pull(ctrl) {
      if (at >= bytes.byteLength) return ctrl.close();
      ctrl.enqueue(bytes.subarray(at, (at += INFLATE_SLICE)) as Uint8Array<ArrayBuffer>);
    },
  });
  try {
    return await readStream(compressed.pipeThrough(new DecompressionStream('gzip')), limit);
  } catch (err) {
    if (err instanceof HttpError) throw new HttpError('payload_too_large', `request body is larger than ${limit} bytes once decompressed`);
    throw badRequest('invalid_request', 'request body is not valid gzip (Content-Encoding: gzip)');
  }
}

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
