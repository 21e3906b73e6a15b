/** Base class of elements that talk to the gateway: `api-base` and `api-key` attributes. */
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import { ApiClient } from '../api/index.ts';

export class ApiElement extends LitElement {
  /** Gateway origin and path prefix, e.g. "https://liveseg.example.com"; empty = this page's origin. */
  @property({ attribute: 'api-base' }) apiBase = '';
  /** Admin API key sent as a Bearer token (needed cross-origin or when the gateway has keys). */
  @property({ attribute: 'api-key' }) apiKey = '';

  private cached?: ApiClient;

  /** The client for the current attributes (a new one when they change). */
  get api(): ApiClient {
    if (!this.cached || this.cached.apiBase !== this.apiBase.replace(/\/+$/, '') || this.cached.apiKey !== this.apiKey) {
      this.cached = new ApiClient({ apiBase: this.apiBase, apiKey: this.apiKey });
    }
    return this.cached;
  }
}
