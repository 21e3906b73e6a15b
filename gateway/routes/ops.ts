import type { OperationHandler } from '../env.ts';
import { errorBody } from '../errors.ts';
import type { Metrics } from '../services/metrics.ts';

/** What the operations handlers need. */
export interface OpsDeps {
  /** True while NATS is connected and the streams exist. */
  isReady: () => boolean | Promise<boolean>;
  metrics: Metrics;
  openapi: Record<string, unknown>;
}

/** Health, readiness, metrics and the API description. */
export function opsHandlers(deps: OpsDeps) {
  return {
    health: (c) => c.json({ ok: true }),
    ready: async (c) =>
      (await deps.isReady()) ? c.json({ ready: true }) : c.json(errorBody('unavailable', 'not connected to NATS or streams missing'), 503),
    metrics: async (c) => c.body(await deps.metrics.render(), 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' }),
    openapi: (c) => c.json(deps.openapi),
  } satisfies Record<string, OperationHandler>;
}
