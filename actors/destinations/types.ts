/** What a destination is, as stored and as answered (docs/destinations.md). */

/** A destination as the API answers it: never with its secret. */
export interface Destination {
  id: string;
  name: string;
  url: string;
  segments: string[];
  /** Epoch ms; entries stored from then on are delivered. */
  createdAt: number;
}

/** A destination as stored in the `liveseg_destinations` bucket: with the signing secret. */
export interface StoredDestination extends Destination {
  /** `whsec_` + base64 of the HMAC key (Standard Webhooks). */
  secret: string;
}

/** What a request to create a destination holds, once validated. */
export interface DestinationInput {
  name: string;
  url: string;
  segments: string[];
}

/** The outcome of one HTTP attempt. */
export interface Attempt {
  ok: boolean;
  /** The HTTP status, when an answer arrived. */
  status?: number;
  /** Time until the answer (or the failure), ms. */
  ms: number;
  /** Why it failed: `status 503`, `timeout after 10000 ms`, `refused: private address 10.0.0.1`, … */
  error?: string;
}

/** One recent delivery attempt, as listed by `GET /v1/destinations/:id`. */
export interface RecentDelivery extends Attempt {
  /** The `webhook-id` (the entry's `Nats-Msg-Id`, or `test_…`). */
  id: string;
  /** Epoch ms of the attempt's end. */
  at: number;
  /** 1 for the first try. */
  attempt: number;
  /** What became of the entry: delivered, will be retried, or given up on. */
  outcome: 'delivered' | 'retrying' | 'failed' | 'test';
}

/** Counts of a destination, summed over every delivering process. */
export interface DestinationStats {
  delivered: number;
  /** Entries that failed at least once and are waiting for their next try. */
  retrying: number;
  failed: number;
  lastError?: string;
}

/** The stored stats record of a destination (`stats.<id>`): counts, latency buckets and recent attempts. */
export interface StoredStats extends DestinationStats {
  /** Attempts by outcome of the attempt (`delivered`, `retrying`, `failed`). */
  attempts: { ok: number; error: number };
  /** Counts of attempt latencies per LATENCY_BUCKETS_MS bound (cumulative form is built when rendered). */
  latency: number[];
  latencySumMs: number;
  recent: RecentDelivery[];
}
