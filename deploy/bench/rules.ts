// Per-event cost of the rule engine with 50 live segments of mixed kinds, on hot user actors.
// Run: npx tsx deploy/bench/rules.ts [--users 1000] [--events 200000] [--rounds 7]
import { parseArgs } from 'node:util';
import { compileProgram } from '../../actors/rules/program.ts';
import type { LiveEvent } from '../../actors/types.ts';
import { newUserRecord, UserActor } from '../../actors/user/index.ts';
import { mixedSegments, OTHER_EVENTS, RULE_EVENTS } from './segments-mix.ts';
import { median, printJson } from './stats.ts';

const { values } = parseArgs({ options: { users: { type: 'string' }, events: { type: 'string' }, rounds: { type: 'string' } } });
const USERS = Number(values.users ?? 1000);
const EVENTS = Number(values.events ?? 200_000);
const ROUNDS = Number(values.rounds ?? 7);

const program = compileProgram(mixedSegments(50));
const actors = Array.from({ length: USERS }, (_, i) => {
  const a = new UserActor(newUserRecord(`u${i}`), program);
  a.applyProfile(
    { userId: `u${i}`, props: { city: i % 2 ? 'Pune' : 'Berlin', appointment_at: '2027-01-10T09:00:00Z', email: 'x@example.com' } },
    0,
    program,
  );
  return a;
});

/** Pre-built events so the timing measures the engine, not object creation. */
function events(names: string[], n: number): LiveEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const name = names[i % names.length];
    const page = i % 4 === 0;
    return {
      id: `e${i}`,
      userId: `u${i % USERS}`,
      name: page ? '$page_view' : name,
      ts: 1_000_000 + i,
      props: page
        ? { url: `https://shop.example.com/p${i % 60}`, referrer: i % 8 === 0 ? 'https://www.google.com/' : '' }
        : { price: (i * 37) % 300 },
    };
  });
}

function measure(evs: LiveEvent[]): number {
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < evs.length; i++) actors[i % USERS].applyEvent(evs[i], 1_000_000 + i, program);
  return Number(process.hrtime.bigint() - t0) / 1000 / evs.length;
}

const touching = events(RULE_EVENTS, EVENTS);
const untouched = events(OTHER_EVENTS, EVENTS).map((e) => ({ ...e, name: OTHER_EVENTS[Number(e.id.slice(1)) % OTHER_EVENTS.length] }));
measure(touching.slice(0, 20_000)); // warm up the JIT
measure(untouched.slice(0, 20_000));
const pages = touching.filter((e) => e.name === '$page_view');
const named = touching.filter((e) => e.name !== '$page_view');
const touch: number[] = [];
const none: number[] = [];
const pageRounds: number[] = [];
const namedRounds: number[] = [];
for (let r = 0; r < ROUNDS; r++) {
  touch.push(measure(touching));
  none.push(measure(untouched));
  pageRounds.push(measure(pages));
  namedRounds.push(measure(named));
}
const result = {
  segments: 50,
  users: USERS,
  events_per_round: EVENTS,
  rounds: ROUNDS,
  touching_us_median: median(touch),
  untouched_us_median: median(none),
  page_view_us_median: median(pageRounds),
  named_event_us_median: median(namedRounds),
  touching_us_rounds: touch.map((x) => +x.toFixed(3)),
  untouched_us_rounds: none.map((x) => +x.toFixed(3)),
  record_bytes_median: median(actors.slice(0, 200).map((a) => JSON.stringify(a.toRecord()).length)),
};
console.log(
  `rule engine, 50 mixed segments, ${USERS} hot users: ` +
    `touching a rule ${result.touching_us_median.toFixed(2)} µs/event (target ≤ 10), ` +
    `touching none ${result.untouched_us_median.toFixed(3)} µs/event (target ≤ 1); ` +
    `of which page views ${result.page_view_us_median.toFixed(2)} µs, named events ${result.named_event_us_median.toFixed(2)} µs; ` +
    `stored record median ${result.record_bytes_median} B`,
);
printJson(result);
