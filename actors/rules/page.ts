import { compileNormalisedUrlMatch, isExternalReferrer, normaliseUrl } from '../definition/index.ts';
import type { LiveEvent, PageVisitTrigger, ReferrerTrigger, Segment, UrlMatch } from '../types.ts';
import { admission, enter } from './enter.ts';
import { PAGE_VIEW_NAME, type Args, type RegionBuilder } from './types.ts';

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
 * or its external referrer) matches.
 */
function pageMatchRegion(pick: (view: PageView) => string | undefined, urlMatch: (seg: Segment) => UrlMatch): RegionBuilder {
  return (seg, env) => {
    const match = compileNormalisedUrlMatch(urlMatch(seg));
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
              actions: enter(seg.id),
            },
          },
        },
      },
    };
  };
}

/** `page_visit`: the user enters at a page view whose URL matches. */
export const pageVisitRegion = pageMatchRegion(
  (v) => v.url,
  (seg) => (seg.definition.trigger as PageVisitTrigger).url,
);

/** `referrer`: the user enters at a page view from an external referrer that matches. */
export const referrerRegion = pageMatchRegion(
  (v) => v.referrer,
  (seg) => (seg.definition.trigger as ReferrerTrigger).referrer,
);
