/**
 * How the bot talks to the Bot Framework connector without being throttled: at most `ratePerSecond`
 * calls (Teams allows about 50 per second per app per tenant, so 40 leaves room for replies), and
 * 429, 412, 502 and 504 retried with exponential backoff and jitter (honouring Retry-After). When a 429
 * outlasts the retries, a ThrottledError tells the caller (the reminder sweep) to pause.
 */
import { ThrottledError } from '../../ports/messenger';

export interface SendPolicyOptions {
  ratePerSecond?: number;
  /** Retries after the first attempt. */
  retries?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

const RETRYABLE = new Set([429, 412, 502, 504]);

/** The HTTP status of a failed connector call (botbuilder's RestError, or anything with a status). */
export function statusOf(err: unknown): number | undefined {
  const e = err as { statusCode?: unknown; status?: unknown; response?: { status?: unknown } } | undefined;
  const s = e?.statusCode ?? e?.status ?? e?.response?.status;
  return typeof s === 'number' ? s : undefined;
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?: (name: string) => string | undefined } } })
    ?.response?.headers;
  const value = typeof headers?.get === 'function' ? headers.get('retry-after') : undefined;
  const seconds = value === undefined ? NaN : Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

export class SendPolicy {
  private readonly interval: number;
  private readonly retries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => number;
  private nextSlot = 0;
  /** Counters for logs and tests. */
  readonly stats = { calls: 0, retries: 0, throttled: 0 };

  constructor(options: SendPolicyOptions = {}) {
    this.interval = 1000 / (options.ratePerSecond ?? 40);
    this.retries = options.retries ?? 4;
    this.baseDelayMs = options.baseDelayMs ?? 500;
    this.maxDelayMs = options.maxDelayMs ?? 30_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  async run<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.slot();
      this.stats.calls++;
      try {
        return await call();
      } catch (err) {
        const status = statusOf(err);
        if (status === undefined || !RETRYABLE.has(status)) throw err;
        if (status === 429) this.stats.throttled++;
        // Full jitter around an exponential step spreads retries from many sends apart.
        const step = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** attempt);
        const delay = Math.max(retryAfterMs(err) ?? 0, Math.round(step * (0.5 + this.random())));
        if (attempt >= this.retries) throw status === 429 ? new ThrottledError(delay) : err;
        this.stats.retries++;
        await this.sleep(delay);
      }
    }
  }

  /** Spaces calls `1/ratePerSecond` apart (shared by every send of this process). */
  private async slot(): Promise<void> {
    const now = this.now();
    const at = Math.max(now, this.nextSlot);
    this.nextSlot = at + this.interval;
    if (at > now) await this.sleep(at - now);
  }
}
