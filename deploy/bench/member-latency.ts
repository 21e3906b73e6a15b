// Time from POST /v1/events to the user being listed as a member of an action segment, against a
// running system (e.g. `npm start`, demo traffic on). Run:
//   npx tsx deploy/bench/member-latency.ts [--base http://127.0.0.1:8080] [--probes 30] [--key KEY]
import { parseArgs } from 'node:util';
import { percentile, printJson } from './stats.ts';

const { values } = parseArgs({ options: { base: { type: 'string' }, probes: { type: 'string' }, key: { type: 'string' } } });
const base = values.base ?? 'http://127.0.0.1:8080';
const probes = Number(values.probes ?? 30);
const headers: Record<string, string> = {
  'content-type': 'application/json',
  ...(values.key ? { authorization: `Bearer ${values.key}` } : {}),
};
const call = async (method: string, path: string, body?: unknown) =>
  (await fetch(base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })).json();

const segment = await call('POST', '/v1/segments', {
  name: `Latency probe ${Date.now()}`,
  trigger: { kind: 'action', event: 'Latency Probe' },
});
const ms: number[] = [];
for (let i = 0; i < probes; i++) {
  const userId = `probe-${Date.now()}-${i}`;
  const t0 = performance.now();
  await call('POST', '/v1/events', { userId, name: 'Latency Probe' });
  // Members are oldest first: ask from the position this probe will take.
  for (;;) {
    const page = await call('GET', `/v1/segments/${segment.id}/members?limit=10&cursor=${i}`);
    if (page.users.some((u: { userId: string }) => u.userId === userId)) break;
    await new Promise((r) => setTimeout(r, 2));
  }
  ms.push(performance.now() - t0);
}
await call('DELETE', `/v1/segments/${segment.id}`);
const result = {
  probes,
  p50_ms: +percentile(ms, 50).toFixed(1),
  p90_ms: +percentile(ms, 90).toFixed(1),
  max_ms: +Math.max(...ms).toFixed(1),
};
console.log(`event → member over HTTP: p50 ${result.p50_ms} ms, p90 ${result.p90_ms} ms, max ${result.max_ms} ms (${probes} probes)`);
printJson(result);
