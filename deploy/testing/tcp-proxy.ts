import { connect, createServer, type Server, type Socket } from 'node:net';

/** Which way traffic is held: from clients to the server, from the server to clients, or both. */
export type Direction = 'up' | 'down' | 'both';

/**
 * A TCP proxy in front of a server, for fault tests: `cut` holds the traffic of every connection
 * (as a network partition does while TCP keeps retransmitting) without closing anything, and
 * `heal` delivers what was held, in order, then lets traffic flow again.
 */
export class TcpProxy {
  private readonly held = { up: false, down: false };
  private readonly pending: Record<'up' | 'down', Array<() => void>> = { up: [], down: [] };
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    /** The proxy's address, `nats://127.0.0.1:<port>`. */
    readonly url: string,
  ) {}

  /** Listens on a free local port and forwards every connection to `target` (`nats://host:port`). */
  static async start(target: string): Promise<TcpProxy> {
    const { hostname, port } = new URL(target.split(',')[0]);
    let proxy: TcpProxy | undefined;
    const server = createServer((client) => proxy!.pipe(client, connect(Number(port), hostname)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('the proxy has no port');
    proxy = new TcpProxy(server, `nats://127.0.0.1:${address.port}`);
    return proxy;
  }

  /** Holds traffic in `direction` until `heal`. */
  cut(direction: Direction = 'both'): void {
    if (direction !== 'down') this.held.up = true;
    if (direction !== 'up') this.held.down = true;
  }

  /** Delivers everything held, then lets traffic flow. */
  heal(): void {
    this.held.up = false;
    this.held.down = false;
    for (const send of this.pending.up.splice(0)) send();
    for (const send of this.pending.down.splice(0)) send();
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pipe(client: Socket, upstream: Socket): void {
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        this.sockets.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    const forward = (from: Socket, to: Socket, way: 'up' | 'down') =>
      from.on('data', (chunk) => {
        if (this.held[way]) this.pending[way].push(() => to.write(chunk));
        else to.write(chunk);
      });
    forward(client, upstream, 'up');
    forward(upstream, client, 'down');
  }
}
