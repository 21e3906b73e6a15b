import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref, type Route } from './route-controller.ts';

describe('hash routes', () => {
  it('parses every route', () => {
    expect(parseRoute('')).toEqual({ name: 'segments', q: '' });
    expect(parseRoute('#/segments?q=cart%20adds')).toEqual({ name: 'segments', q: 'cart adds' });
    expect(parseRoute('#/segments/new')).toEqual({ name: 'new' });
    expect(parseRoute('#/segments/new?from=sg_1')).toEqual({ name: 'new', from: 'sg_1' });
    expect(parseRoute('#/segments/sg_1')).toEqual({ name: 'segment', id: 'sg_1' });
    expect(parseRoute('#/users')).toEqual({ name: 'users' });
    expect(parseRoute('#/users/maya%40example.com')).toEqual({ name: 'users', userId: 'maya@example.com' });
    expect(parseRoute('#/nope/x/y')).toEqual({ name: 'not-found', path: '/nope/x/y' });
    expect(parseRoute('#/users/%E0%A4%A')).toEqual({ name: 'users', userId: '%E0%A4%A' });
  });

  it('round-trips through routeHref', () => {
    const routes: Route[] = [
      { name: 'segments', q: '' },
      { name: 'segments', q: 'a&b' },
      { name: 'new' },
      { name: 'new', from: 'sg 2' },
      { name: 'segment', id: 'sg 1/x' },
      { name: 'users' },
      { name: 'users', userId: 'u/42 ü' },
    ];
    for (const r of routes) expect(parseRoute(routeHref(r))).toEqual(r);
  });
});
