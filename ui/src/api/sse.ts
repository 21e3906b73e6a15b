/**
 * Server-Sent Events over fetch. EventSource cannot send an Authorization header, and embedded
 * components need one cross-origin, so the stream is read and parsed here (WHATWG SSE rules).
 */

/** One dispatched event: its type (default "message") and data. */
export interface SseMessage {
  event: string;
  data: string;
  id?: string;
}

/** Incremental parser: feed text chunks, get complete events. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private id: string | undefined;
  /** Reconnection delay the server asked for with `retry:`, if any. */
  retryMs: number | undefined;

  /** Parses a chunk and returns the events it completed. */
  push(chunk: string): SseMessage[] {
    this.buffer += chunk;
    const out: SseMessage[] = [];
    for (;;) {
      const m = /\r\n|\r|\n/.exec(this.buffer);
      // A lone trailing "\r" may be the first half of "\r\n": wait for more.
      if (m === null || (m[0] === '\r' && m.index === this.buffer.length - 1)) break;
      const line = this.buffer.slice(0, m.index);
      this.buffer = this.buffer.slice(m.index + m[0].length);
      const msg = this.line(line);
      if (msg) out.push(msg);
    }
    return out;
  }

  private line(line: string): SseMessage | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const msg: SseMessage = { event: this.event || 'message', data: this.data.join('\n') };
      if (this.id !== undefined) msg.id = this.id;
      this.event = '';
      this.data = [];
      return msg;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.id = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
    return undefined;
  }
}

/** Reads an event stream body to its end, calling `onMessage` per event. */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  onMessage: (m: SseMessage) => void,
  parser = new SseParser(),
): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) {
        for (const m of parser.push(decoder.decode())) onMessage(m);
        return;
      }
      for (const m of parser.push(decoder.decode(value, { stream: true }))) onMessage(m);
    }
  } finally {
    reader.releaseLock();
  }
}
