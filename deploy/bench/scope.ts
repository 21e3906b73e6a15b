/**
 * Everything a benchmark started (servers, processes, temp dirs, connections), stopped in reverse
 * order exactly once: at the end of a phase, on an error, or on Ctrl-C.
 */
export class Scope {
  private readonly stops: Array<{ what: string; stop: () => unknown }> = [];

  /** Registers how to stop something just started; returns it for chaining. */
  add<T>(what: string, value: T, stop: (value: T) => unknown): T {
    this.stops.push({ what, stop: () => stop(value) });
    return value;
  }

  /** A child scope whose resources are also stopped when this one is. */
  child(): Scope {
    const c = new Scope();
    this.add('scope', c, (s) => s.close());
    return c;
  }

  /** Stops everything registered, newest first; failures are reported, never thrown. */
  async close(): Promise<void> {
    for (let s = this.stops.pop(); s; s = this.stops.pop()) {
      try {
        await s.stop();
      } catch (err) {
        process.stderr.write(`cleanup of ${s.what} failed: ${String(err)}\n`);
      }
    }
  }
}
