/** Helpers for component tests under happy-dom: browser stubs uPlot needs, a fake gateway, mounting. */
import { vi } from 'vitest';

// Tests run Lit's development build; its one-time "dev mode" notice is noise in test output.
(globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings ??= new Set(['dev-mode']);

/** A Path2D that records nothing (uPlot builds its series paths with it). */
class FakePath2D {
  moveTo() {}
  lineTo() {}
  rect() {}
  arc() {}
  closePath() {}
  addPath() {}
  bezierCurveTo() {}
  quadraticCurveTo() {}
}

/** Canvas, Path2D and matchMedia stubs (happy-dom has no 2D context; uPlot needs them). */
export function stubBrowser(): void {
  vi.stubGlobal('Path2D', FakePath2D);
  const ctx = new Proxy(
    {},
    {
      get: (_t, key) => {
        if (key === 'measureText') return () => ({ width: 10 });
        if (key === 'canvas') return document.createElement('canvas');
        return () => undefined;
      },
      set: () => true,
    },
  );
  HTMLCanvasElement.prototype.getContext = vi.fn(() => ctx) as unknown as HTMLCanvasElement['getContext'];
  window.matchMedia = vi.fn((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  })) as unknown as typeof window.matchMedia;
}

/** A route of the fake gateway: answers a JSON body with a status, or a Response. */
export type FakeRoute = (req: { method: string; url: URL; body: unknown; signal?: AbortSignal | null }) => unknown;

const json = (status: number, body: unknown) =>
  new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/**
 * Replaces global fetch with a router: keys are "METHOD /path" (no query); values return
 * `[status, body]`, a body (200) or a Response. Unknown routes answer 404 like the gateway.
 */
export function fakeGateway(routes: Record<string, FakeRoute>) {
  const calls: Array<{ method: string; url: URL; body: unknown; headers: Headers }> = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    calls.push({ method, url, body, headers: new Headers(init.headers) });
    const route = routes[`${method} ${url.pathname}`];
    if (!route) return json(404, { error: { code: 'not_found', message: 'no route' } });
    const out = await route({ method, url, body, signal: init.signal });
    if (out instanceof Response) return out;
    if (Array.isArray(out) && out.length === 2 && typeof out[0] === 'number') return json(out[0], out[1]);
    return json(200, out);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetch: fetchMock };
}

/** An SSE response that stays open; push events with `send`, end it with `close`. */
export function sseResponse(signal?: AbortSignal | null) {
  const enc = new TextEncoder();
  let ctrl!: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start: (c) => {
      ctrl = c;
    },
  });
  signal?.addEventListener('abort', () => {
    try {
      ctrl.error(new DOMException('aborted', 'AbortError'));
    } catch {
      /* closed */
    }
  });
  return {
    response: new Response(stream, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    send: (event: string, data: unknown) => ctrl.enqueue(enc.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)),
    close: () => ctrl.close(),
  };
}

/** Adds an element to the document and waits for its first render. */
export async function mount<T extends HTMLElement & { updateComplete?: Promise<unknown> }>(html: string): Promise<T> {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  const el = host.firstElementChild as T;
  await el.updateComplete;
  return el;
}

/** Waits until `fn` returns truthy (polling), failing after `ms`. */
export async function until<T>(fn: () => T, ms = 2000): Promise<NonNullable<T>> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v) return v as NonNullable<T>;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The text of an element's shadow root, whitespace collapsed. */
export const shadowText = (el: Element): string => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** querySelector inside an element's shadow root. */
export const $ = <E extends Element = HTMLElement>(el: Element, sel: string): E | null => el.shadowRoot!.querySelector<E>(sel);

/** Types into an input like a person: sets the value and fires `input`. */
export function type(input: HTMLInputElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}
