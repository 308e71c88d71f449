/**
 * JSON batching (`POST /$batch`): at most 20 requests a batch, each answered with its own status. A
 * sub-request answered 429 or 503 is sent again (with whatever depended on it) after the longest
 * Retry-After among them, up to the client's attempt limit; `dependsOn` keeps order where it matters
 * (a dependent of a failed request is answered 424 and not run).
 */
import { RETRYABLE, retryDelayMs, type GraphApi, type Method } from './graph-client';

export const MAX_BATCH = 20;

export interface BatchStep {
  /** Unique within one runBatch call. */
  id: string;
  method: Method;
  /** Relative to the version, e.g. `/sites/{site}/lists/{list}/items`. */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
  /** Steps (earlier in the array) that must succeed first. */
  dependsOn?: string[];
}

export interface StepResult {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export const succeeded = (r: StepResult | undefined): boolean => !!r && r.status >= 200 && r.status < 300;

const batchAnswer = (value: unknown): value is { responses: StepResult[] } =>
  typeof value === 'object' && value !== null && Array.isArray((value as { responses?: unknown }).responses);

function header(r: StepResult, name: string): string | undefined {
  const key = Object.keys(r.headers ?? {}).find((k) => k.toLowerCase() === name);
  return key ? r.headers[key] : undefined;
}

export async function runBatch(api: GraphApi, steps: BatchStep[]): Promise<Map<string, StepResult>> {
  const index = new Map(steps.map((s, i) => [s.id, i]));
  for (const [i, s] of steps.entries())
    for (const d of s.dependsOn ?? [])
      if ((index.get(d) ?? Infinity) >= i)
        throw new Error(`Batch step ${s.id} depends on ${d}, which is not before it.`);

  const results = new Map<string, StepResult>();
  const state = new Map<string, 'ok' | 'retry' | 'failed'>();
  const failedDependency = (id: string): StepResult => ({
    id,
    status: 424,
    headers: {},
    body: { error: { code: 'FailedDependency', message: 'A request this one depends on failed.' } },
  });

  let pending = steps;
  for (let attempt = 1; pending.length > 0; attempt++) {
    let queue = pending;
    while (queue.length > 0) {
      const chunk: BatchStep[] = [];
      const inChunk = new Set<string>();
      const deferred: BatchStep[] = [];
      for (const s of queue) {
        const deps = s.dependsOn ?? [];
        if (deps.some((d) => state.get(d) === 'failed')) {
          results.set(s.id, failedDependency(s.id));
          state.set(s.id, 'failed');
        } else if (chunk.length < MAX_BATCH && deps.every((d) => state.get(d) === 'ok' || inChunk.has(d))) {
          chunk.push(s);
          inChunk.add(s.id);
        } else deferred.push(s);
      }
      if (chunk.length === 0) break;
      const { body } = await api.request('POST', '/$batch', {
        body: {
          requests: chunk.map((s) => {
            const sameChunk = (s.dependsOn ?? []).filter((d) => inChunk.has(d));
            return {
              id: s.id,
              method: s.method,
              url: s.url,
              headers: {
                ...(s.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
                ...(s.headers ?? {}),
              },
              ...(s.body !== undefined ? { body: s.body } : {}),
              ...(sameChunk.length > 0 ? { dependsOn: sameChunk } : {}),
            };
          }),
        },
      });
      if (!batchAnswer(body)) throw new Error('Graph answered a batch without responses.');
      const byId = new Map(body.responses.map((r) => [String(r.id), r]));
      // Settle in request order, so a 424 can see whether what it waited on will be retried.
      for (const s of chunk) {
        const r = byId.get(s.id) ?? { id: s.id, status: 500, headers: {}, body: undefined };
        results.set(s.id, { id: s.id, status: r.status, headers: r.headers ?? {}, body: r.body });
        const waitingOnRetry = r.status === 424 && (s.dependsOn ?? []).some((d) => state.get(d) === 'retry');
        state.set(s.id, succeeded(r) ? 'ok' : RETRYABLE.has(r.status) || waitingOnRetry ? 'retry' : 'failed');
      }
      queue = deferred;
    }
    pending = steps.filter((s) => state.get(s.id) === 'retry' || (!state.has(s.id) && !results.has(s.id)));
    if (pending.length === 0 || attempt >= api.maxAttempts) break;
    const delay = Math.max(
      0,
      ...pending
        .map((s) => results.get(s.id))
        .filter((r): r is StepResult => !!r && RETRYABLE.has(r.status))
        .map((r) => retryDelayMs(header(r, 'retry-after'), attempt, api.maxRetryAfterSeconds)),
    );
    api.noteRetry(delay);
    await api.sleep(delay);
  }
  for (const s of steps) if (!results.has(s.id)) results.set(s.id, failedDependency(s.id));
  return results;
}
