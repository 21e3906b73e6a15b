/** Public surface of the definition family: schemas, matching and descriptions. */
export { formatDuration, parseDuration } from './duration.ts';
export { getPath, isDottedPath } from './path.ts';
export { jsonEqual, matchAll, matchCondition } from './condition.ts';
export { compileNormalisedUrlMatch, compileUrlMatch, hostOf, isExternalReferrer, MAX_MATCHED_URL_LENGTH, normaliseUrl } from './url.ts';
export { compileRegex, regexProblem } from './regex.ts';
export { applyProfileUpdate, emptyProfile, reachOf } from './reach.ts';
export { MAX_TIMESTAMP, parseIsoTimestamp, parseTimestamp } from './timestamp.ts';
export { isTimeZone } from './timezone.ts';
export {
  EVENT_ERROR_CODES,
  MAX_EVENT_BYTES,
  MAX_EVENT_FUTURE_MS,
  MAX_EVENT_ID_LENGTH,
  PAGE_VIEW,
  parseEvent,
  SCREEN_VIEW,
  SYSTEM_EVENTS,
} from './event.ts';
export type { EventErrorCode } from './event.ts';
export { MAX_PROFILE_BYTES, parseProfileUpdate } from './profile.ts';
export type { ProfileErrorCode } from './profile.ts';
export { parseCondition, parseWhere } from './where.ts';
export { MAX_REGEX_LENGTH, MAX_URL_MATCH_LENGTH, parseUrlMatch } from './url-match.ts';
export { parseTrigger } from './trigger.ts';
export {
  MAX_PAGE_COUNT,
  MAX_PAST_COUNT,
  MAX_PAST_FILTERS,
  MAX_RECORD_BYTES,
  MAX_SEGMENT_STATE_BYTES,
  MAX_STORED_PROFILE_BYTES,
  segmentStateBytes,
} from './limits.ts';
export { MAX_EVENT_NAME_LENGTH } from './event-match.ts';
export { parseFilters, parsePastFilter } from './filters.ts';
export type { Filters } from './filters.ts';
export { parseDefinition } from './definition.ts';
export { describeDefinition } from './describe.ts';
export { describeCondition, describeValue } from './phrases.ts';
export { checkUserId, hasLoneSurrogate, jsonSize, MAX_OFFSET_MS, MAX_USER_ID_LENGTH, MAX_WINDOW_MS } from './validate.ts';
