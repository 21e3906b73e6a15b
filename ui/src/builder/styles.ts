/** Layout of the segment builder. */
import { css } from 'lit';

export const builderStyles = css`
  :host { display: block; container-type: inline-size; }
  .head { display: flex; align-items: flex-end; justify-content: space-between; gap: 16px; margin-bottom: 20px; flex-wrap: wrap; }
  .head p { margin-top: 4px; }
  .back { display: inline-flex; align-items: center; gap: 6px; color: var(--_muted); font-size: 13px; margin-bottom: 8px; }
  .back svg { width: 15px; height: 15px; }
  .layout { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 20px; align-items: start; }
  @container (max-width: 900px) { .layout { grid-template-columns: minmax(0, 1fr); } aside { position: static !important; } }
  .main { display: grid; gap: 16px; min-width: 0; }
  section.card > .card-body { display: grid; gap: 16px; }
  .section-title { display: flex; align-items: center; gap: 10px; }
  .section-title .n { display: inline-grid; place-items: center; width: 22px; height: 22px; border-radius: 50%;
    background: var(--_accent-soft); color: var(--_accent-text); font-size: 12px; font-weight: 650; }
  .placeholder { color: var(--_faint); padding: 4px 0; }
  aside { position: sticky; top: 16px; display: grid; gap: 16px; }
  .summary-text { font-size: 15px; line-height: 1.55; color: var(--_text); padding: 12px 14px; border-radius: 8px;
    background: var(--_accent-soft); border: 1px solid color-mix(in srgb, var(--_accent) 16%, transparent); min-height: 48px; }
  .summary-text.empty { background: var(--_surface-2); color: var(--_faint); border-color: var(--_border); }
  .suggest { justify-self: start; padding: 0; border: 0; background: none; color: var(--_accent); font: inherit; font-size: 12.5px;
    cursor: pointer; text-align: left; }
  .suggest:hover { text-decoration: underline; }
  .actions { display: grid; gap: 8px; }
  .actions .btn { width: 100%; }
  .problems { border: 1px solid #fecdca; background: var(--_danger-soft); border-radius: 8px; padding: 10px 12px; }
  .problems h3 { color: var(--_danger); font-size: 13px; margin-bottom: 4px; }
  .problems ul { margin: 0; padding-left: 18px; font-size: 13px; }
  .problems button { padding: 0; border: 0; background: none; color: var(--_danger); font: inherit; text-align: left; cursor: pointer;
    text-decoration: underline; }
  details summary { cursor: pointer; font-size: 13px; color: var(--_muted); }
  pre { margin: 8px 0 0; padding: 10px 12px; background: #0f172a; color: #e2e8f0; border-radius: 8px; font-size: 12px;
    overflow: auto; max-height: 260px; font-family: var(--_mono); }
  .pair { display: grid; grid-template-columns: minmax(70px, 110px) minmax(110px, 150px); gap: 8px; }
  .pair.url { grid-template-columns: minmax(120px, 160px) minmax(0, 1fr); }
  .row-inline { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; }
  .row-inline select { width: auto; }
  .grid-2 { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 12px; }
  @container (max-width: 560px) { .grid-2 { grid-template-columns: 1fr; } }
  .step { display: grid; padding-left: 14px; border-left: 2px solid var(--_border); }
  .step:first-child { border-left-color: color-mix(in srgb, var(--_accent) 45%, transparent); }
  .grow { display: grid; gap: 10px; min-width: 0; }
  .conditions { display: grid; gap: 8px; }
  .condition-controls { display: grid; grid-template-columns: minmax(0, 1.2fr) minmax(120px, 0.9fr) minmax(0, 1fr) 32px; gap: 8px;
    align-items: start; }
  @container (max-width: 560px) { .condition-controls { grid-template-columns: 1fr 1fr; } }
  .add { justify-self: start; color: var(--_accent); }
  .with { font-size: 12px; font-weight: 600; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.04em; }
  .check { display: flex; gap: 10px; align-items: flex-start; }
  .check input { margin-top: 3px; }
  .check label { font-weight: 500; }
  .check.big label { font-weight: 600; }
  .filter-group { display: grid; gap: 10px; padding-top: 4px; }
  .filter-group + .filter-group { border-top: 1px dashed var(--_border); padding-top: 14px; }
  .filter-row { display: grid; gap: 8px; padding: 12px; border: 1px solid var(--_border); border-radius: 8px;
    background: var(--_surface-2); }
  .filter-line { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-start; }
  .filter-line > select { width: auto; }
  .filter-line .grow { flex: 1 1 200px; }
  .filter-line .times { width: 80px; }
  .word { line-height: 36px; color: var(--_muted); font-size: 13px; }
  .adds { display: flex; gap: 8px; flex-wrap: wrap; }
  .radios { display: grid; gap: 10px; }
  .radio { display: flex; gap: 10px; align-items: flex-start; }
  .radio input { margin-top: 3px; }
  .radio .hint { display: block; }
  .save-error { margin: 0; }
`;
