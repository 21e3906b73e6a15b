/** Names of definition paths for the error summary ("trigger.where[0].value" → "Event condition 1: value"). */

const FIELD_WORDS: Record<string, string> = {
  prop: 'property',
  op: 'operator',
  value: 'value',
  inLast: 'in the last',
  did: 'event',
  didNot: 'event',
};

const TOP: Record<string, string> = {
  name: 'Name',
  trigger: 'Segment kind',
  'trigger.kind': 'Segment kind',
  'trigger.event': 'User did',
  'trigger.without': 'But did not do',
  'trigger.without.event': 'But did not do',
  'trigger.within': 'Window',
  'trigger.property': 'Profile date property',
  'trigger.offset': 'Offset',
  'trigger.at': 'Local time',
  'trigger.timezone': 'Fallback time zone',
  'trigger.url': 'Page URL',
  'trigger.url.op': 'Page URL match type',
  'trigger.url.value': 'Page URL',
  'trigger.referrer': 'Referrer URL',
  'trigger.referrer.op': 'Referrer URL match type',
  'trigger.referrer.value': 'Referrer URL',
  'trigger.count': 'Number of page views',
  'trigger.distinct': 'Distinct pages',
  filters: 'Filters',
  'filters.past': 'Past behaviour filters',
  'filters.profile': 'Profile filters',
  reentry: 'Re-entry',
  cooldown: 'Cooldown',
};

const LISTS: Array<[RegExp, string]> = [
  [/^trigger\.where\[(\d+)\]/, 'Event condition'],
  [/^trigger\.without\.where\[(\d+)\]/, 'Missing event condition'],
  [/^filters\.profile\[(\d+)\]/, 'Profile filter'],
  [/^filters\.past\[(\d+)\]\.where\[(\d+)\]/, 'Filter event condition'],
  [/^filters\.past\[(\d+)\]/, 'Past behaviour filter'],
];

/** A short human label for a problem's path; unknown paths are shown as they are. */
export function pathLabel(path: string): string {
  if (TOP[path]) return TOP[path]!;
  for (const [re, noun] of LISTS) {
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
