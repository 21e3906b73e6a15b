/** Inline stroke icons (24×24 grid, currentColor) so the bundle needs no icon font or requests. */
import { svg, type SVGTemplateResult } from 'lit';

/** An inline stroke icon from its SVG body. */
export const icon = (body: SVGTemplateResult) => svg`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor"
  stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">${body}</svg>`;

/** The UI's icons by name (each trigger kind's icon lives with the kind, in `builder/kinds/`). */
export const icons = {
  plus: icon(svg`<path d="M12 5v14M5 12h14"/>`),
  search: icon(svg`<circle cx="11" cy="11" r="7"/><path d="m20 20-3.5-3.5"/>`),
  users: icon(svg`<circle cx="9" cy="8" r="4"/><path d="M2 21a7 7 0 0 1 14 0M16 4a4 4 0 0 1 0 8M22 21a7 7 0 0 0-4-6.3"/>`),
  user: icon(svg`<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>`),
  back: icon(svg`<path d="M19 12H5M12 19l-7-7 7-7"/>`),
  download: icon(svg`<path d="M12 3v12M7 10l5 5 5-5M5 21h14"/>`),
  copy: icon(svg`<rect x="9" y="9" width="12" height="12" rx="2"/><path d="M5 15V5a2 2 0 0 1 2-2h8"/>`),
  check: icon(svg`<path d="M20 6 9 17l-5-5"/>`),
  alert: icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 8v5M12 16h.01"/>`),
  refresh: icon(svg`<path d="M21 12a9 9 0 1 1-3-6.7L21 8M21 3v5h-5"/>`),
  trash: icon(svg`<path d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"/>`),
  code: icon(svg`<path d="m16 18 6-6-6-6M8 6l-6 6 6 6"/>`),
  radio: icon(
    svg`<circle cx="12" cy="12" r="2"/><path d="M16.2 7.8a6 6 0 0 1 0 8.4M7.8 16.2a6 6 0 0 1 0-8.4
      M19.1 4.9a10 10 0 0 1 0 14.2M4.9 19.1a10 10 0 0 1 0-14.2"/>`,
  ),
  chart: icon(svg`<path d="M3 3v18h18"/><path d="M7 15l4-4 3 3 6-6"/>`),
  segments: icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 3v9l6.4 6.4"/>`),
  filter: icon(svg`<path d="M3 5h18l-7 8v6l-4 2v-8L3 5z"/>`),
  close: icon(svg`<path d="M18 6 6 18M6 6l12 12"/>`),
  chevron: icon(svg`<path d="m9 6 6 6-6 6"/>`),
  email: icon(svg`<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3 7 9 6 9-6"/>`),
  sms: icon(svg`<path d="M21 15a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v10z"/>`),
  whatsapp: icon(
    svg`<path d="M3 21l1.6-4.7A9 9 0 1 1 8 19.6L3 21z"/><path d="M9 9.5c0 3 2.5 5.5 5.5 5.5l1-1.5-2-1-1 1
      c-1-.5-2-1.5-2.5-2.5l1-1-1-2L9 9.5z"/>`,
  ),
  push: icon(svg`<rect x="6" y="2" width="12" height="20" rx="2.5"/><path d="M11 18h2"/>`),
  web_push: icon(svg`<path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.9 1.9 0 0 0 3.4 0"/>`),
  clock: icon(svg`<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>`),
  external: icon(svg`<path d="M15 3h6v6M10 14 21 3M18 13v6a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h6"/>`),
  terminal: icon(svg`<path d="m4 17 6-6-6-6M12 19h8"/>`),
  inbox: icon(
    svg`<path d="M22 12h-6l-2 3h-4l-2-3H2"/><path d="M5.5 5.1 2 12v6a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-6
      l-3.5-6.9A2 2 0 0 0 16.8 4H7.2a2 2 0 0 0-1.7 1.1z"/>`,
  ),
} as const;

/** Name of an icon in `icons`. */
export type IconName = keyof typeof icons;
