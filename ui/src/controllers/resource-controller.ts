/** Loads data for an element whenever its inputs change: status, value, error, abort, refresh. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { isAbort } from '../api/index.ts';

/** Where a resource is: nothing asked yet, loading, loaded, or failed. */
export type ResourceStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface ResourceOptions<T> {
  /** The inputs of the load; `undefined` means "nothing to load". Compared by JSON. */
  key: () => readonly unknown[] | undefined;
  /** Loads the value; must honour the signal. */
  load: (signal: AbortSignal) => Promise<T>;
  /** Reloads quietly (keeping the shown value) this often while connected. */
  refreshMs?: number;
  /** Waits this long after a key change before loading (search-as-you-type). */
  debounceMs?: number;
}

/**
 * A reactive controller for one remote resource. A key change aborts the running load and
 * starts a new one; the previous value stays available meanwhile, so lists do not flicker.
 */
export class ResourceController<T> implements ReactiveController {
  status: ResourceStatus = 'idle';
  value: T | undefined;
  error: unknown;
  private lastKey: string | undefined;
  private abort?: AbortController;
  private debounce?: ReturnType<typeof setTimeout>;
  private refresh?: ReturnType<typeof setInterval>;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly opts: ResourceOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    this.host.requestUpdate();
    if (this.opts.refreshMs) {
      this.refresh = setInterval(() => {
        if (this.status === 'ready') void this.run(true);
      }, this.opts.refreshMs);
    }
  }

  hostUpdate(): void {
    // A disconnected element may still render; it must not start loads it cannot finish.
    if (!this.connected) return;
    const key = this.opts.key();
    const serial = key === undefined ? undefined : JSON.stringify(key);
    if (serial === this.lastKey) return;
    const first = this.lastKey === undefined;
    this.lastKey = serial;
    clearTimeout(this.debounce);
    this.abort?.abort();
    if (serial === undefined) {
      this.status = 'idle';
      this.value = undefined;
      return;
    }
    this.status = 'loading';
    if (this.opts.debounceMs && !first) {
      this.debounce = setTimeout(() => void this.run(false), this.opts.debounceMs);
    } else {
      void this.run(false);
    }
  }

  hostDisconnected(): void {
    this.connected = false;
    clearTimeout(this.debounce);
    clearInterval(this.refresh);
    this.abort?.abort();
    // Reconnecting loads again.
    this.lastKey = undefined;
  }

  /** Loads again now; `quiet` keeps the current status and value until the answer arrives. */
  reload(quiet = false): Promise<void> {
    return this.run(quiet);
  }

  private async run(quiet: boolean): Promise<void> {
    if (!this.connected || this.lastKey === undefined) return;
    this.abort?.abort();
    const abort = (this.abort = new AbortController());
    if (!quiet && this.status !== 'loading') {
      this.status = 'loading';
      this.host.requestUpdate();
    }
    try {
      const value = await this.opts.load(abort.signal);
      if (abort.signal.aborted) return;
      this.value = value;
      this.error = undefined;
      this.status = 'ready';
    } catch (e) {
      if (abort.signal.aborted || isAbort(e)) return;
      this.error = e;
      // A failed background refresh keeps showing what was there.
      if (!quiet || this.value === undefined) this.status = 'error';
    }
    this.host.requestUpdate();
  }
}
