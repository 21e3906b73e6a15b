/** Names of definition paths for the error summary ("trigger.where[0].value" → "Event condition 1: value"). */
import type { TriggerKind } from '../../../actors/types.ts';
import { KIND_LIST } from './kinds/index.ts';

const FIELD_WORDS: Record<string, string> = {
  prop: 'property',
  op: 'operator',
  value: 'value',
  inLast: 'in the last',
  did: 'event',
  didNot: 'event',
};

/** Paths outside the trigger, and the trigger itself; `[]` stands for a row index. */
const COMMON: Record<string, string> = {
  name: 'Name',
  trigger: 'Segment kind',
  'trigger.kind': 'Segment kind',
  filters: 'Filters',
  'filters.past': 'Past behaviour filters',
  'filters.profile': 'Profile filters',
  'filters.profile[]': 'Profile filter',
  'filters.past[].where[]': 'Filter event condition',
  'filters.past[]': 'Past behaviour filter',
  reentry: 'Re-entry',
  cooldown: 'Cooldown',
};

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "filters.past[].where[]" → /^filters\.past\[(\d+)\]\.where\[(\d+)\]/ */
const rowPattern = (p: string): RegExp => new RegExp(`^${p.split('[]').map(escapeRegExp).join('\\[(\\d+)\\]')}`);

interface Names {
  exact: Map<string, string>;
  rows: Array<[RegExp, string]>;
}

/** Names in lookup order: earlier maps win, and among rows the deeper patterns come first. */
function names(...maps: Array<Readonly<Record<string, string>>>): Names {
  const exact = new Map<string, string>();
  const rows: Array<[string, string]> = [];
  for (const map of maps) {
    for (const [path, label] of Object.entries(map)) {
      if (!path.includes('[]')) {
        if (!exact.has(path)) exact.set(path, label);
      } else if (!rows.some(([p]) => p === path)) rows.push([path, label]);
    }
  }
  rows.sort(([a], [b]) => b.split('[]').length - a.split('[]').length || b.length - a.length);
  return { exact, rows: rows.map(([p, label]) => [rowPattern(p), label]) };
}

const ANY_KIND = names(COMMON, ...KIND_LIST.map((k) => k.paths));
const BY_KIND = new Map(KIND_LIST.map((k) => [k.kind, names(COMMON, k.paths, ...KIND_LIST.map((o) => o.paths))]));

/**
 * A short human label for a problem's path; unknown paths are shown as they are. With a kind,
 * that kind's names win where two kinds name one path differently.
 */
export function pathLabel(path: string, kind?: TriggerKind): string {
  const { exact, rows } = (kind && BY_KIND.get(kind)) || ANY_KIND;
  const label = exact.get(path);
  if (label) return label;
  for (const [re, noun] of rows) {
    const m = re.exec(path);
    if (!m) continue;
    const nums = m.slice(1).map((n) => Number(n) + 1);
    const rest = path.slice(m[0].length).replace(/^\./, '');
    const field = rest
      .split('.')
      .map((f) => FIELD_WORDS[f] ?? f)
      .join(' ');
    return `${noun} ${nums.join('.')}${field ? `: ${field}` : ''}`;
  }
  return path === '' ? 'Definition' : path;
}
