/** Empty, loading and error states shared by every view. */
import { html, nothing, type TemplateResult } from 'lit';
import { errorMessage } from '../api/index.ts';
import { icons, type IconName } from './icons.ts';

/** A calm empty state with an optional call to action. */
export function emptyState(opts: {
  icon?: IconName;
  title: string;
  body?: string | TemplateResult;
  action?: TemplateResult;
  compact?: boolean;
}): TemplateResult {
  return html`<div class="state ${opts.compact ? 'compact' : ''}" role="status">
    ${icons[opts.icon ?? 'inbox']}
    <h3>${opts.title}</h3>
    ${opts.body ? html`<p>${opts.body}</p>` : nothing}
    ${opts.action ?? nothing}
  </div>`;
}

/** An error with what happened and a retry button. */
export function errorState(error: unknown, retry?: () => void, title = 'Something went wrong'): TemplateResult {
  return html`<div class="state error" role="alert">
    ${icons.alert}
    <h3>${title}</h3>
    <p>${errorMessage(error)}</p>
    ${retry ? html`<button class="btn small" @click=${retry}>${icons.refresh}Try again</button>` : nothing}
  </div>`;
}

/** Placeholder lines while loading; announced once to screen readers. */
export function loadingState(lines = 3, label = 'Loading…'): TemplateResult {
  return html`<div class="loading" role="status" aria-live="polite" style="display:grid;gap:12px;padding:18px 0">
    <span class="sr-only">${label}</span>
    ${Array.from({ length: lines }, (_, i) => html`<span class="skeleton" style="width:${92 - ((i * 17) % 40)}%"></span>`)}
  </div>`;
}
