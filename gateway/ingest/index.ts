/** Mappings of foreign ingest formats onto liveseg's events and profile updates. */
export { type MapContext, type Mapped, mapMessage, type MapResult, MESSAGE_TYPES, type MessageType } from './segment-spec.ts';
