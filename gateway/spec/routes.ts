/**
 * The HTTP API as data: one declarative table that the gateway routes from, authorizes from,
 * validates path/query parameters from, and renders into `GET /openapi.json`. A route that is
 * not in this table does not exist, and every route in it is documented.
 */
import type { ParamSchema } from './params.ts';
import { KEY_TEXT_PATTERN } from './schemas.ts';

/** Who may call a route: everyone, ingest or admin keys, or admin keys only. */
export type Role = 'public' | 'ingest' | 'admin';

/** One path, query or header parameter. */
export interface ParamSpec {
  name: string;
  in: 'path' | 'query' | 'header';
  description: string;
  schema: ParamSchema;
  required?: boolean;
}

/** One response of a route: status, description, and the schema name (see schemas.ts) or media type. */
export interface ResponseSpec {
  description: string;
  /** A name in SCHEMAS; absent for empty bodies. */
  schema?: string;
  /** Non-JSON media types (SSE, Prometheus text, HTML). */
  mediaType?: string;
}

/** One operation of the API. */
export interface RouteSpec {
  /** OpenAPI operationId; also the key of the handler that serves it. */
  id: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** Hono path syntax (`/v1/segments/:id`). */
  path: string;
  role: Role;
  summary: string;
  tag: string;
  params?: readonly ParamSpec[];
  /** Schema name of the JSON request body. */
  body?: string;
  responses: Record<number, ResponseSpec>;
}

const SEGMENT_ID: ParamSpec = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'segment id',
  schema: { type: 'string', minLength: 1, maxLength: 256 },
};

const err = (description: string): ResponseSpec => ({ description, schema: 'Error' });
const AUTH = { 401: err('missing or unknown API key'), 429: err('rate limit of the API key exceeded (see Retry-After)') };
const ADMIN = { ...AUTH, 403: err('an ingest key may not call this route') };
const NOT_FOUND = { 404: err('no such segment') };

const DESTINATION_ID: ParamSpec = {
  name: 'id',
  in: 'path',
  required: true,
  description: 'destination id',
  schema: { type: 'string', minLength: 1, maxLength: 64 },
};
const NO_DESTINATION = { 404: err('no such destination') };

/** Largest members page. */
export const MAX_PAGE = 1000;

const SEGMENT_SPEC_RESPONSES = {
  200: { description: 'stored messages counted (alias and group count as accepted), bad ones listed', schema: 'SegmentSpecResult' },
  400: err('body is not JSON, or not a message (a batch: not { batch: [ … ] }), or bad gzip'),
  413: err('more than 1,000 messages, or a body over 1 MiB once decompressed'),
  415: err('a Content-Encoding other than gzip'),
  503: err('NATS could not store every message; nothing is lost by retrying (messageId is the event id)'),
  ...AUTH,
};

/**
 * A Segment-spec ingest route (docs/sdks.md): the ingest or admin key as Bearer or as HTTP Basic
 * user name. The `…Short` ones are the paths analytics.js posts to (`/v1/t` for track, `/v1/b` for batch).
 */
const segmentSpec = <I extends string, P extends string>(id: I, path: P, summary: string, body = 'SegmentSpecMessage') =>
  ({ id, method: 'POST', path, role: 'ingest', tag: 'segment-spec', summary, body, responses: SEGMENT_SPEC_RESPONSES }) as const;
const shortOf = (path: string) => `the path analytics.js posts to; the same as POST ${path}`;

/** Every operation of the HTTP API (docs/http-api.md), in documentation order. */
export const ROUTES = [
  {
    id: 'ingestEvents',
    method: 'POST',
    path: '/v1/events',
    role: 'ingest',
    tag: 'ingest',
    summary: 'Publish one event or a batch (≤ 1,000 items, ≤ 1 MiB); bad items are listed, good ones kept',
    body: 'EventBatch',
    responses: {
      202: { description: 'stored items counted, bad ones listed', schema: 'IngestResult' },
      400: err('body is not JSON, or not an object or array'),
      413: err('batch or body too large'),
      503: err('NATS could store none of the items'),
      ...AUTH,
    },
  },
  {
    id: 'ingestProfiles',
    method: 'POST',
    path: '/v1/profiles',
    role: 'ingest',
    tag: 'ingest',
    summary: 'Publish one profile update or a batch',
    body: 'ProfileBatch',
    responses: {
      202: { description: 'stored items counted, bad ones listed', schema: 'IngestResult' },
      400: err('body is not JSON, or not an object or array'),
      413: err('batch or body too large'),
      503: err('NATS could store none of the items'),
      ...AUTH,
    },
  },
  segmentSpec(
    'segmentBatch',
    '/v1/batch',
    'Segment-spec batch { batch: [ messages ] }; bad messages are listed, good ones kept',
    'SegmentSpecBatch',
  ),
  segmentSpec('segmentTrack', '/v1/track', 'Segment-spec track: the event named `event`, `properties` as props'),
  segmentSpec('segmentIdentify', '/v1/identify', 'Segment-spec identify: a profile update, `traits` merged into props'),
  segmentSpec('segmentPage', '/v1/page', 'Segment-spec page: a $page_view (url, referrer, title from properties, else context.page)'),
  segmentSpec('segmentScreen', '/v1/screen', 'Segment-spec screen: a $screen_view event (props: properties and name)'),
  segmentSpec('segmentAlias', '/v1/alias', 'Segment-spec alias: accepted and ignored (counted in metrics)'),
  segmentSpec('segmentGroup', '/v1/group', 'Segment-spec group: accepted and ignored (counted in metrics)'),
  segmentSpec('segmentBatchShort', '/v1/b', shortOf('/v1/batch'), 'SegmentSpecBatch'),
  segmentSpec('segmentTrackShort', '/v1/t', shortOf('/v1/track')),
  segmentSpec('segmentIdentifyShort', '/v1/i', shortOf('/v1/identify')),
  segmentSpec('segmentPageShort', '/v1/p', shortOf('/v1/page')),
  segmentSpec('segmentScreenShort', '/v1/s', shortOf('/v1/screen')),
  segmentSpec('segmentAliasShort', '/v1/a', shortOf('/v1/alias')),
  segmentSpec('segmentGroupShort', '/v1/g', shortOf('/v1/group')),
  {
    id: 'createSegment',
    method: 'POST',
    path: '/v1/segments',
    role: 'admin',
    tag: 'segments',
    summary: 'Create a segment from a definition',
    body: 'SegmentDefinition',
    responses: {
      201: { description: 'the new segment', schema: 'Segment' },
      400: err('the definition breaks the rules; every problem is in details'),
      409: err('segment_limit: with this segment, the live segments could make a user record outgrow its cap'),
      413: err('definition over 64 KiB'),
      ...ADMIN,
    },
  },
  {
    id: 'listSegments',
    method: 'GET',
    path: '/v1/segments',
    role: 'admin',
    tag: 'segments',
    summary: 'Segments, newest first; q searches names case-insensitively',
    params: [{ name: 'q', in: 'query', description: 'substring of the name', schema: { type: 'string', maxLength: 200 } }],
    responses: { 200: { description: 'the segments', schema: 'SegmentList' }, 400: err('bad query'), ...ADMIN },
  },
  {
    id: 'getSegment',
    method: 'GET',
    path: '/v1/segments/:id',
    role: 'admin',
    tag: 'segments',
    summary: 'One segment, with its definition in plain English',
    params: [SEGMENT_ID],
    responses: { 200: { description: 'the segment', schema: 'Segment' }, ...NOT_FOUND, ...ADMIN },
  },
  {
    id: 'deleteSegment',
    method: 'DELETE',
    path: '/v1/segments/:id',
    role: 'admin',
    tag: 'segments',
    summary: 'Stop evaluating a segment (its entries are kept)',
    params: [SEGMENT_ID],
    responses: { 204: { description: 'deleted' }, ...NOT_FOUND, ...ADMIN },
  },
  {
    id: 'listMembers',
    method: 'GET',
    path: '/v1/segments/:id/members',
    role: 'admin',
    tag: 'segments',
    summary: 'Members in order of their first entry; next is the cursor of the following page',
    params: [
      SEGMENT_ID,
      { name: 'limit', in: 'query', description: 'page size', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 100 } },
      {
        name: 'cursor',
        in: 'query',
        description: 'the `next` of the previous page',
        schema: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, default: 0 },
      },
    ],
    responses: { 200: { description: 'one page of members', schema: 'Members' }, 400: err('bad limit or cursor'), ...NOT_FOUND, ...ADMIN },
  },
  {
    id: 'getReport',
    method: 'GET',
    path: '/v1/segments/:id/report',
    role: 'admin',
    tag: 'reports',
    summary: 'Entries per UTC day, reachability of the members per channel, and the latest entries',
    params: [SEGMENT_ID],
    responses: { 200: { description: 'the report', schema: 'Report' }, ...NOT_FOUND, ...ADMIN },
  },
  {
    id: 'liveFeed',
    method: 'GET',
    path: '/v1/segments/:id/live',
    role: 'admin',
    tag: 'reports',
    summary:
      'Server-Sent Events: `history` (the last 15 minutes of the rate) on connect, `entry` per entry (id = entry sequence), `rate` once a second, heartbeat comments',
    params: [
      SEGMENT_ID,
      {
        name: 'Last-Event-ID',
        in: 'header',
        description: 'resume after this entry id (up to 1,000 of the segment’s entries after it are sent first)',
        schema: { type: 'string', maxLength: 32 },
      },
    ],
    responses: {
      200: {
        description: 'event stream: `event: history` data LiveHistory; `event: entry` data LiveEntry; `event: rate` data LiveRate',
        mediaType: 'text/event-stream',
      },
      ...NOT_FOUND,
      ...ADMIN,
    },
  },
  {
    id: 'getUser',
    method: 'GET',
    path: '/v1/users/:userId',
    role: 'admin',
    tag: 'users',
    summary: 'A user: profile, reachability, segments entered (when and why) and pending windows',
    params: [
      {
        name: 'userId',
        in: 'path',
        required: true,
        description: 'user id (percent-encoded)',
        schema: { type: 'string', minLength: 1, maxLength: 256, pattern: KEY_TEXT_PATTERN },
      },
    ],
    responses: { 200: { description: 'the user', schema: 'User' }, 400: err('not a valid user id'), 404: err('no such user'), ...ADMIN },
  },
  {
    id: 'createDestination',
    method: 'POST',
    path: '/v1/destinations',
    role: 'admin',
    tag: 'destinations',
    summary: 'Deliver the entries of chosen segments to a webhook; the signing secret is answered only here',
    body: 'DestinationInput',
    responses: {
      201: { description: 'the new destination, with its secret', schema: 'DestinationCreated' },
      400: err('bad name, URL (or a refused private target) or segments; every problem is in details'),
      413: err('body over 16 KiB'),
      ...ADMIN,
    },
  },
  {
    id: 'listDestinations',
    method: 'GET',
    path: '/v1/destinations',
    role: 'admin',
    tag: 'destinations',
    summary: 'Destinations, newest first, with their delivery counts',
    responses: { 200: { description: 'the destinations', schema: 'DestinationList' }, ...ADMIN },
  },
  {
    id: 'getDestination',
    method: 'GET',
    path: '/v1/destinations/:id',
    role: 'admin',
    tag: 'destinations',
    summary: 'One destination with its counts, last error, recent deliveries and retry backlog',
    params: [DESTINATION_ID],
    responses: { 200: { description: 'the destination', schema: 'DestinationDetail' }, ...NO_DESTINATION, ...ADMIN },
  },
  {
    id: 'deleteDestination',
    method: 'DELETE',
    path: '/v1/destinations/:id',
    role: 'admin',
    tag: 'destinations',
    summary: 'Stop delivering to a destination',
    params: [DESTINATION_ID],
    responses: { 204: { description: 'deleted' }, ...NO_DESTINATION, ...ADMIN },
  },
  {
    id: 'testDestination',
    method: 'POST',
    path: '/v1/destinations/:id/test',
    role: 'admin',
    tag: 'destinations',
    summary: 'Send a signed test delivery now and say how it went',
    params: [DESTINATION_ID],
    responses: { 200: { description: 'the outcome of the attempt', schema: 'DestinationTest' }, ...NO_DESTINATION, ...ADMIN },
  },
  {
    id: 'health',
    method: 'GET',
    path: '/healthz',
    role: 'public',
    tag: 'operations',
    summary: 'Liveness',
    responses: { 200: { description: 'the process answers', schema: 'Health' } },
  },
  {
    id: 'ready',
    method: 'GET',
    path: '/readyz',
    role: 'public',
    tag: 'operations',
    summary: 'Ready once NATS is connected and the streams exist',
    responses: { 200: { description: 'ready', schema: 'Ready' }, 503: err('not connected or not provisioned') },
  },
  {
    id: 'metrics',
    method: 'GET',
    path: '/metrics',
    role: 'admin',
    tag: 'operations',
    summary: 'Prometheus metrics',
    responses: { 200: { description: 'Prometheus text format 0.0.4', mediaType: 'text/plain; version=0.0.4' }, ...ADMIN },
  },
  {
    id: 'openapi',
    method: 'GET',
    path: '/openapi.json',
    role: 'public',
    tag: 'operations',
    summary: 'This document',
    responses: { 200: { description: 'OpenAPI 3.1 document', mediaType: 'application/json' } },
  },
] as const satisfies readonly RouteSpec[];

/** The operationIds of ROUTES. */
export type RouteId = (typeof ROUTES)[number]['id'];
/** The operationIds of the Segment-spec ingest routes. */
export type SegmentSpecRouteId = Extract<(typeof ROUTES)[number], { tag: 'segment-spec' }>['id'];
