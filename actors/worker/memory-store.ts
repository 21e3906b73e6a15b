import type { Program } from '../rules/program.ts';
import { reviveUser, type NumberedEntry, type UserActor } from '../user/index.ts';
import type { EffectSink, Poison, UserSource } from './partition-core.ts';
import { reviveStored } from './user-loader.ts';

/**
 * A partition's stored side in memory, for the simulator and tests of the core: records as JSON,
 * the durable deadline index, and changed actors held live until `flush` writes them (as the
 * write-behind does). An actor nobody reported as changed is revived from its record every time.
 */
export class MemoryStore implements UserSource, EffectSink {
  /** Stored records as JSON text, by user key. */
  readonly records = new Map<string, string>();
  /** The deadline index, by user key. */
  readonly deadlines = new Map<string, number>();
  /** Every entry produced, in order. */
  readonly entries: NumberedEntry[] = [];
  /** Every dead letter, in order. */
  readonly deadLetters: Poison[] = [];
  private readonly live = new Map<string, UserActor>();

  actor(key: string, userId: string | undefined, program: Program): UserActor | undefined {
    return this.live.get(key) ?? reviveStored(this.records.get(key) ?? '', userId, program);
  }

  replace(key: string, userId: string, program: Program): UserActor {
    const actor = reviveUser('', userId, program)!;
    this.live.set(key, actor);
    return actor;
  }

  deadLetter(poison: Poison): void {
    this.deadLetters.push(poison);
  }

  changed(key: string, actor: UserActor, produced: NumberedEntry[], deadline: number | null | undefined): void {
    this.live.set(key, actor);
    for (const e of produced) this.entries.push(e);
    if (deadline === null) this.deadlines.delete(key);
    else if (deadline !== undefined) this.deadlines.set(key, deadline);
  }

  /** Writes every changed actor's record as JSON; later reads revive them from it. */
  flush(): void {
    for (const [key, actor] of this.live) this.records.set(key, JSON.stringify(actor.toRecord()));
    this.live.clear();
  }

  /** Keys of every user stored or changed. */
  keys(): string[] {
    return [...new Set([...this.records.keys(), ...this.live.keys()])];
  }
}
