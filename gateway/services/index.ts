/** The gateway's services: projections and readers of NATS state, and the live fan-out. */
export { EntryIndex, type EntryIndexOptions, type IndexedEntry, type Member, type Report } from './entry-index.ts';
export { type Aggregate, applyEntries, dayString, emptyAggregate, RECENT, toReport } from './report-aggregate.ts';
export { ReportProjector } from './report-projector.ts';
export { MemberPages } from './member-pages.ts';
export { EntryFeed } from './entry-feed.ts';
export { RateRecorder, type RatePoint } from './rate-recorder.ts';
export { RecorderLease, type RecorderLeaseTiming } from './recorder-lease.ts';
export { SegmentStore, randomSegmentId } from './segment-store.ts';
export { ActivityMeter, userIdOf, type Activity } from './activity.ts';
export { LiveHub, type LiveClient, type Rate } from './live-hub.ts';
export { UserLookup } from './user-lookup.ts';
export type { UserView } from '../../actors/user/index.ts';
export { ConsumerLag, type PartitionLag } from './consumer-lag.ts';
export { Metrics, type Labels, type Sample } from './metrics.ts';
export { AckPublisher } from '../../actors/bus/ack-publisher.ts';
