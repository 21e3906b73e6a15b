/** A progress indicator on stderr: a redrawn bar on a terminal, a line every few seconds otherwise. */
export interface Progress {
  /** Sets how much is done (same unit as the total). */
  update(done: number): void;
  /** Finishes the line. */
  done(note?: string): void;
}

const WIDTH = 30;

/** Starts a progress indicator for `total` units of `label`. */
export function createProgress(label: string, total: number, unit = 'events', stream: NodeJS.WriteStream = process.stderr): Progress {
  const tty = stream.isTTY === true;
  const started = performance.now();
  let last = 0;
  let shown = 0;
  const line = (done: number) => {
    const s = (performance.now() - started) / 1000;
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const bar = '█'.repeat(Math.round(frac * WIDTH)).padEnd(WIDTH, '░');
    return (
      `${label} ${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${fmt(done)}/${fmt(total)} ${unit}, ` +
      `${fmt(done / Math.max(s, 1e-3))}/s, ${s.toFixed(1)} s`
    );
  };
  return {
    update(done) {
      last = done;
      const now = performance.now();
      if (tty) {
        if (now - shown < 100) return;
        stream.write(`\r${line(done)}\x1b[K`);
      } else {
        if (now - shown < 5000) return;
        stream.write(`${line(done)}\n`);
      }
      shown = now;
    },
    done(note) {
      stream.write(`${tty ? '\r' : ''}${line(last)}${note ? ` ${note}` : ''}${tty ? '\x1b[K' : ''}\n`);
    },
  };
}

/** 12345 → "12.3k". */
export function fmt(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${(n / 1e3).toFixed(1)}k`;
  return String(Math.round(n));
}
