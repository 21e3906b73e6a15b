/** Typed calls of `/v1/destinations` for `<liveseg-destinations>`, through an ApiClient's base and key. */
import type { Attempt, Destination, DestinationInput, DestinationStats, RecentDelivery } from '../../actors/destinations/types.ts';
import type { ApiClient } from './api/index.ts';

/** A destination as listed: with its delivery counts. */
export interface DestinationSummary extends Destination {
  stats: DestinationStats;
}

/** A destination with its recent attempts, newest first. */
export interface DestinationDetailView extends DestinationSummary {
  recent: RecentDelivery[];
}

/** What `POST /v1/destinations` answers: the only time the secret is shown. */
export interface CreatedDestination extends Destination {
  secret: string;
}

/** What a test send answers. */
export type TestResult = Attempt;

const enc = encodeURIComponent;

/** Destinations through the base URL and key of `api`. Every method throws ApiError on failure (ApiClient.request). */
export class DestinationsClient {
  constructor(private readonly api: ApiClient) {}

  async list(signal?: AbortSignal): Promise<DestinationSummary[]> {
    return (await this.call<{ destinations: DestinationSummary[] }>('GET', '/v1/destinations', undefined, signal)).destinations;
  }

  get(id: string, signal?: AbortSignal): Promise<DestinationDetailView> {
    return this.call('GET', `/v1/destinations/${enc(id)}`, undefined, signal);
  }

  create(input: DestinationInput, signal?: AbortSignal): Promise<CreatedDestination> {
    return this.call('POST', '/v1/destinations', input, signal);
  }

  async remove(id: string, signal?: AbortSignal): Promise<void> {
    await this.call('DELETE', `/v1/destinations/${enc(id)}`, undefined, signal);
  }

  test(id: string, signal?: AbortSignal): Promise<TestResult> {
    return this.call('POST', `/v1/destinations/${enc(id)}/test`, undefined, signal);
  }

  private call<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.api.request<T>(method, path, { body, signal });
  }
}
