/** `<liveseg-app>`: the whole marketer UI — top bar and hash-routed views. */
import { css, html, type PropertyValues } from 'lit';
import { customElement } from 'lit/decorators.js';
import { RouteController } from './controllers/route-controller.ts';
import { ApiElement } from './lib/api-element.ts';
import { icons } from './lib/icons.ts';
import { base, tokens } from './styles/theme.ts';
import './liveseg-report.ts';
import './liveseg-segment-builder.ts';
import './liveseg-segment-list.ts';
import './liveseg-user-lookup.ts';

/**
 * Routes: `#/segments` (list, `?q=` search), `#/segments/new` (builder; `?from=<id>` duplicates), `#/segments/<id>`
 * (report), `#/users` and `#/users/<id>` (lookup). `api-base` and `api-key` pass to every view.
 */
@customElement('liveseg-app')
export class LivesegApp extends ApiElement {
  private readonly router = new RouteController(this);

  static override styles = [
    tokens,
    base,
    css`
    :host { display: block; min-height: 100vh; background: var(--_bg); }
    .skip { position: absolute; left: 12px; top: -48px; z-index: 10; background: var(--_surface); padding: 8px 12px; border-radius: 8px;
      box-shadow: var(--_shadow); }
    .skip:focus { top: 12px; }
    .bar { position: sticky; top: 0; z-index: 5; background: rgba(255, 255, 255, 0.92); backdrop-filter: saturate(1.4) blur(8px);
      border-bottom: 1px solid var(--_border); }
    .bar-inner { max-width: 1240px; margin: 0 auto; padding: 0 24px; height: 56px; display: flex; align-items: center; gap: 28px; }
    .brand { display: inline-flex; align-items: center; gap: 9px; font-weight: 700; font-size: 16px; color: var(--_text);
      letter-spacing: -0.01em; }
    .brand:hover { text-decoration: none; }
    .mark { width: 26px; height: 26px; border-radius: 7px; display: grid; place-items: center;
      background: linear-gradient(135deg, #6366f1, #4338ca); color: #fff; }
    .mark svg { width: 16px; height: 16px; }
    nav ul { display: flex; gap: 4px; list-style: none; margin: 0; padding: 0; }
    nav a { display: inline-flex; align-items: center; gap: 7px; height: 34px; padding: 0 12px; border-radius: 8px; color: var(--_muted);
      font-weight: 550; }
    nav a svg { width: 16px; height: 16px; }
    nav a:hover { background: var(--_surface-2); color: var(--_text); text-decoration: none; }
    nav a[aria-current='page'] { background: var(--_accent-soft); color: var(--_accent-text); }
    main { max-width: 1240px; margin: 0 auto; padding: 28px 24px 56px; }
    @media (max-width: 640px) {
      .bar-inner { padding: 0 14px; gap: 12px; }
      .brand span.word { display: none; }
      main { padding: 20px 14px 40px; }
    }
  `,
  ];

  override render() {
    const r = this.router.route;
    const section = r.name === 'users' ? 'users' : 'segments';
    return html`
      <a class="skip" href="#main" @click=${this.skip}>Skip to content</a>
      <div class="bar"><div class="bar-inner">
        <a class="brand" href="#/segments"
          aria-label="liveseg home"><span class="mark">${icons.radio}</span><span class="word">liveseg</span></a>
        <nav aria-label="Main"><ul>
          <li><a href="#/segments" aria-current=${section === 'segments' ? 'page' : 'false'}>${icons.segments}Segments</a></li>
          <li><a href="#/users" aria-current=${section === 'users' ? 'page' : 'false'}>${icons.user}User lookup</a></li>
        </ul></nav>
      </div></div>
      <main id="main" tabindex="-1">${this.view()}</main>`;
  }

  override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    document.title = `${this.pageTitle()} · liveseg`;
  }

  private pageTitle(): string {
    const r = this.router.route;
    switch (r.name) {
      case 'segments':
        return 'Segments';
      case 'new':
        return 'New segment';
      case 'segment':
        return 'Segment report';
      case 'users':
        return r.userId ? `User ${r.userId}` : 'User lookup';
      default:
        return 'Not found';
    }
  }

  private view() {
    const r = this.router.route;
    const api = { base: this.apiBase, key: this.apiKey };
    switch (r.name) {
      case 'segments':
        return html`<liveseg-segment-list api-base=${api.base} api-key=${api.key} .q=${r.q}
          @liveseg-search=${(e: CustomEvent<{ q: string }>) =>
            this.router.navigate({ name: 'segments', q: e.detail.q }, true)}></liveseg-segment-list>`;
      case 'new':
        return html`<liveseg-segment-builder api-base=${api.base} api-key=${api.key} from=${r.from ?? ''}></liveseg-segment-builder>`;
      case 'segment':
        return html`<liveseg-report api-base=${api.base} api-key=${api.key} segment-id=${r.id}></liveseg-report>`;
      case 'users':
        return html`<liveseg-user-lookup api-base=${api.base} api-key=${api.key} user-id=${r.userId ?? ''}></liveseg-user-lookup>`;
      default:
        return html`<div class="state"><h3>Page not found</h3><p>There is nothing at “${r.path}”.</p>
          <a class="btn" href="#/segments">Go to segments</a></div>`;
    }
  }

  private skip(e: Event) {
    e.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('#main')?.focus();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'liveseg-app': LivesegApp;
  }
}
