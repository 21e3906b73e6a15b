/** Layout of the segment report. */
import { css } from 'lit';

export const reportStyles = css`
  :host { display: block; container-type: inline-size; }
  .back { display: inline-flex; align-items: center; gap: 6px; color: var(--_muted); font-size: 13px; margin-bottom: 8px; }
  .back svg { width: 15px; height: 15px; }
  header { display: flex; justify-content: space-between; align-items: flex-start; gap: 16px; flex-wrap: wrap; margin-bottom: 16px; }
  .meta { display: flex; gap: 10px; align-items: center; flex-wrap: wrap; margin-top: 8px; color: var(--_muted); font-size: 13px; }
  .meta .dot { color: var(--_border-strong); }
  .head-actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; }
  .live { display: inline-flex; align-items: center; gap: 7px; height: 26px; padding: 0 10px; border-radius: 999px; font-size: 12.5px;
    font-weight: 600; background: var(--_surface-2); color: var(--_muted); border: 1px solid var(--_border); }
  .live .pulse { width: 8px; height: 8px; border-radius: 50%; background: var(--_faint); }
  .live.on { background: var(--_ok-soft); color: var(--_ok); border-color: #abefc6; }
  .live.on .pulse { background: #17b26a; box-shadow: 0 0 0 0 rgba(23, 178, 106, 0.5); animation: pulse 1.8s infinite; }
  .live.warn { background: var(--_warn-soft); color: var(--_warn); border-color: #fedf89; }
  .live.warn .pulse { background: #f79009; }
  @keyframes pulse { 70% { box-shadow: 0 0 0 7px rgba(23, 178, 106, 0); } 100% { box-shadow: 0 0 0 0 rgba(23, 178, 106, 0); } }
  .definition { margin-bottom: 16px; padding: 16px 18px; display: grid; gap: 12px; }
  .definition .desc { font-size: 15px; }
  .definition pre { margin: 0; padding: 12px 14px; background: #0f172a; color: #e2e8f0; border-radius: 8px; font-size: 12.5px;
    overflow: auto; max-height: 320px; font-family: var(--_mono); }
  .stats { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 16px; margin-bottom: 16px; }
  .stat { padding: 14px 18px; }
  .stat .k { font-size: 12.5px; color: var(--_muted); }
  .stat .v { font-size: 24px; font-weight: 650; letter-spacing: -0.01em; font-variant-numeric: tabular-nums; margin-top: 2px; }
  .row { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 16px; margin-bottom: 16px; }
  .row > .card { min-width: 0; }
  @container (max-width: 900px) {
    .row { grid-template-columns: minmax(0, 1fr); }
    .stats { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  }
  .section-label { font-size: 13px; font-weight: 600; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.05em;
    margin: 8px 0 10px; }
  .confirm { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; padding: 10px 12px; border-radius: 8px;
    background: var(--_danger-soft); border: 1px solid #fecdca; font-size: 13px; margin-bottom: 16px; }
  .confirm p { flex: 1 1 240px; color: var(--_danger); }
  .count-live { font-size: 12.5px; color: var(--_muted); }
`;
