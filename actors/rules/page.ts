import { compileNormalisedUrlMatch, isExternalReferrer, normaliseUrl } from '../definition/index.ts';
import type { LiveEvent, PageVisitTrigger, ReferrerTrigger } from '../types.ts';
import { admission, enter } from './enter.ts';
import { PAGE_VIEW_NAME, type Args, type RegionBuilder } from './types.ts';

const normalised = new WeakMap<LiveEvent, { url?: string; referrer?: string }>();

/** The page view's normalised URL and referrer, computed once per event however many rules ask. */
export function pageOf(ev: LiveEvent): { url?: string; referrer?: string } {
  let p = normalised.get(ev);
  if (!p) {
    const url = typeof ev.props.url === 'string' ? normaliseUrl(ev.props.url) : undefined;
    const ref = ev.props.referrer;
    const referrer = typeof ref === 'string' && ref && url && isExternalReferrer(url, ref) ? normaliseUrl(ref) : undefined;
    normalised.set(ev, (p = { url, referrer }));
  }
  return p;
}

/** `page_visit`: the user enters at a page view whose URL matches. */
export const pageVisitRegion: RegionBuilder = (seg, env) => {
  const t = seg.definition.trigger as PageVisitTrigger;
  const match = compileNormalisedUrlMatch(t.url);
  const admit = admission(seg);
  return {
    initial: 'idle',
    states: {
      idle: {
        on: {
          [env.typeFor(PAGE_VIEW_NAME)]: {
            guard: ({ context, event }: Args) => {
              const url = pageOf(event.ev!).url;
              return url !== undefined && match(url) && admit(context, event, event.ev!.ts);
            },
            actions: enter(seg.id),
          },
        },
      },
    },
  };
};

/** `referrer`: the user enters at a page view from an external referrer that matches. */
export const referrerRegion: RegionBuilder = (seg, env) => {
  const t = seg.definition.trigger as ReferrerTrigger;
  const match = compileNormalisedUrlMatch(t.referrer);
  const admit = admission(seg);
  return {
    initial: 'idle',
    states: {
      idle: {
        on: {
          [env.typeFor(PAGE_VIEW_NAME)]: {
            guard: ({ context, event }: Args) => {
              const ref = pageOf(event.ev!).referrer;
              return ref !== undefined && match(ref) && admit(context, event, event.ev!.ts);
            },
            actions: enter(seg.id),
          },
        },
      },
    },
  };
};
