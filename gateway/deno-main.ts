/**
 * The gateway under Deno: `deno run --allow-net --allow-env --allow-read --allow-sys gateway/deno-main.ts`.
 * Same app as on Node, served by `Deno.serve`. Settings as `liveseg gateway`: NATS_URL,
 * LIVESEG_ADMIN_KEYS (required), LIVESEG_INGEST_KEYS, LIVESEG_RATE_LIMIT, LIVESEG_CORS_ORIGINS,
 * plus PORT (default 8080; 0 picks a free one) and HOST (default 0.0.0.0).
 */
import { connect } from '@nats-io/transport-node';
import { readPartitions } from '../actors/bus/provision.ts';
import { jsonLogger } from '../actors/logger.ts';
import { gatewayOptionsFromEnv } from './config.ts';
import { denoAssets, serveDeno } from './deno.ts';
import { createGateway } from './system.ts';

declare const Deno: any;

const env: Record<string, string> = Deno.env.toObject();
const options = gatewayOptionsFromEnv(env);
if (options.keys.admin.length === 0) {
  console.error('liveseg gateway: refusing to start without an admin key: set LIVESEG_ADMIN_KEYS (comma-separated)');
  Deno.exit(1);
}
const log = jsonLogger('gateway', (env.LIVESEG_LOG_LEVEL as 'info') ?? 'info');
const nc = await connect({
  servers: env.NATS_URL || 'nats://127.0.0.1:4222',
  name: 'liveseg-gateway-deno',
  maxReconnectAttempts: -1,
  noAsyncTraces: true,
});
await readPartitions(nc);
const gw = await createGateway(nc, { ...options, log });
const host = env.HOST || '0.0.0.0';
const uiDist = new URL('../ui/dist', import.meta.url).pathname;
const server = await serveDeno(gw.app, { port: Number(env.PORT ?? 8080), hostname: host, assets: denoAssets(uiDist) });
log.info('gateway listening', { port: server.port, host, runtime: 'deno' });
console.log(`ready: http://${host}:${server.port}`);

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  gw.stop();
  await server.close();
  await nc.drain().catch(() => undefined);
  Deno.exit(0);
};
Deno.addSignalListener('SIGINT', stop);
Deno.addSignalListener('SIGTERM', stop);
