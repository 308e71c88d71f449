/**
 * Faults injected by rule (graph/throttling): 429 and 503 carry Retry-After when the rule gives one; 504,
 * 403 and any other status answered as Graph shapes them; a dropped connection; or a delay.
 */
import { Drop, graphError, type Reply, type RequestInfo } from './double-http';

export interface FaultRule {
  /** The answer: 429, 503, 403, ... (ignored for `reset`). */
  status?: number;
  /** Seconds, sent as `Retry-After` with 429 and 503. */
  retryAfter?: number;
  /**
   * `respond` (default): answer with `status`; `reset`: drop the connection without answering (a batch
   * stops at this sub-request); `delay`: hold a whole request `delayMs` before handling it normally.
   */
  action?: 'respond' | 'reset' | 'delay';
  delayMs?: number;
  /** `http`: whole requests only; `batch-item`: sub-requests only; `any` (default): both. */
  scope?: 'http' | 'batch-item' | 'any';
  match?: (r: RequestInfo) => boolean;
  /** Fire on every Nth matching request only. */
  every?: number;
  /** Fire this many times at most (a storm of K), then stand down. */
  times?: number;
}

interface ArmedRule extends FaultRule {
  seen: number;
  fired: number;
}

export class Faults {
  private readonly rules: ArmedRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({ ...rule, seen: 0, fired: 0 });
  }

  clear(): void {
    this.rules.length = 0;
  }

  /** The first armed rule's answer for this request, a delay, or null; throws Drop for `reset`. */
  match(info: RequestInfo): Reply | { delayMs: number } | null {
    for (const rule of this.rules) {
      const scope = rule.scope ?? 'any';
      if (scope === 'http' && info.inBatch) continue;
      if (scope === 'batch-item' && !info.inBatch) continue;
      if (rule.match && !rule.match(info)) continue;
      rule.seen++;
      if (rule.every && rule.seen % rule.every !== 0) continue;
      if (rule.times !== undefined && rule.fired >= rule.times) continue;
      rule.fired++;
      if (rule.action === 'reset') throw new Drop();
      if (rule.action === 'delay') {
        if (info.inBatch) continue;
        return { delayMs: rule.delayMs ?? 50 };
      }
      const status = rule.status ?? 429;
      const headers: Record<string, string> = {};
      if ((status === 429 || status === 503) && rule.retryAfter !== undefined)
        headers['Retry-After'] = String(rule.retryAfter);
      if (status === 429)
        return graphError(429, 'TooManyRequests', 'The request has been throttled', headers);
      if (status === 503) return graphError(503, 'serviceNotAvailable', 'Service unavailable', headers);
      if (status === 504) return graphError(504, 'gatewayTimeout', 'Gateway timeout', headers);
      if (status === 403)
        return graphError(
          403,
          'accessDenied',
          'Access denied. You do not have permission to perform this action or access this resource.',
        );
      return graphError(status, 'generalException', 'Injected failure');
    }
    return null;
  }
}
