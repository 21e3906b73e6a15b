import { describe, expect, it } from 'vitest';
import { readEventStream, SseParser } from './sse.ts';

describe('SseParser', () => {
  it('parses events split across chunks, with ids, comments, CRLF and multi-line data', () => {
    const p = new SseParser();
    expect(p.push('retry: 3000\n: connected\n\nevent: entry\nid: 7\ndata: {"userId":')).toEqual([]);
    expect(p.push('"u-1"}\n\nevent: rate\r\ndata: a\r\ndata: b\r')).toEqual([{ event: 'entry', id: '7', data: '{"userId":"u-1"}' }]);
    expect(p.push('\n\r\n')).toEqual([{ event: 'rate', id: '7', data: 'a\nb' }]);
    expect(p.retryMs).toBe(3000);
  });

  it('defaults the type to "message" and ignores events without data', () => {
    const p = new SseParser();
    expect(p.push('event: x\n\ndata:plain\n\n')).toEqual([{ event: 'message', data: 'plain' }]);
  });

  it('reads a byte stream, including multi-byte characters split between chunks', async () => {
    const bytes = new TextEncoder().encode('event: entry\ndata: {"userId":"müller"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes.slice(0, cut));
        c.enqueue(bytes.slice(cut));
        c.close();
      },
    });
    const seen: string[] = [];
    await readEventStream(body, (m) => seen.push(m.data));
    expect(seen).toEqual(['{"userId":"müller"}']);
  });
});
