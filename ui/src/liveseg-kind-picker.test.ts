// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { TRIGGER_KINDS } from '../../actors/types.ts';
import { BUILDER_KINDS } from './builder/kinds/index.ts';
import './liveseg-kind-picker.ts';
import type { LivesegKindPicker } from './liveseg-kind-picker.ts';
import { mount } from './testing/dom.ts';

describe('liveseg-kind-picker', () => {
  afterEach(() => {
    document.body.innerHTML = '';
  });

  it('renders one option per trigger kind, labelled from the registry', async () => {
    const el = await mount<LivesegKindPicker>('<liveseg-kind-picker></liveseg-kind-picker>');
    const radios = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')];
    expect(radios.map((r) => r.value)).toEqual([...TRIGGER_KINDS]);
    for (const kind of TRIGGER_KINDS) {
      const card = el.shadowRoot!.querySelector(`label[data-kind=${kind}]`)!;
      expect(card.classList.contains(`k-${kind}`)).toBe(true);
      expect(card.querySelector('.title')!.textContent).toBe(BUILDER_KINDS[kind].label);
    }
  });

  it('fires change with the chosen kind', async () => {
    const el = await mount<LivesegKindPicker>('<liveseg-kind-picker></liveseg-kind-picker>');
    const chosen = new Promise<string>((r) => el.addEventListener('change', (e) => r((e as CustomEvent<{ kind: string }>).detail.kind)));
    el.shadowRoot!.querySelector<HTMLInputElement>('input[value=referrer]')!.dispatchEvent(new Event('change'));
    expect(await chosen).toBe('referrer');
    expect(el.value).toBe('referrer');
  });
});
