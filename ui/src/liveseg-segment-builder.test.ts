// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { $, fakeGateway, mount, shadowText, stubBrowser, type, until } from './testing/dom.ts';
import './liveseg-segment-builder.ts';
import type { LivesegSegmentBuilder } from './liveseg-segment-builder.ts';

const DEMO = { id: 'sg_demo', name: 'Cart', kind: 'inaction', createdAt: 1, members: 0 };
const DEMO_DEF = { name: 'Cart', trigger: { kind: 'inaction', event: 'Basket Filled', without: { event: 'Paid' }, within: '5m' } };

async function builder(routes: Parameters<typeof fakeGateway>[0] = {}) {
  const gw = fakeGateway({
    'GET /v1/segments': () => ({ segments: [DEMO] }),
    'GET /v1/segments/sg_demo': () => ({ ...DEMO, definition: DEMO_DEF, description: '' }),
    ...routes,
  });
  const el = await mount<LivesegSegmentBuilder>('<liveseg-segment-builder></liveseg-segment-builder>');
  return { el, gw };
}

const pickKind = async (el: LivesegSegmentBuilder, kind: string) => {
  const picker = $(el, 'liveseg-kind-picker')!;
  await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  const radio = picker.shadowRoot!.querySelector<HTMLInputElement>(`input[value=${kind}]`)!;
  radio.checked = true;
  radio.dispatchEvent(new Event('change'));
  await el.updateComplete;
};

const input = (el: LivesegSegmentBuilder, id: string) => $(el, `#${id}`) as HTMLInputElement;
const description = (el: LivesegSegmentBuilder) => ($(el, '[data-testid=description]')!.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('liveseg-segment-builder', () => {
  beforeEach(() => stubBrowser());
  afterEach(() => {
    document.body.innerHTML = '';
    vi.unstubAllGlobals();
  });

  it('offers the six kinds as labelled cards', async () => {
    const { el } = await builder();
    const picker = $(el, 'liveseg-kind-picker')!;
    await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const text = shadowText(picker);
    for (const k of ['Single action', 'Inaction within time', 'On a date/time', 'Page visit', 'Referrer entry', 'Page count'])
      expect(text).toContain(k);
    expect(picker.shadowRoot!.querySelectorAll('input[type=radio]')).toHaveLength(6);
    expect(shadowText(el)).toContain('Choose a kind above');
  });

  it('describes the segment in plain English as you type, and suggests names from traffic and definitions', async () => {
    const { el } = await builder();
    await pickKind(el, 'inaction');
    expect(description(el)).toBe('Users who did … and did not do … within 10 minutes.');
    type(input(el, 'f-trigger-event'), 'Added To Cart');
    type(input(el, 'f-trigger-without-event'), 'Charged');
    await el.updateComplete;
    expect(description(el)).toBe('Users who did Added To Cart and did not do Charged within 10 minutes.');
    type(input(el, 'f-trigger-within'), '2');
    ($(el, 'select[aria-label="Within: unit"]') as HTMLSelectElement).value = 's';
    $(el, 'select[aria-label="Within: unit"]')!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(description(el)).toBe('Users who did Added To Cart and did not do Charged within 2 seconds.');
    await until(() => el.shadowRoot!.querySelector('datalist#ls-events option[value="Basket Filled"]'));
    expect(input(el, 'f-trigger-event').getAttribute('list')).toBe('ls-events');
    expect(shadowText(el)).toContain('Convey the core meaning of the segment while keeping the name brief.');
  });

  it('reveals past action, past inaction and profile rows behind the filter checkbox', async () => {
    const { el } = await builder();
    await pickKind(el, 'action');
    type(input(el, 'f-trigger-event'), 'App Launched');
    const box = $(el, '#use-filters') as HTMLInputElement;
    expect(box.labels?.[0]?.textContent ?? $(el, 'label[for=use-filters]')!.textContent).toContain(
      'Filter on past user behavior and common properties',
    );
    box.checked = true;
    box.dispatchEvent(new Event('change'));
    await el.updateComplete;
    const buttons = [...el.shadowRoot!.querySelectorAll('#filter-fields button')];
    buttons.find((b) => b.textContent!.includes('Past action'))!.dispatchEvent(new Event('click'));
    await el.updateComplete;
    buttons.find((b) => b.textContent!.includes('Past inaction'))!.dispatchEvent(new Event('click'));
    await el.updateComplete;
    [...el.shadowRoot!.querySelectorAll('#filter-fields button')]
      .find((b) => b.textContent!.includes('Profile property'))!
      .dispatchEvent(new Event('click'));
    await el.updateComplete;
    type(input(el, 'f-filters-past-0-did'), 'Added To Cart');
    type(input(el, 'f-filters-past-1-didNot'), 'Charged');
    type(input(el, 'f-filters-profile-0-prop'), 'city');
    type(input(el, 'f-filters-profile-0-value'), 'Pune');
    await el.updateComplete;
    expect(description(el)).toBe(
      'Users who did App Launched, who did Added To Cart in the last 30 days, ' +
        'who did not do Charged in the last 30 days, whose city is Pune.',
    );
  });

  it('saves a valid definition and announces the new segment', async () => {
    const { el, gw } = await builder({
      'POST /v1/segments': ({ body }) => [201, { id: 'sg_new', ...(body as object), kind: 'page_visit', createdAt: 1, description: 'd' }],
    });
    await pickKind(el, 'page_visit');
    type(input(el, 'f-trigger-url-value'), '/pricing');
    type(input(el, 'f-name'), 'Visited pricing');
    await el.updateComplete;
    const created = new Promise<CustomEvent>((r) =>
      el.addEventListener('liveseg-created', (e) => {
        e.preventDefault();
        r(e as CustomEvent);
      }),
    );
    ($(el, 'form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    expect((await created).detail.id).toBe('sg_new');
    const post = gw.calls.find((c) => c.method === 'POST')!;
    expect(post.body).toEqual({ name: 'Visited pricing', trigger: { kind: 'page_visit', url: { op: 'contains', value: '/pricing' } } });
  });

  it('shows client-side problems next to their fields on save, without sending', async () => {
    const { el, gw } = await builder();
    await pickKind(el, 'inaction');
    type(input(el, 'f-trigger-event'), 'Added To Cart');
    type(input(el, 'f-trigger-within'), '0');
    ($(el, 'form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => $(el, '[data-error-for="trigger.within"]'));
    expect($(el, '[data-error-for="trigger.within"]')!.textContent).toContain('must be positive');
    expect(input(el, 'f-trigger-within').getAttribute('aria-invalid')).toBe('true');
    expect(input(el, 'f-trigger-within').getAttribute('aria-describedby')).toContain('f-trigger-within-error');
    expect($(el, '[data-error-for="trigger.without.event"]')!.textContent).toContain('is required');
    expect($(el, '[data-error-for="name"]')).not.toBeNull();
    expect($(el, '[data-testid=problems]')!.textContent!.replace(/\s+/g, ' ')).toContain('Window: must be positive');
    expect(gw.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('maps server validation details to the fields they name', async () => {
    const { el } = await builder({
      'POST /v1/segments': () => [
        400,
        {
          error: {
            code: 'invalid_definition',
            message: '1 problem',
            details: [{ path: 'trigger.within', message: 'is too long for this plan' }],
          },
        },
      ],
    });
    await pickKind(el, 'inaction');
    type(input(el, 'f-trigger-event'), 'Added To Cart');
    type(input(el, 'f-trigger-without-event'), 'Charged');
    type(input(el, 'f-name'), 'Carts');
    await el.updateComplete;
    ($(el, 'form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => $(el, '[data-error-for="trigger.within"]'));
    expect($(el, '[data-error-for="trigger.within"]')!.textContent).toContain('is too long for this plan');
    // Editing the field answers the server's complaint.
    type(input(el, 'f-trigger-within'), '5');
    await el.updateComplete;
    expect($(el, '[data-error-for="trigger.within"]')).toBeNull();
  });

  it('duplicates an existing segment into the form', async () => {
    fakeGateway({
      'GET /v1/segments': () => ({ segments: [DEMO] }),
      'GET /v1/segments/sg_demo': () => ({ ...DEMO, definition: DEMO_DEF, description: '' }),
    });
    const el = await mount<LivesegSegmentBuilder>('<liveseg-segment-builder from="sg_demo"></liveseg-segment-builder>');
    await until(() => input(el, 'f-trigger-event')?.value === 'Basket Filled');
    expect(input(el, 'f-trigger-without-event').value).toBe('Paid');
    expect(input(el, 'f-name').value).toBe('Cart (copy)');
    expect(description(el)).toBe('Users who did Basket Filled and did not do Paid within 5 minutes.');
    expect($(el, 'h1')!.textContent).toBe('Duplicate segment');
  });

  it('shows a network failure without losing the form', async () => {
    const { el } = await builder({
      'POST /v1/segments': () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await pickKind(el, 'referrer');
    type(input(el, 'f-trigger-referrer-value'), 'google.');
    type(input(el, 'f-name'), 'From Google');
    ($(el, 'form') as HTMLFormElement).dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => shadowText(el).includes('Could not reach the liveseg gateway'));
    expect(input(el, 'f-name').value).toBe('From Google');
  });
});
