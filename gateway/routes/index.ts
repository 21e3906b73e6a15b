/** The handlers of the API table's operations, by family. */
export { ingestHandlers, type IngestDeps, type Rejection } from './ingest.ts';
export { type MessageOutcome, segmentSpecHandlers, type SegmentSpecDeps } from './segment-spec.ts';
export { findSegment, segmentHandlers, type SegmentDeps } from './segments.ts';
export { reportHandlers, type ReportDeps } from './report.ts';
export { liveHandlers, type LiveDeps } from './live.ts';
export { userHandlers } from './users.ts';
export { opsHandlers, type OpsDeps } from './ops.ts';
export { destinationHandlers, type DestinationDeps } from './destinations.ts';
