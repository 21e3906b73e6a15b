/**
 * The library entry (built to ui/dist/liveseg.js): importing it defines every liveseg element,
 * so `<liveseg-report segment-id="…" api-base="…" api-key="…">` works in any page.
 */
export { LivesegApp } from './liveseg-app.ts';
export { LivesegDailyChart } from './liveseg-daily-chart.ts';
export { LivesegDoMore } from './liveseg-do-more.ts';
export { LivesegDestinations } from './liveseg-destinations.ts';
export { LivesegKindPicker } from './liveseg-kind-picker.ts';
export { LivesegLiveUsers } from './liveseg-live-users.ts';
export { LivesegRateChart } from './liveseg-rate-chart.ts';
export { LivesegReachability } from './liveseg-reachability.ts';
export { LivesegReport } from './liveseg-report.ts';
export { LivesegSegmentBuilder } from './liveseg-segment-builder.ts';
export { LivesegSegmentList } from './liveseg-segment-list.ts';
export { LivesegUserLookup } from './liveseg-user-lookup.ts';
export { ApiClient, ApiError } from './api/index.ts';
export type { ApiOptions } from './api/index.ts';
