// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { $, fakeGateway, mount, stubBrowser, until } from './testing/dom.ts';
import './liveseg-app.ts';
import type { LivesegApp } from './liveseg-app.ts';

describe('liveseg-app', () => {
  beforeEach(() => {
    stubBrowser();
    fakeGateway({ 'GET /v1/segments': () => ({ segments: [] }) });
  });
  afterEach(() => {
    document.body.innerHTML = '';
    location.hash = '';
    vi.unstubAllGlobals();
  });

  it('routes by hash and passes api-base and api-key down', async () => {
    location.hash = '#/segments';
    const app = await mount<LivesegApp>('<liveseg-app api-base="https://ls.example.com" api-key="k"></liveseg-app>');
    const list = await until(() => $(app, 'liveseg-segment-list'));
    expect(list.getAttribute('api-base')).toBe('https://ls.example.com');
    expect(list.getAttribute('api-key')).toBe('k');
    expect($(app, 'nav a[aria-current=page]')!.textContent).toContain('Segments');
    const routes: Array<[string, string]> = [
      ['#/segments/new', 'liveseg-segment-builder'],
      ['#/segments/sg_1', 'liveseg-report'],
      ['#/users/u-42', 'liveseg-user-lookup'],
    ];
    for (const [hash, tag] of routes) {
      location.hash = hash;
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      await until(() => $(app, tag));
    }
    expect($(app, 'liveseg-user-lookup')!.getAttribute('user-id')).toBe('u-42');
    expect($(app, 'nav a[aria-current=page]')!.textContent).toContain('User lookup');
    expect(document.title).toBe('User u-42 · liveseg');
  });
});
