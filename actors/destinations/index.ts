/** Destinations: delivering entries to HTTP endpoints as signed webhooks (docs/destinations.md). */
export type { Attempt, Destination, DestinationInput, DestinationStats, RecentDelivery, StoredDestination, StoredStats } from './types.ts';
export { blockedReason } from './address.ts';
export { ALLOW_PRIVATE_ENV, allowsPrivate, deliveryOptionsFromEnv, type DeliveryEnvOptions } from './config.ts';
export { backlogOf, CONSUMER_SETTINGS, deliveryConsumer, type ConsumerSettings } from './consumers.ts';
export { Deliverer, type DelivererOptions, type DelivererStats } from './deliverer.ts';
export { entryPayload, testPayload, type EntryPayload } from './payload.ts';
export { elapsedBefore, maxAttempts, RETRY_SCHEDULE, retryDelay, type RetrySchedule } from './schedule.ts';
export { DELIVERY_TIMEOUT_MS, sendWebhook, type SendOptions } from './send.ts';
export { newSecret, sign, webhookHeaders } from './signature.ts';
export { LATENCY_BUCKETS_MS, RECENT_DELIVERIES, recordAttempt } from './stats.ts';
export { DestinationStore, openDestinationStore, publicView, randomDestinationId } from './store.ts';
export { targetRefusal, urlProblems, type Resolve, type TargetPolicy } from './target.ts';
export { MAX_DESTINATION_NAME, MAX_DESTINATION_SEGMENTS, parseDestinationInput } from './validate.ts';
