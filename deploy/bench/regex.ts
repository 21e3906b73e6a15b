// Cost of one regex URL match per page view: RE2 (re2js, what the engine runs) against RegExp.
// Run: npx tsx deploy/bench/regex.ts [--rounds 9] [--matches 200000]
import { parseArgs } from 'node:util';
import { compileNormalisedUrlMatch, compileRegex, MAX_MATCHED_URL_LENGTH, normaliseUrl } from '../../actors/definition/index.ts';
import { median, printJson } from './stats.ts';

const { values } = parseArgs({ options: { rounds: { type: 'string' }, matches: { type: 'string' } } });
const ROUNDS = Number(values.rounds ?? 9);
const MATCHES = Number(values.matches ?? 200_000);

const PATTERN = '^https://shop\\.example\\.com/(products|collections)/[a-z0-9-]+/?$';
// Realistic page views: product and collection pages (half match), others, tracking query strings.
const sections = ['products', 'collections', 'blogs', 'pages', 'cart', 'account'];
const urls = Array.from({ length: 512 }, (_, i) => {
  const section = sections[i % sections.length];
  const slug = `item-${(i * 7919) % 10_000}-${['blue', 'red', 'xl', 'summer-sale'][i % 4]}`;
  const query = i % 5 === 0 ? `?utm_source=news&utm_campaign=c${i}&gclid=${'x'.repeat(60)}` : i % 3 === 0 ? '/' : '';
  return normaliseUrl(`https://shop.example.com/${section}/${slug}${query}`)!;
});

/** µs per match over `n` matches cycling through `inputs`. */
function perMatch(test: (s: string) => boolean, inputs: string[], n: number): number {
  let hits = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) if (test(inputs[i & (inputs.length - 1)])) hits++;
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n;
  if (hits < 0) console.log(hits); // keeps the loop from being optimised away
  return us;
}

function rounds(test: (s: string) => boolean, inputs: string[], n: number): number {
  perMatch(test, inputs, Math.min(n, 20_000)); // JIT warm-up
  return median(Array.from({ length: ROUNDS }, () => perMatch(test, inputs, n)));
}

const js = new RegExp(PATTERN);
const re2 = compileRegex(PATTERN);
const engine = compileNormalisedUrlMatch({ op: 'regex', value: PATTERN });
for (const u of urls) if (js.test(u) !== re2(u)) throw new Error(`engines disagree on ${u}`);

// A pathological pattern on a URL at the matching cap: what a hostile segment costs per page view.
const EVIL = '^https://x\\.com/(\\w+-?)+$';
const longUrl = [`https://x.com/${'a'.repeat(MAX_MATCHED_URL_LENGTH)}!`];
const evil = compileNormalisedUrlMatch({ op: 'regex', value: EVIL });

const result = {
  pattern: PATTERN,
  urls: urls.length,
  matches_per_round: MATCHES,
  rounds: ROUNDS,
  regexp_us_median: rounds((s) => js.test(s), urls, MATCHES),
  re2js_us_median: rounds(re2, urls, MATCHES),
  engine_us_median: rounds(engine, urls, MATCHES),
  pathological_2048_us_median: rounds(evil, longUrl, Math.max(50, MATCHES / 2000)),
};
console.log(
  `regex URL match, realistic pattern: RegExp ${result.regexp_us_median.toFixed(3)} µs, ` +
    `re2js ${result.re2js_us_median.toFixed(3)} µs (${(result.re2js_us_median / result.regexp_us_median).toFixed(1)}×), ` +
    `through compileNormalisedUrlMatch ${result.engine_us_median.toFixed(3)} µs per match; ` +
    `pathological pattern on a ${MAX_MATCHED_URL_LENGTH}-character URL ${result.pathological_2048_us_median.toFixed(1)} µs with re2js ` +
    '(RegExp: does not finish)',
);
printJson(result);
