/** Hash routing: #/segments, #/segments/new(?from=id), #/segments/:id, #/users, #/users/:userId. */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A parsed location. */
export type Route =
  | { name: 'segments'; q: string }
  | { name: 'new'; from?: string }
  | { name: 'segment'; id: string }
  | { name: 'users'; userId?: string }
  | { name: 'not-found'; path: string };

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

/** Parses a location hash ("#/segments/sg_1") into a route; empty means the segment list. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [path, query = ''] = raw.split('?', 2) as [string, string?];
  const parts = path
    .split('/')
    .filter((p) => p !== '')
    .map(decode);
  if (parts.length === 0 || (parts.length === 1 && parts[0] === 'segments')) {
    return { name: 'segments', q: new URLSearchParams(query).get('q') ?? '' };
  }
  if (parts[0] === 'segments' && parts.length === 2) {
    if (parts[1] !== 'new') return { name: 'segment', id: parts[1]! };
    const from = new URLSearchParams(query).get('from');
    return from ? { name: 'new', from } : { name: 'new' };
  }
  if (parts[0] === 'users' && parts.length <= 2) return parts[1] ? { name: 'users', userId: parts[1] } : { name: 'users' };
  return { name: 'not-found', path };
}

/** The hash of a route, the inverse of parseRoute. */
export function routeHref(route: Route): string {
  switch (route.name) {
    case 'segments':
      return route.q ? `#/segments?q=${encodeURIComponent(route.q)}` : '#/segments';
    case 'new':
      return route.from ? `#/segments/new?from=${encodeURIComponent(route.from)}` : '#/segments/new';
    case 'segment':
      return `#/segments/${encodeURIComponent(route.id)}`;
    case 'users':
      return route.userId ? `#/users/${encodeURIComponent(route.userId)}` : '#/users';
    case 'not-found':
      return `#${route.path}`;
  }
}

/** Keeps `route` in step with `location.hash`. */
export class RouteController implements ReactiveController {
  route: Route = parseRoute(globalThis.location?.hash ?? '');
  private readonly onChange = () => {
    this.route = parseRoute(location.hash);
    this.host.requestUpdate();
  };

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('hashchange', this.onChange);
    this.onChange();
  }

  hostDisconnected(): void {
    removeEventListener('hashchange', this.onChange);
  }

  /** Goes to a route; `replace` keeps history clean for query edits such as search. */
  navigate(route: Route, replace = false): void {
    const href = routeHref(route);
    if (replace) {
      history.replaceState(history.state, '', href);
      this.onChange();
    } else {
      location.hash = href;
    }
  }
}
