/** The trigger kinds as people see them outside the builder: a label and a coloured badge. */
import { html, type TemplateResult } from 'lit';
import type { TriggerKind } from '../../../actors/types.ts';
import { type AnyBuilderKind, BUILDER_KINDS } from '../builder/kinds/index.ts';

const kindOf = (kind: string): AnyBuilderKind | undefined =>
  Object.hasOwn(BUILDER_KINDS, kind) ? BUILDER_KINDS[kind as TriggerKind] : undefined;

/** Label of a kind, tolerating unknown values from newer gateways. */
export const kindLabel = (kind: string): string => kindOf(kind)?.label ?? kind;

/** A coloured pill naming the kind (needs the `kindColors` and `base` styles). */
export function kindBadge(kind: string): TemplateResult {
  return html`<span class="badge kind k-${kind}">${kindOf(kind)?.icon ?? ''}${kindLabel(kind)}</span>`;
}
