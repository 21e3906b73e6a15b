/**
 * JSON Schemas of the API's bodies for `GET /openapi.json`. Bodies are validated by the
 * hand-written validators of actors/definition (they collect every problem with its path, which a
 * generic schema validator would not word as well), so these schemas are derived from the same
 * exported constants (ops, kinds, channels, limits), each trigger kind's schema comes from its
 * module in actors/kinds, and schemas.test.ts runs the validators against every bound and example
 * stated here: the document cannot drift from what is enforced.
 */
import {
  MAX_EVENT_BYTES,
  MAX_EVENT_ID_LENGTH,
  MAX_EVENT_NAME_LENGTH,
  MAX_PAST_COUNT,
  MAX_PAST_FILTERS,
  MAX_PROFILE_BYTES,
  MAX_REGEX_LENGTH,
  MAX_STORED_PROFILE_BYTES,
  MAX_TIMESTAMP,
  MAX_URL_MATCH_LENGTH,
  MAX_USER_ID_LENGTH,
} from '../../actors/definition/index.ts';
import { closedObject, DURATION_SCHEMA, EVENT_MATCH_SCHEMA, KINDS, schemaRef as ref } from '../../actors/kinds/index.ts';
import { CHANNELS, CONDITION_OPS, COUNT_OPS, TRIGGER_KINDS, URL_MATCH_OPS } from '../../actors/types.ts';
import { MESSAGE_TYPES } from '../ingest/index.ts';
import { MAX_BATCH, MAX_BATCH_BYTES } from '../limits.ts';
import { MAX_URL_LENGTH } from '../../actors/destinations/target.ts';
import { MAX_DESTINATION_NAME, MAX_DESTINATION_SEGMENTS } from '../../actors/destinations/validate.ts';

type Schema = Record<string, unknown>;

/** Text limits of the validators, in Unicode code points (checked by schemas.test.ts). */
export const TEXT_LIMITS = {
  eventId: MAX_EVENT_ID_LENGTH,
  userId: MAX_USER_ID_LENGTH,
  eventName: MAX_EVENT_NAME_LENGTH,
  segmentName: 200,
} as const;

/**
 * Ids that become keys and NATS header values: no control characters and no lone surrogate (with
 * the `u` flag a surrogate pair is one code point, so only lone halves fall in D800–DFFF).
 */
export const KEY_TEXT_PATTERN = '^[^\\u0000-\\u001f\\u007f\\uD800-\\uDFFF]*$';
const keyText = (max: number, description: string): Schema => ({ ...text(max, description), pattern: KEY_TEXT_PATTERN });

const text = (max: number, description?: string): Schema => ({
  type: 'string',
  minLength: 1,
  maxLength: max,
  ...(description ? { description } : {}),
});
const obj = (properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema => ({
  ...closedObject(properties, required),
  ...extra,
});
const batchOf = (item: string): Schema => ({
  oneOf: [ref(item), { type: 'array', items: ref(item), maxItems: MAX_BATCH }],
  description: `one item or an array of at most ${MAX_BATCH}; the body is at most ${MAX_BATCH_BYTES} bytes`,
});

const REACH: Schema = obj(Object.fromEntries(CHANNELS.map((c) => [c, { type: 'boolean' }])), [...CHANNELS]);

// One schema per kind, from its module: a kind cannot be missing from the document.
const TRIGGERS = TRIGGER_KINDS.map((k) => {
  const { properties, required } = KINDS[k].schema;
  return obj({ kind: { const: k }, ...properties }, ['kind', ...required]);
});

const PAST_FILTER: Schema = {
  oneOf: [
    obj(
      {
        did: text(TEXT_LIMITS.eventName),
        where: EVENT_MATCH_SCHEMA.where,
        inLast: DURATION_SCHEMA,
        count: obj({ op: { enum: [...COUNT_OPS] }, value: { type: 'integer', minimum: 0, maximum: MAX_PAST_COUNT } }, ['op', 'value']),
      },
      ['did', 'inLast'],
    ),
    obj({ didNot: text(TEXT_LIMITS.eventName), where: EVENT_MATCH_SCHEMA.where, inLast: DURATION_SCHEMA }, ['didNot', 'inLast']),
  ],
};

const SEGMENT_FIELDS = {
  id: { type: 'string' },
  name: { type: 'string' },
  kind: { enum: [...TRIGGER_KINDS] },
  createdAt: { type: 'integer', description: 'epoch ms' },
};
const ENTRY_VIEW = obj({ userId: { type: 'string' }, at: { type: 'integer' }, reach: ref('Reach') }, ['userId', 'at', 'reach']);
const nullable = (s: Schema): Schema => ({ oneOf: [s, { type: 'null' }] });
const DESTINATION_FIELDS: Record<string, Schema> = {
  id: { type: 'string' },
  name: { type: 'string' },
  url: { type: 'string' },
  segments: { type: 'array', items: { type: 'string' } },
  createdAt: { type: 'integer', description: 'epoch ms; entries stored from then on are delivered' },
};
const DESTINATION_REQUIRED = ['id', 'name', 'url', 'segments', 'createdAt'];
const DESTINATION_STATS = obj(
  { delivered: { type: 'integer' }, retrying: { type: 'integer' }, failed: { type: 'integer' }, lastError: { type: 'string' } },
  ['delivered', 'retrying', 'failed'],
);
/** The refused items of an ingest answer. */
const REJECTED: Schema = {
  type: 'array',
  items: obj({ index: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array' } }, [
    'index',
    'code',
    'message',
  ]),
};

/** Every named schema of the document. */
export const SCHEMAS: Record<string, Schema> = {
  Error: obj(
    {
      error: obj(
        {
          code: { type: 'string', description: 'stable snake_case code' },
          message: { type: 'string' },
          details: { type: 'array', items: obj({ path: { type: 'string' }, message: { type: 'string' } }, ['path', 'message']) },
        },
        ['code', 'message'],
      ),
    },
    ['error'],
  ),
  Event: obj(
    {
      id: keyText(TEXT_LIMITS.eventId, 'de-duplication key; a UUID is assigned when missing'),
      userId: keyText(TEXT_LIMITS.userId, 'any well-formed Unicode except control characters'),
      name: text(TEXT_LIMITS.eventName, 'names starting with $ are reserved; only $page_view and $screen_view may be sent'),
      ts: {
        oneOf: [
          { type: 'integer', minimum: 0, maximum: MAX_TIMESTAMP },
          { type: 'string', format: 'date-time' },
        ],
        description: 'epoch ms or ISO-8601; default now; at most 24 h ahead',
      },
      props: { type: 'object', description: '$page_view needs props.url (absolute URL), optional referrer and title' },
    },
    ['userId', 'name'],
    { description: `at most ${MAX_EVENT_BYTES} bytes as JSON` },
  ),
  EventBatch: batchOf('Event'),
  ProfileUpdate: obj(
    {
      userId: keyText(TEXT_LIMITS.userId, 'any well-formed Unicode except control characters'),
      timezone: { type: 'string', description: 'IANA time zone; replaces the stored one' },
      unsubscribed: { type: 'array', items: { enum: [...CHANNELS] }, description: 'replaces the stored list' },
      props: { type: 'object', description: 'merged into the stored props; null deletes a prop' },
    },
    ['userId'],
    {
      description:
        `at most ${MAX_PROFILE_BYTES} bytes as JSON; the stored profile after merging is at most ` +
        `${MAX_STORED_PROFILE_BYTES} bytes (the worker refuses an update past that)`,
    },
  ),
  ProfileBatch: batchOf('ProfileUpdate'),
  IngestResult: obj({ accepted: { type: 'integer' }, rejected: REJECTED }, ['accepted', 'rejected']),
  // Segment-spec messages carry many fields liveseg does not read (integrations, _metadata, …): open objects.
  SegmentSpecMessage: {
    type: 'object',
    description: 'a Segment-spec message; user = userId, else anonymousId; messageId is the event id (see docs/sdks.md)',
    properties: {
      type: { enum: [...MESSAGE_TYPES], description: 'implied by a single-message path' },
      userId: { type: ['string', 'number', 'null'] },
      anonymousId: { type: ['string', 'number', 'null'] },
      messageId: keyText(TEXT_LIMITS.eventId, 'the event id: the de-duplication key'),
      timestamp: { type: ['string', 'integer'], description: 'event time (ISO-8601 or epoch ms); corrected by sentAt for clock skew' },
      sentAt: { type: 'string', format: 'date-time' },
      event: text(TEXT_LIMITS.eventName, 'track: the event name'),
      name: { type: 'string', description: 'page and screen: a prop of the event' },
      properties: { type: 'object', description: 'track, page, screen: the props' },
      traits: { type: 'object', description: 'identify: merged into the profile props' },
      context: { type: 'object', description: 'context.page (page url, referrer, title), context.timezone (identify)' },
    },
  },
  SegmentSpecBatch: {
    type: 'object',
    properties: {
      batch: { type: 'array', items: ref('SegmentSpecMessage'), maxItems: MAX_BATCH },
      sentAt: { type: 'string', format: 'date-time' },
      context: { type: 'object', description: "applies to every message, under the message's own context" },
    },
    required: ['batch'],
    description: `at most ${MAX_BATCH} messages; the body is at most ${MAX_BATCH_BYTES} bytes once decompressed`,
  },
  SegmentSpecResult: obj({ success: { const: true }, accepted: { type: 'integer' }, rejected: REJECTED }, [
    'success',
    'accepted',
    'rejected',
  ]),
  Condition: obj({ prop: { type: 'string' }, op: { enum: [...CONDITION_OPS] }, value: {} }, ['prop', 'op']),
  UrlMatch: obj(
    {
      op: { enum: [...URL_MATCH_OPS] },
      value: text(MAX_URL_MATCH_LENGTH, `a regex is RE2 syntax (no lookaround, no backreferences), at most ${MAX_REGEX_LENGTH} characters`),
    },
    ['op', 'value'],
  ),
  Trigger: { oneOf: TRIGGERS, discriminator: { propertyName: 'kind' } },
  SegmentDefinition: obj(
    {
      name: text(TEXT_LIMITS.segmentName),
      trigger: ref('Trigger'),
      filters: obj({
        past: { type: 'array', items: PAST_FILTER, maxItems: MAX_PAST_FILTERS },
        profile: { type: 'array', items: ref('Condition') },
      }),
      reentry: { enum: ['once', 'every'], default: 'once' },
      cooldown: { ...DURATION_SCHEMA, description: 'only with reentry "every"' },
    },
    ['name', 'trigger'],
  ),
  Segment: obj(
    {
      ...SEGMENT_FIELDS,
      definition: ref('SegmentDefinition'),
      description: { type: 'string', description: 'the definition in plain English' },
    },
    ['id', 'name', 'kind', 'createdAt', 'definition', 'description'],
  ),
  SegmentList: obj(
    {
      segments: {
        type: 'array',
        items: obj({ ...SEGMENT_FIELDS, members: { type: 'integer' } }, ['id', 'name', 'kind', 'createdAt', 'members']),
      },
    },
    ['segments'],
  ),
  Members: obj(
    {
      total: { type: 'integer' },
      users: { type: 'array', items: obj({ userId: { type: 'string' }, at: { type: 'integer' } }, ['userId', 'at']) },
      next: nullable({ type: 'string' }),
    },
    ['total', 'users', 'next'],
  ),
  Reach: REACH,
  Report: obj(
    {
      daily: {
        type: 'array',
        items: obj({ day: { type: 'string', format: 'date' }, count: { type: 'integer' } }, ['day', 'count']),
        description: 'entries per UTC day from the first complete UTC day after creation to today (today is partial)',
      },
      reachability: obj(
        {
          total: { type: 'integer', description: 'members' },
          channels: obj(
            Object.fromEntries(
              CHANNELS.map((c) => [c, obj({ reachable: { type: 'integer' }, pct: { type: 'number' } }, ['reachable', 'pct'])]),
            ),
            [...CHANNELS],
          ),
        },
        ['total', 'channels'],
      ),
      recent: { type: 'array', items: ENTRY_VIEW, description: 'the latest entries, newest first' },
    },
    ['daily', 'reachability', 'recent'],
  ),
  LiveEntry: ENTRY_VIEW,
  LiveRate: obj({ t: { type: 'integer' }, entries: { type: 'integer' }, activeUsers: { type: 'integer' }, events: { type: 'integer' } }, [
    't',
    'entries',
    'activeUsers',
    'events',
  ]),
  LiveHistory: obj(
    {
      bucketMs: { type: 'integer', description: 'length of each point, ms' },
      points: {
        type: 'array',
        description: 'the last 15 minutes, oldest first; per-second averages over the bucket ending at t',
        items: obj({ t: { type: 'integer' }, entries: { type: 'number' }, activeUsers: { type: 'number' }, events: { type: 'number' } }, [
          't',
          'entries',
          'activeUsers',
          'events',
        ]),
      },
    },
    ['bucketMs', 'points'],
  ),
  User: obj(
    {
      userId: { type: 'string' },
      profile: obj(
        { timezone: { type: 'string' }, unsubscribed: { type: 'array', items: { enum: [...CHANNELS] } }, props: { type: 'object' } },
        ['unsubscribed', 'props'],
      ),
      reach: ref('Reach'),
      segments: {
        type: 'array',
        items: obj(
          {
            segmentId: { type: 'string' },
            name: nullable({ type: 'string' }),
            entries: { type: 'integer' },
            lastEntryAt: nullable({ type: 'integer' }),
            cause: nullable({ type: 'string' }),
          },
          ['segmentId', 'name', 'entries', 'lastEntryAt', 'cause'],
        ),
      },
      pending: {
        type: 'array',
        items: obj(
          {
            segmentId: { type: 'string' },
            name: nullable({ type: 'string' }),
            deadline: { type: 'integer' },
            cause: nullable({ type: 'string' }),
          },
          ['segmentId', 'name', 'deadline', 'cause'],
        ),
      },
    },
    ['userId', 'profile', 'reach', 'segments', 'pending'],
  ),
  DestinationInput: obj(
    {
      name: text(MAX_DESTINATION_NAME),
      url: {
        type: 'string',
        format: 'uri',
        maxLength: MAX_URL_LENGTH,
        description: 'http or https, no credentials; private addresses only where allowed',
      },
      segments: { type: 'array', items: { type: 'string' }, minItems: 1, maxItems: MAX_DESTINATION_SEGMENTS, uniqueItems: true },
    },
    ['name', 'url', 'segments'],
  ),
  DestinationCreated: obj(
    { ...DESTINATION_FIELDS, secret: { type: 'string', pattern: '^whsec_', description: 'the signing secret; shown only here' } },
    [...DESTINATION_REQUIRED, 'secret'],
  ),
  DestinationList: obj(
    {
      destinations: { type: 'array', items: obj({ ...DESTINATION_FIELDS, stats: DESTINATION_STATS }, [...DESTINATION_REQUIRED, 'stats']) },
    },
    ['destinations'],
  ),
  DestinationDetail: obj(
    {
      ...DESTINATION_FIELDS,
      stats: DESTINATION_STATS,
      recent: {
        type: 'array',
        description: 'the latest attempts, newest first',
        items: obj(
          {
            id: { type: 'string', description: 'the webhook-id' },
            at: { type: 'integer' },
            attempt: { type: 'integer', minimum: 1 },
            ok: { type: 'boolean' },
            status: { type: 'integer' },
            ms: { type: 'integer' },
            error: { type: 'string' },
            outcome: { enum: ['delivered', 'retrying', 'failed', 'test'] },
          },
          ['id', 'at', 'attempt', 'ok', 'ms', 'outcome'],
        ),
      },
      backlog: obj({ pending: { type: 'integer' }, ackPending: { type: 'integer' } }, ['pending', 'ackPending']),
    },
    [...DESTINATION_REQUIRED, 'stats', 'recent', 'backlog'],
  ),
  DestinationTest: obj({ ok: { type: 'boolean' }, status: { type: 'integer' }, ms: { type: 'integer' }, error: { type: 'string' } }, [
    'ok',
    'ms',
  ]),
  Health: obj({ ok: { const: true } }, ['ok']),
  Ready: obj({ ready: { const: true } }, ['ready']),
};
