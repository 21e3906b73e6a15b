/** Shared look of every liveseg element: design tokens and base controls, adopted per shadow root. */
import { css, unsafeCSS } from 'lit';
import { KIND_LIST } from '../builder/kinds/index.ts';

/**
 * Design tokens as custom properties on each element's host. Embedding pages can override any
 * `--liveseg-*` property (they inherit through shadow roots), e.g. `--liveseg-accent: #0a7`.
 */
export const tokens = css`
  :host {
    --_font: var(--liveseg-font, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif);
    --_mono: var(--liveseg-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_bg: var(--liveseg-bg, #f6f7f9);
    --_surface: var(--liveseg-surface, #ffffff);
    --_surface-2: var(--liveseg-surface-2, #f9fafb);
    --_border: var(--liveseg-border, #e4e7ec);
    --_border-strong: var(--liveseg-border-strong, #cfd4dc);
    --_text: var(--liveseg-text, #101828);
    --_muted: var(--liveseg-muted, #5b6472);
    --_faint: var(--liveseg-faint, #8a93a3);
    --_accent: var(--liveseg-accent, #4f46e5);
    --_accent-hover: var(--liveseg-accent-hover, #4338ca);
    --_accent-soft: var(--liveseg-accent-soft, #eef2ff);
    --_accent-text: var(--liveseg-accent-text, #3730a3);
    --_ok: #067647;
    --_ok-soft: #ecfdf3;
    --_warn: #b54708;
    --_warn-soft: #fffaeb;
    --_danger: #b42318;
    --_danger-soft: #fef3f2;
    --_radius: 10px;
    --_radius-sm: 6px;
    --_shadow: 0 1px 2px rgba(16, 24, 40, 0.05), 0 1px 3px rgba(16, 24, 40, 0.06);
    --_focus: 0 0 0 3px color-mix(in srgb, var(--_accent) 28%, transparent);
    font-family: var(--_font);
    color: var(--_text);
    font-size: 14px;
    line-height: 1.5;
    -webkit-font-smoothing: antialiased;
  }
`;

/** Buttons, fields, cards, badges and helpers used across elements. */
export const base = css`
  *, *::before, *::after { box-sizing: border-box; }
  [hidden] { display: none !important; }
  h1, h2, h3, h4, p { margin: 0; }
  h1 { font-size: 22px; font-weight: 650; letter-spacing: -0.01em; line-height: 1.3; }
  h2 { font-size: 15px; font-weight: 600; }
  h3 { font-size: 14px; font-weight: 600; }
  a { color: var(--_accent); text-decoration: none; }
  a:hover { text-decoration: underline; }
  a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible,
  textarea:focus-visible, [tabindex]:focus-visible {
    outline: none; box-shadow: var(--_focus); border-radius: var(--_radius-sm);
  }
  .muted { color: var(--_muted); }
  .faint { color: var(--_faint); }
  .mono { font-family: var(--_mono); font-size: 12.5px; }
  .num { font-variant-numeric: tabular-nums; }
  .sr-only {
    position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }

  .btn {
    display: inline-flex; align-items: center; justify-content: center; gap: 6px;
    min-height: 36px; padding: 0 14px; border-radius: 8px; border: 1px solid var(--_border-strong);
    background: var(--_surface); color: var(--_text); font: inherit; font-weight: 550;
    cursor: pointer; white-space: nowrap; text-decoration: none;
    transition: background 0.12s, border-color 0.12s, box-shadow 0.12s;
  }
  .btn:hover { background: var(--_surface-2); text-decoration: none; }
  .btn:disabled { opacity: 0.55; cursor: not-allowed; }
  .btn svg { width: 16px; height: 16px; flex: none; }
  .btn.primary { background: var(--_accent); border-color: var(--_accent); color: #fff; }
  .btn.primary:hover { background: var(--_accent-hover); border-color: var(--_accent-hover); }
  .btn.ghost { border-color: transparent; background: transparent; color: var(--_muted); }
  .btn.ghost:hover { background: var(--_surface-2); color: var(--_text); }
  .btn.danger { color: var(--_danger); }
  .btn.danger:hover { background: var(--_danger-soft); border-color: #fda29b; }
  .btn.small { min-height: 30px; padding: 0 10px; font-size: 13px; }
  .btn.icon { padding: 0; width: 32px; min-height: 32px; }

  .card {
    background: var(--_surface); border: 1px solid var(--_border); border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
  .card-head { display: flex; align-items: baseline; justify-content: space-between; gap: 2px 12px; padding: 16px 18px 0; flex-wrap: wrap; }
  .card-head p { font-size: 13px; }
  .card-body { padding: 14px 18px 18px; }

  .field { display: grid; gap: 6px; min-width: 0; }
  .field > label, .label { font-size: 13px; font-weight: 550; color: var(--_text); }
  .hint { font-size: 12.5px; color: var(--_muted); }
  .error { font-size: 12.5px; color: var(--_danger); display: flex; gap: 5px; align-items: flex-start; margin: 0; }
  .error svg { width: 14px; height: 14px; flex: none; margin-top: 2px; }
  input[type='text'], input[type='search'], input[type='number'], input[type='time'], input:not([type]), select, textarea {
    font: inherit; color: var(--_text); background: var(--_surface);
    border: 1px solid var(--_border-strong); border-radius: 8px; min-height: 36px; padding: 0 10px;
    width: 100%; min-width: 0;
  }
  textarea { padding: 8px 10px; }
  select {
    appearance: none; -webkit-appearance: none; padding-right: 30px; cursor: pointer;
    background-image: url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 24 24' fill='none' stroke='%23667085' \
      stroke-width='2' stroke-linecap='round' stroke-linejoin='round'%3E%3Cpath d='m6 9 6 6 6-6'/%3E%3C/svg%3E");
    background-repeat: no-repeat; background-position: right 9px center; background-size: 15px;
  }
  input::placeholder { color: var(--_faint); }
  input[aria-invalid='true'], select[aria-invalid='true'] { border-color: var(--_danger); }
  input[aria-invalid='true']:focus-visible { box-shadow: 0 0 0 3px rgba(180, 35, 24, 0.18); }
  input[type='checkbox'], input[type='radio'] { accent-color: var(--_accent); width: 16px; height: 16px; margin: 0; }

  .badge {
    display: inline-flex; align-items: center; gap: 5px; height: 22px; padding: 0 8px;
    border-radius: 999px; font-size: 12px; font-weight: 550; white-space: nowrap;
    background: var(--_surface-2); color: var(--_muted); border: 1px solid var(--_border);
  }
  .badge svg { width: 13px; height: 13px; }

  .state {
    display: grid; justify-items: center; gap: 10px; text-align: center;
    padding: 40px 20px; color: var(--_muted);
  }
  .state svg { width: 36px; height: 36px; color: var(--_faint); }
  .state h3 { color: var(--_text); font-size: 15px; }
  .state.error svg { color: var(--_danger); }
  .state.compact { padding: 22px 12px; gap: 6px; }

  .skeleton {
    display: block; border-radius: 6px; height: 12px;
    background: linear-gradient(90deg, #eef0f3 0%, #f6f7f9 40%, #eef0f3 80%);
    background-size: 300% 100%; animation: shimmer 1.4s ease-in-out infinite;
  }
  @keyframes shimmer { from { background-position: 100% 0; } to { background-position: -100% 0; } }
  @media (prefers-reduced-motion: reduce) {
    .skeleton { animation: none; }
    * { transition: none !important; animation-duration: 0s !important; }
  }
`;

/** `.k-<kind>` sets `--k` and `--k-soft` from the kind's colours (our constants, so safe as CSS). */
const kindRules = unsafeCSS(KIND_LIST.map((k) => `.k-${k.kind} { --k: ${k.color.strong}; --k-soft: ${k.color.soft}; }`).join('\n'));

/** Colours of the trigger kinds (badge and picker card accents). */
export const kindColors = css`
  ${kindRules}
  .badge.kind { background: var(--k-soft); color: var(--k); border-color: color-mix(in srgb, var(--k) 22%, transparent); }
`;
