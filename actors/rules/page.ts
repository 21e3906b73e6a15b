import { compileNormalisedUrlMatch, isExternalReferrer, normaliseUrl } from '../definition/url.ts';
import type { LiveEvent, Segment, UrlMatch } from '../types.ts';
import { admission, enter } from './enter.ts';
import { PAGE_VIEW_NAME, type Args, type Region, type RegionEnv } from './types.ts';

/** A page view as the page rules see it. */
export interface PageView {
  url?: string;
  /** Set only when the referrer is external. */
  referrer?: string;
  /** A 32-bit hash of `url`, the key page_count keeps per view. */
  hash: number;
}

const normalised = new WeakMap<LiveEvent, PageView>();

/** A 32-bit FNV-1a over UTF-16 code units: a compact, stable key for a URL (not the partition hash). */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The page view's normalised URL and referrer, computed once per event however many rules ask. */
export function pageOf(ev: LiveEvent): PageView {
  let p = normalised.get(ev);
  if (!p) {
    const url = typeof ev.props.url === 'string' ? normaliseUrl(ev.props.url) : undefined;
    const ref = ev.props.referrer;
    const referrer = typeof ref === 'string' && ref && url && isExternalReferrer(url, ref) ? normaliseUrl(ref) : undefined;
    normalised.set(ev, (p = { url, referrer, hash: url === undefined ? 0 : hashString(url) }));
  }
  return p;
}

/**
 * A one-state region entering the user at a page view whose chosen normalised URL (the page's own,
 * or its external referrer, by `pick`) matches `urlMatch`: the rules of page_visit and referrer.
 */
export function pageMatchRegion(seg: Segment, env: RegionEnv, urlMatch: UrlMatch, pick: (view: PageView) => string | undefined): Region {
  const match = compileNormalisedUrlMatch(urlMatch);
  const admit = admission(seg);
  return {
    initial: 'idle',
    states: {
      idle: {
        on: {
          [env.typeFor(PAGE_VIEW_NAME)]: {
            guard: ({ context, event }: Args) => {
              const url = pick(pageOf(event.ev!));
              return url !== undefined && match(url) && admit(context, event, event.ev!.ts);
            },
            update: enter(seg.id),
          },
        },
      },
    },
  };
}
