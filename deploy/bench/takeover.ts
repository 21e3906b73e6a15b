/**
 * Takeover after SIGKILL, with production lease timing (10 s TTL, 2 s heartbeat):
 *
 *   npx tsx deploy/bench/takeover.ts [--users 20000] [--rounds 3]
 *
 * Two workers share 16 partitions; `users` users arm a 5 s inaction window; once every window is
 * armed, one worker is killed. Measured per round: the time until the survivor holds every lease
 * (`takeover_ms`), until the last window fired (`recovered_ms`: the dead worker's windows are
 * overdue by then and fire at once from the durable deadline index), and that every window fired
 * exactly once. Prints medians, and the rounds, as the last line (JSON).
 */
import { parseArgs } from 'node:util';
import { DeliverPolicy, jetstream } from '@nats-io/jetstream';
import { Kvm } from '@nats-io/kv';
import { BUCKET_LEASES, STREAM_ENTRIES, eventSubject } from '../../actors/bus/names.ts';
import { partitionOf } from '../../actors/bus/partition.ts';
import type { Entry, Segment } from '../../actors/types.ts';
import { AckPublisher } from '../../gateway/services/index.ts';
import { leasesBalanced, startWorkers } from './bench-workers.ts';
import { putSegments, startBenchNats } from './bench-nats.ts';
import { watchDrain } from './drain-watch.ts';
import { pipeline } from './pipeline.ts';
import { Scope } from './scope.ts';
import { median, printJson } from './stats.ts';

const { values } = parseArgs({ options: { users: { type: 'string', default: '20000' }, rounds: { type: 'string', default: '3' } } });
const USERS = Number(values.users);
const P = 16;
const WITHIN_MS = 5000;
const LEASES = { LIVESEG_LEASE_TTL_MS: '10000', LIVESEG_HEARTBEAT_MS: '2000' };
const encoder = new TextEncoder();
const segment: Segment = {
  id: 'sg_takeover',
  name: 'takeover',
  kind: 'inaction',
  createdAt: Date.now() - 1000,
  definition: {
    name: 'takeover',
    trigger: { kind: 'inaction', event: 'Cart', without: { event: 'Paid' }, within: `${WITHIN_MS / 1000}s` },
  },
};

async function round(r: number) {
  const scope = new Scope();
  try {
    const nats = await startBenchNats(scope, P);
    await putSegments(nats.nc, [segment]);
    const workers = await startWorkers(scope, nats.url, 2, LEASES);
    while (!(await leasesBalanced(nats.nc, P, 2))) await new Promise((res) => setTimeout(res, 200));
    const kv = await new Kvm(nats.nc).open(BUCKET_LEASES);

    const fired = new Map<string, number>();
    const listenNc = await nats.connect();
    const entries = await (await jetstream(listenNc).consumers.get(STREAM_ENTRIES, { deliver_policy: DeliverPolicy.All })).consume();
    let lastStored = 0;
    const listening = (async () => {
      for await (const m of entries) {
        const e = m.json<Entry>();
        fired.set(e.userId, (fired.get(e.userId) ?? 0) + 1);
        lastStored = Number(m.timestampNanos / 1_000_000n);
        if (fired.size === USERS) break;
      }
    })();

    const acks = scope.add('ack publisher', new AckPublisher(await nats.connect(), 30_000), (a) => a.stop());
    const ids = Array.from({ length: USERS }, (_, i) => i);
    await pipeline(ids, (i) => {
      const userId = `t${r}-${i}`;
      return acks.publish(
        eventSubject(partitionOf(userId, P)),
        encoder.encode(JSON.stringify({ id: `c${i}`, userId, name: 'Cart', ts: Date.now(), props: {} })),
        { msgID: `c${i}` },
      );
    });
    const armed = await watchDrain(nats.nc, { total: USERS, partitions: P, timeoutMs: 60_000, label: `round ${r}: arming` });
    if (!armed.complete) throw new Error('the windows were not all armed within 60 s');

    const killedAt = Date.now();
    await workers[0].kill('SIGKILL');
    let takeoverMs = 0;
    for (;;) {
      const owners = await Promise.all(
        Array.from({ length: P }, async (_, p) => {
          const e = await kv.get(`partition.${p}`);
          return e?.operation === 'PUT' ? e.json<{ owner: string; expiresAt: number }>() : undefined;
        }),
      );
      if (owners.every((l) => l && l.owner === workers[1].id && l.expiresAt > Date.now())) {
        takeoverMs = Date.now() - killedAt;
        break;
      }
      await new Promise((res) => setTimeout(res, 50));
    }
    const giveUp = setTimeout(() => void entries.stop(), 60_000);
    await listening;
    clearTimeout(giveUp);
    const duplicates = [...fired.values()].filter((n) => n > 1).length;
    const result = { takeover_ms: takeoverMs, recovered_ms: lastStored - killedAt, fired: fired.size, duplicates };
    console.log(
      `round ${r}: leases taken over ${takeoverMs} ms after SIGKILL; last window fired ${result.recovered_ms} ms after it; ` +
        `${fired.size}/${USERS} fired, ${duplicates} twice`,
    );
    return result;
  } finally {
    await scope.close();
  }
}

const rounds = [];
for (let r = 1; r <= Number(values.rounds); r++) rounds.push(await round(r));
printJson({
  users: USERS,
  lease_ttl_ms: 10_000,
  heartbeat_ms: 2_000,
  takeover_ms: median(rounds.map((x) => x.takeover_ms)),
  recovered_ms: median(rounds.map((x) => x.recovered_ms)),
  all_fired_once: rounds.every((x) => x.fired === USERS && x.duplicates === 0),
  rounds,
});
