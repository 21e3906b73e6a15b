/** Label values by label name. */
export type Labels = Record<string, string | number>;

/** One sample of a metric family rendered at scrape time. */
export interface Sample {
  labels?: Labels;
  value: number;
  /** Appended to the family's name: `_bucket`, `_sum`, `_count` of a histogram. */
  suffix?: string;
}

/** Prometheus metric types (a histogram's samples carry their suffix). */
export type MetricType = 'counter' | 'gauge' | 'histogram';

interface Family {
  help: string;
  type: MetricType;
  /** Counters kept here, by rendered label set. */
  values: Map<string, { labels: Labels; value: number }>;
  /** Gauges (and counters owned elsewhere) read at scrape time. */
  collect?: () => Sample[] | Promise<Sample[]>;
}

const escapeLabel = (v: string | number) => String(v).replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const render = (labels: Labels | undefined): string => {
  const keys = labels ? Object.keys(labels) : [];
  return keys.length === 0 ? '' : `{${keys.map((k) => `${k}="${escapeLabel(labels![k])}"`).join(',')}}`;
};

/**
 * A minimal Prometheus registry (text format 0.0.4): counters incremented in place and gauges
 * collected when scraped. Enough for this gateway without a client library dependency.
 */
export class Metrics {
  private readonly families = new Map<string, Family>();

  /** Declares a counter; `inc` adds to it. */
  counter(name: string, help: string): void {
    this.families.set(name, { help, type: 'counter', values: new Map() });
  }

  /** Declares a metric whose samples are read at scrape time. */
  collected(name: string, help: string, type: MetricType, collect: () => Sample[] | Promise<Sample[]>): void {
    this.families.set(name, { help, type, values: new Map(), collect });
  }

  /** Adds `by` to a counter's sample with these labels. */
  inc(name: string, labels: Labels = {}, by = 1): void {
    const f = this.families.get(name);
    if (!f) throw new Error(`unknown metric ${name}`);
    const key = render(labels);
    const v = f.values.get(key);
    if (v) v.value += by;
    else f.values.set(key, { labels, value: by });
  }

  /** The exposition text. */
  async render(): Promise<string> {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      const samples: Sample[] = f.collect ? await f.collect() : [...f.values.values()];
      for (const s of samples) out.push(`${name}${s.suffix ?? ''}${render(s.labels)} ${Number.isFinite(s.value) ? s.value : 0}`);
    }
    return `${out.join('\n')}\n`;
  }
}
