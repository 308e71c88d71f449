/**
 * JSON batching (`POST /$batch`, Microsoft Learn "Combine multiple HTTP requests using JSON batching"): at
 * most 20 requests a batch, each answered with its own status. `dependsOn` may take only the shapes Graph
 * runs - parallel (none), serial (each request on the one before) or every request on the first - the rule
 * of the Graph JS SDK's `BatchRequestContent.validateDependencies`; anything else (a fan-out that fans
 * back in) Graph refuses with 400, so `runBatch` refuses it before sending. A serial chain split across
 * batches stays serial, so the last step of a chain still runs only after every step before it succeeded
 * (a dependent of a failed request is answered 424 and not run). A sub-request answered 429, 503 or 504
 * is sent again (with whatever depended on it) after the longest Retry-After among them, up to the
 * client's attempt limit. Each request with a body carries `Content-Type`.
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
  /** The one step (earlier in the array) that must succeed first; see `batchShape` for what is allowed. */
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

export type BatchShape = 'parallel' | 'serial' | 'fan-out';

/**
 * The shape of a batch's dependencies, or null when Graph would refuse it: parallel (no `dependsOn`),
 * serial (each request on the one just before it) or fan-out (every other request on the first one).
 */
export function batchShape(
  requests: readonly { id: string; dependsOn?: readonly string[] }[],
): BatchShape | null {
  const on = requests.map((r) => r.dependsOn ?? []);
  if (on.some((d) => d.length > 1)) return null;
  const dep = on.map((d) => d[0]);
  if (dep.every((d) => d === undefined)) return 'parallel';
  if (dep[0] !== undefined) return null;
  if (dep.every((d, i) => i === 0 || d === requests[i - 1]?.id)) return 'serial';
  if (dep.every((d, i) => i === 0 || d === requests[0]?.id)) return 'fan-out';
  return null;
}

/** The steps as a serial chain: each depends on the one before (the first on `after`, if given). */
export function chain(steps: BatchStep[], after?: string): BatchStep[] {
  return steps.map((s, i) => {
    const previous = i === 0 ? after : steps[i - 1]?.id;
    const { dependsOn: _drop, ...rest } = s;
    return previous ? { ...rest, dependsOn: [previous] } : rest;
  });
}

export async function runBatch(api: GraphApi, steps: BatchStep[]): Promise<Map<string, StepResult>> {
  if (steps.length > 0 && !batchShape(steps))
    throw new Error(
      'Batch steps must be parallel, a serial chain, or all depend on the first: Graph refuses other dependsOn shapes with 400.',
    );

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
      // What this batch depended on in an earlier one is done: only dependencies inside it remain.
      const requests = chunk.map((s) => {
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
      });
      if (!batchShape(requests)) throw new Error('A batch would have a dependsOn shape Graph refuses.');
      const { body } = await api.request('POST', '/$batch', { body: { requests } });
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
