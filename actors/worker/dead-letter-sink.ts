import type { JsMsg } from '@nats-io/jetstream';
import { carry, type DeadLetter } from '../bus/dead-letters.ts';
import type { NumberedEntry, UserActor } from '../user/index.ts';
import type { EffectSink, Poison } from './partition-core.ts';

type Change = Parameters<EffectSink['changed']>;

/** Where the sink sends effects and dead letters. */
export interface DeadLetterSinkDeps {
  /** Receives the effects (the write-behind). */
  changed(...change: Change): void;
  /** Stores dead letters in LIVESEG_DLQ; retries until they are stored, or gives up once the partition stopped (false). */
  store(letters: DeadLetter[]): Promise<boolean>;
  partition: number;
}

/**
 * The runner's EffectSink. Effects pass straight to the write-behind until a step dead-letters
 * something; from then on they wait (`settle`) until the dead letters are stored: a record written
 * after a dead letter may overwrite what it holds (a corrupt record replaced by a new one), and an
 * ack past it would drop the input for good. Poison is rare; the common path is one branch.
 */
export class DeadLetterSink implements EffectSink {
  private poisons: Poison[] = [];
  private held: Change[] = [];

  constructor(private readonly deps: DeadLetterSinkDeps) {}

  changed(key: string, actor: UserActor, produced: NumberedEntry[], deadline: number | null | undefined): void {
    if (this.poisons.length) this.held.push([key, actor, produced, deadline]);
    else this.deps.changed(key, actor, produced, deadline);
  }

  deadLetter(poison: Poison): void {
    this.poisons.push(poison);
  }

  /**
   * Stores the step's dead letters, then hands over the effects held behind them. `messageOf`
   * finds an input's message by its sequence. False when the partition stopped first (nothing
   * held is handed over: the partition will be replayed).
   */
  async settle(messageOf: (seq: number) => JsMsg | undefined): Promise<boolean> {
    if (!this.poisons.length) return true;
    const letters = this.poisons.map((p) => this.letterOf(p, messageOf));
    const held = this.held;
    this.poisons = [];
    this.held = [];
    if (!(await this.deps.store(letters))) return false;
    for (const change of held) this.deps.changed(...change);
    return true;
  }

  private letterOf(p: Poison, messageOf: (seq: number) => JsMsg | undefined): DeadLetter {
    const partition = this.deps.partition;
    if (p.kind === 'record') return { ...p, partition };
    return inputLetter(messageOf(p.seq), p.seq, partition, p.reason);
  }
}

/** The dead letter of the input `msg` (sequence `seq`), carrying it as it came. */
export function inputLetter(msg: JsMsg | undefined, seq: number, partition: number, reason: string): DeadLetter {
  return {
    kind: 'input',
    reason,
    partition,
    seq,
    subject: msg?.subject ?? '',
    msgId: msg?.headers?.get('Nats-Msg-Id') || undefined,
    ...carry('payload', msg?.data ?? new Uint8Array()),
  };
}
