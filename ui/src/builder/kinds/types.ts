/** What the builder knows about one trigger kind, gathered in one object per kind. */
import type { SVGTemplateResult, TemplateResult } from 'lit';
import type { Trigger, TriggerKind } from '../../../../actors/types.ts';
import type { FieldContext } from '../fields.ts';

/** The stored trigger of kind `K`. */
export type TriggerOf<K extends TriggerKind> = Extract<Trigger, { kind: K }>;

/**
 * One kind in the builder: how it is presented, its form (`D`, what people type) and the
 * translation of that form to and from a trigger. `D` defaults to `unknown` so the registry can
 * hold kinds with different forms; `defineKind` checks each kind's parts against its own form.
 *
 * A form with a `did` part (the event a user did, see `event-match.ts`) shares that part with
 * every other kind that has one, so switching between such kinds keeps the event typed.
 */
export interface BuilderKind<K extends TriggerKind, D = unknown> {
  /** The trigger kind. */
  readonly kind: K;
  /** Card title and badge text, e.g. "Single action". */
  readonly label: string;
  /** One sentence on the card saying when users qualify. */
  readonly blurb: string;
  /** An example segment of the kind, shown on the card after "e.g.". */
  readonly example: string;
  /** Icon on the card and the badge. */
  readonly icon: SVGTemplateResult;
  /** Accent colour and its soft background, set on `.k-<kind>` as `--k` and `--k-soft`. */
  readonly color: { readonly strong: string; readonly soft: string };
  /**
   * Names of the kind's definition paths for the error summary ("trigger.within" → "Window");
   * `[]` stands for a row index ("trigger.where[]" → "Event condition 1").
   */
  readonly paths: Readonly<Record<string, string>>;
  /** A fresh form with the kind's defaults. */
  defaults(): D;
  /** The trigger JSON the form describes, unvalidated: blanks are left undefined for the validator to name. */
  toTrigger(d: D): Record<string, unknown>;
  /** The form for a stored trigger (duplicating a segment); blanks left out by `toTrigger` read back as blanks. */
  fromTrigger(t: TriggerOf<K>): D;
  /** The kind's form fields, each bound to its `trigger.*` path. */
  fields(ctx: FieldContext, d: D): TemplateResult;
  /** A short segment name from the form ("Did Added To Cart"), or '' while there is too little to say. */
  suggestName(d: D): string;
}

/** Declares a kind, checking that its parts agree on one form type (inferred from `defaults`). */
export const defineKind = <K extends TriggerKind, D>(spec: BuilderKind<K, D>): BuilderKind<K, D> => spec;
