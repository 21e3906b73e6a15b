/** Request limits of the HTTP API (docs/http-api.md), shared by routes and the OpenAPI document. */

/** Items per ingest batch. */
export const MAX_BATCH = 1000;
/** Bytes per ingest body. */
export const MAX_BATCH_BYTES = 1024 * 1024;
/** Bytes per segment definition body. */
export const MAX_DEFINITION_BYTES = 64 * 1024;
