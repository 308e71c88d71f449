/**
 * Delivers the side effects stored with each append (store/outbox.ts), after the answer: the SPOC's write
 * takes the same time whether Teams and Graph are fast, slow or down.
 *
 * A write kicks the worker, which starts once writes pause for `quietMs` (never later than
 * `maxQuietMs` after the first): a burst of answers is not slowed by delivering their effects between
 * them. A poll (every `pollMs` once started) picks up retries and what another instance left. Each entry is claimed with a lease (two instances never deliver it at once; a crashed
 * worker's claim runs out), its effects run in order, each at most once successfully, and it is settled:
 * done, retried later with exponential backoff and jitter, or failed for good after `maxAttempts` (logged,
 * and shown on the case). The reactors are idempotent, so a retry repeats nothing a person would see.
 */
import type { Person } from '../api/contract';
import type { ClaimedEntry, Outbox, OutboxEntry } from '../store/outbox';
import { toCaseEvents } from './case-projector';
import type { Reactors, RecordedChange } from './reactors';

export interface OutboxWorkerDeps {
  outbox: Outbox;
  reactors: Pick<Reactors, 'get'>;
  person: (id: string) => Person;
  now: () => Date;
  log: (message: string) => void;
  /** How long a claim holds (ms). */
  leaseMs?: number;
  /** Deliveries tried before an entry is failed for good. */
  maxAttempts?: number;
  /** How often a started worker looks for retries (ms). */
  pollMs?: number;
  /** Entries of different cases delivered at once. */
  parallel?: number;
  /** How long writes must pause before a kick delivers (ms). */
  quietMs?: number;
  /** The longest a kick waits for that pause (ms). */
  maxQuietMs?: number;
}

const BATCH = 50;

/** 5 s, 10 s, 20 s ... at most an hour, each +-20% so instances spread out. */
export function backoffMs(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class OutboxWorker {
  private draining?: Promise<void>;
  private again = false;
  /** A kick waiting for writes to pause: its timer, when it began, and what starts the delivery. */
  private quiet?: { timer: NodeJS.Timeout; since: number; go: () => void };
  private timer?: NodeJS.Timeout;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;

  constructor(private readonly deps: OutboxWorkerDeps) {
    this.leaseMs = deps.leaseMs ?? 120_000;
    this.maxAttempts = deps.maxAttempts ?? 10;
  }

  /** Delivers soon, off the caller's path (after a write). */
  kick(): void {
    if (this.quiet) return this.waitLonger(this.quiet);
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = new Promise<void>((go) => {
      const quietMs = this.deps.quietMs ?? 20;
      if (quietMs <= 0) return void setImmediate(go);
      this.quiet = { timer: setTimeout(() => this.release(), quietMs), since: Date.now(), go };
    })
      .then(() => this.drain())
      .catch((err: unknown) =>
        this.deps.log(`outbox delivery stopped: ${(err as Error).name}: ${(err as Error).message}`),
      )
      .finally(() => {
        this.draining = undefined;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  private waitLonger(quiet: NonNullable<OutboxWorker['quiet']>): void {
    if (Date.now() - quiet.since >= (this.deps.maxQuietMs ?? 200)) return;
    clearTimeout(quiet.timer);
    quiet.timer = setTimeout(() => this.release(), this.deps.quietMs ?? 20);
  }

  /** Starts the delivery a kick is waiting with. */
  private release(): void {
    const quiet = this.quiet;
    if (!quiet) return;
    clearTimeout(quiet.timer);
    this.quiet = undefined;
    quiet.go();
  }

  /** Polls for retries and other instances' leftovers. */
  start(): void {
    const pollMs = this.deps.pollMs ?? 15_000;
    this.timer ??= setInterval(() => this.kick(), pollMs);
    this.timer.unref();
    this.kick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.idle();
  }

  /** Resolves when nothing is being delivered and nothing due now is left (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.draining || this.again) {
      this.release(); // no need to wait for quiet: deliver now
      await this.draining;
      if (!this.draining && this.again) this.kick();
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      const due = await this.deps.outbox.due(this.deps.now().toISOString(), BATCH);
      if (due.length === 0) return;
      // Entries of one case in order; different cases side by side.
      const byCase = new Map<string, OutboxEntry[]>();
      for (const e of due) byCase.set(e.caseId, [...(byCase.get(e.caseId) ?? []), e]);
      const queues = [...byCase.values()];
      const lanes = Array.from({ length: Math.min(this.deps.parallel ?? 4, queues.length) }, async () => {
        for (let q = queues.shift(); q; q = queues.shift()) for (const entry of q) await this.deliver(entry);
      });
      await Promise.all(lanes);
      if (due.length < BATCH) return;
    }
  }

  private async deliver(due: OutboxEntry): Promise<void> {
    const now = this.deps.now();
    const entry = await this.deps.outbox.claim(
      due.entryId,
      now.toISOString(),
      new Date(now.getTime() + this.leaseMs).toISOString(),
    );
    if (!entry) return; // another worker has it
    const done = [...entry.done];
    const errors: string[] = [];
    const change = this.change(entry);
    // Each effect on its own: an unreachable Teams must not hold back a partner's email.
    for (const name of entry.effects) {
      if (done.includes(name)) continue;
      const reactor = this.deps.reactors.get(name);
      try {
        if (reactor) await reactor.react(change);
        else this.deps.log(`outbox: no reactor "${name}" in this release; entry ${entry.entryId} skips it`);
        done.push(name);
      } catch (err) {
        errors.push(`${name}: ${(err as Error).name}: ${(err as Error).message}`);
      }
    }
    if (errors.length === 0) {
      await this.deps.outbox.settle(entry.entryId, {
        done,
        status: 'done',
        nextAttemptAt: this.deps.now().toISOString(),
        lastError: null,
      });
      return;
    }
    const error = errors.join('; ').slice(0, 500);
    const failed = entry.attempts >= this.maxAttempts;
    // No case data in the line: the entry id and the errors' names and messages only.
    this.deps.log(
      `outbox entry ${entry.entryId} ${failed ? 'failed for good' : 'will be retried'} (attempt ${entry.attempts}): ${error}`,
    );
    await this.deps.outbox.settle(entry.entryId, {
      done,
      status: failed ? 'failed' : 'pending',
      nextAttemptAt: new Date(this.deps.now().getTime() + backoffMs(entry.attempts)).toISOString(),
      lastError: error,
    });
  }

  /** What the reactors are given: the entry's own events (no read of the case). */
  private change(entry: ClaimedEntry): RecordedChange {
    return {
      caseId: entry.caseId,
      reference: entry.reference,
      events: toCaseEvents(entry.events),
      by: this.deps.person(entry.by),
    };
  }
}
