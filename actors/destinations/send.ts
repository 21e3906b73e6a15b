import { webhookHeaders } from './signature.ts';
import { targetRefusal, type TargetPolicy } from './target.ts';
import type { Attempt } from './types.ts';

/** A 2xx within this is a delivery (docs/destinations.md). */
export const DELIVERY_TIMEOUT_MS = 10_000;

/** How one webhook is sent. */
export interface SendOptions {
  policy: TargetPolicy;
  timeoutMs?: number;
  /** Wall clock for `webhook-timestamp`. */
  now?: () => number;
  fetch?: typeof fetch;
}

/** Why a fetch failed, without the URL (which may carry a token) or anything the receiver sent. */
function failure(err: unknown, timeoutMs: number): string {
  if (err instanceof DOMException && (err.name === 'TimeoutError' || err.name === 'AbortError')) return `timeout after ${timeoutMs} ms`;
  const cause = (err as { cause?: { code?: unknown; message?: unknown } })?.cause;
  if (typeof cause?.code === 'string') return `network error ${cause.code}`;
  return err instanceof Error ? `network error (${err.name})` : 'network error';
}

/**
 * POSTs one signed webhook and says how it went: ok for a 2xx within the timeout; anything else
 * (a status, a timeout, a refused target, a network error) is a failed attempt. Redirects are not
 * followed: one could lead to an address the target check refused.
 */
export async function sendWebhook(target: { url: string; secret: string }, id: string, body: string, o: SendOptions): Promise<Attempt> {
  const timeoutMs = o.timeoutMs ?? DELIVERY_TIMEOUT_MS;
  const started = performance.now();
  const ms = () => Math.round(performance.now() - started);
  const refused = await targetRefusal(target.url, o.policy);
  if (refused) return { ok: false, ms: ms(), error: `refused: ${refused}` };
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'liveseg-webhooks/1',
    ...(await webhookHeaders(target.secret, id, (o.now ?? Date.now)(), body)),
  };
  try {
    const res = await (o.fetch ?? fetch)(target.url, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    // The answer's body is not read: only the status counts, and a huge body must not be buffered.
    await res.body?.cancel().catch(() => undefined);
    const ok = res.status >= 200 && res.status < 300;
    return ok ? { ok, status: res.status, ms: ms() } : { ok, status: res.status, ms: ms(), error: `status ${res.status}` };
  } catch (err) {
    return { ok: false, ms: ms(), error: failure(err, timeoutMs) };
  }
}
