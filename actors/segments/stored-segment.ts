import { parseDefinition } from '../definition/index.ts';
import { compileProgram } from '../rules/program.ts';
import type { Segment } from '../types.ts';

const strict = new TextDecoder('utf-8', { fatal: true });

/** A value of `liveseg_segments`, checked: the segment, or why it cannot be used. */
export type StoredSegment = { ok: true; segment: Segment } | { ok: false; reason: string };

/**
 * Reads the value stored under `key` as a segment, and holds it to what the gateway accepts
 * (`parseDefinition`) and to what the worker can run (it compiles on its own). A value written
 * by hand or by an older or newer version may fail any of these: it must then be left out, not
 * break the others. Reasons start with `invalid_segment:` (the dead letter's reason).
 */
export function readStoredSegment(key: string, value: Uint8Array): StoredSegment {
  const fail = (why: string): StoredSegment => ({ ok: false, reason: `invalid_segment: ${why}` });
  let raw: unknown;
  try {
    raw = JSON.parse(strict.decode(value));
  } catch {
    return fail('not JSON');
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('not a JSON object');
  const s = raw as Partial<Record<keyof Segment, unknown>>;
  if (s.id !== key) return fail(`id ${JSON.stringify(s.id)} is not its key`);
  if (typeof s.name !== 'string') return fail('name: must be a string');
  if (typeof s.createdAt !== 'number' || !Number.isFinite(s.createdAt)) return fail('createdAt: must be a number');
  const parsed = parseDefinition(s.definition);
  if (!parsed.ok) return fail(`definition: ${parsed.problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`);
  if (s.kind !== parsed.value.trigger.kind) return fail(`kind ${JSON.stringify(s.kind)} is not the trigger's kind`);
  const segment = raw as Segment;
  let failed: { err: unknown } | undefined;
  compileProgram([segment], (_, err) => {
    failed = { err };
  });
  if (failed) return fail(`does not compile: ${failed.err instanceof Error ? failed.err.message : String(failed.err)}`);
  return { ok: true, segment };
}
