/** Test support for the gateway's integration tests: entries published directly, SSE reading. */
import type { NatsConnection } from '@nats-io/nats-core';
import { jetstream } from '@nats-io/jetstream';
import { entryMsgId, entrySubject } from '../../actors/bus/names.ts';
import type { Entry, Reach } from '../../actors/types.ts';
import { violations } from '../spec/conforms.ts';
import { ROUTES, type RouteSpec } from '../spec/index.ts';

const encoder = new TextEncoder();

/** Reach with the given channels on. */
export const reach = (...on: Array<keyof Reach>): Reach => ({
  email: on.includes('email'),
  sms: on.includes('sms'),
  whatsapp: on.includes('whatsapp'),
  push: on.includes('push'),
  web_push: on.includes('web_push'),
});

/** Publishes entries to LIVESEG_ENTRIES as a worker would (deterministic msg ids). */
export async function publishEntries(nc: NatsConnection, entries: Array<Omit<Entry, 'cause'> & { n?: number }>): Promise<void> {
  const js = jetstream(nc);
  await Promise.all(
    entries.map((e) =>
      js.publish(entrySubject(e.segmentId), encoder.encode(JSON.stringify({ ...e, n: undefined, cause: { kind: 'action' } })), {
        msgID: entryMsgId(e.segmentId, e.userId, e.n ?? 1),
      }),
    ),
  );
}

/** One message of an event stream; comments have event "comment". */
export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/** An open SSE connection over real HTTP that collects what it receives. */
export interface SseClient {
  status: number;
  events: SseEvent[];
  of(event: string): SseEvent[];
  close(): void;
  closed: Promise<void>;
}

/** Connects to an SSE URL with fetch and parses frames as they arrive. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const ctrl = new AbortController();
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: ctrl.signal });
  const events: SseEvent[] = [];
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const closed = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        buffer += value;
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const ev: SseEvent = { event: 'message', data: '' };
          const data: string[] = [];
          for (const line of frame.split('\n')) {
            if (line.startsWith(':')) events.push({ event: 'comment', data: line.slice(1).trim() });
            else if (line.startsWith('event: ')) ev.event = line.slice(7);
            else if (line.startsWith('data: ')) data.push(line.slice(6));
            else if (line.startsWith('id: ')) ev.id = line.slice(4);
          }
          if (data.length) events.push({ ...ev, data: data.join('\n') });
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    status: res.status,
    events,
    closed,
    of: (event) => events.filter((e) => e.event === event),
    close: () => ctrl.abort(),
  };
}

/**
 * Where an answer breaks the OpenAPI document: the schema of the route's documented status.
 * Undocumented statuses of a known route are violations too.
 */
export function specViolations(method: string, path: string, status: number, json: unknown): string[] {
  const pathname = path.split('?')[0];
  const route = (ROUTES as readonly RouteSpec[]).find(
    (r) => r.method === method && new RegExp(`^${r.path.replace(/:\w+/g, '[^/]+')}$`).test(pathname),
  );
  if (!route) return [];
  const res = route.responses[status];
  if (!res) return [`${method} ${route.path}: status ${status} is not documented`];
  return res.schema ? violations({ $ref: `#/components/schemas/${res.schema}` }, json) : [];
}
