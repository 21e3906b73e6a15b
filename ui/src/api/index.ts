/** Public surface of the API family: client, errors, SSE parsing and response types. */
export { ApiClient } from './client.ts';
export type { ApiOptions, LiveHandlers } from './client.ts';
export { ApiError, errorMessage, isAbort, isApiError } from './api-error.ts';
export { readEventStream, SseParser } from './sse.ts';
export type { SseMessage } from './sse.ts';
export type {
  ChannelReach,
  ErrorBody,
  LiveEntry,
  Member,
  MembersPage,
  RateSample,
  Report,
  SegmentDetail,
  SegmentSummary,
  UserView,
} from './types.ts';
