import process from 'node:process';
import { readPartitions } from '../../actors/bus/provision.ts';
import { LivesegError } from '../../actors/errors.ts';
import { jsonLogger } from '../../actors/logger.ts';
import { denoAssets, denoRuntime, serveDeno } from '../../gateway/deno.ts';
import { serveNode, UI_DIST } from '../../gateway/node.ts';
import { gatewayOptionsFromEnv } from '../../gateway/config.ts';
import { createGateway } from '../../gateway/system.ts';
import { allowsPrivate } from '../../actors/destinations/config.ts';
import { systemResolve } from '../../gateway/services/destination-dns.ts';
import { connectNats } from './nats-connect.ts';
import { intOption, logLevel, onShutdown, options } from './options.ts';

/**
 * `liveseg gateway [--port] [--host]`: the gateway alone; refuses to run without an admin key.
 * Under Deno (`deno run … deploy/cli/main.ts gateway`) the same app is served by `Deno.serve`.
 */
export async function run(args: string[]): Promise<void> {
  const o = options(args, { port: { type: 'string' }, host: { type: 'string' } });
  const settings = gatewayOptionsFromEnv(process.env);
  const keys = settings.keys;
  if (keys.admin.length === 0) {
    throw new LivesegError(
      'no_admin_key',
      'refusing to start without an admin key: set LIVESEG_ADMIN_KEYS (comma-separated); ' +
        'use `liveseg dev` for a keyless local setup on 127.0.0.1',
    );
  }
  const log = jsonLogger('gateway', logLevel());
  const nc = await connectNats({ name: 'liveseg-gateway', reconnect: true });
  await readPartitions(nc);
  // Destination URLs on private addresses are refused unless LIVESEG_DESTINATIONS_ALLOW_PRIVATE=1.
  const gw = await createGateway(nc, {
    ...settings,
    log,
    destinations: { allowPrivate: allowsPrivate(process.env), resolve: systemResolve },
  });
  const port = intOption(o.port, 'port', 8080, 0, 65535);
  const host = o.host ?? '0.0.0.0';
  const runtime = denoRuntime() ? 'deno' : 'node';
  const server =
    runtime === 'deno'
      ? await serveDeno(gw.app, { port, hostname: host, assets: denoAssets(UI_DIST) })
      : await serveNode(gw.app, port, host);
  log.info('gateway listening', { port: server.port, host, runtime });
  process.stdout.write(`ready: http://${host}:${server.port}\n`);
  onShutdown(async () => {
    await server.close();
    gw.stop();
    await nc.drain();
  });
  // Started by `liveseg cluster`: exit when the parent dies, even by SIGKILL (its pipe closes).
  if (process.env.LIVESEG_PARENT_PIPE === '1') process.stdin.on('end', () => process.kill(process.pid, 'SIGTERM')).resume();
}
