/**
 * JSON batching (graph/json-batching): the checks Graph makes before it runs any of a batch, and the run
 * itself: each request once its dependency is done, a dependent of a failed one answered 424, the
 * answers in an order of the double's own (reverse) so that clients must match them on id.
 */
import { bad, graphError, ok, type Reply } from './double-http';

export const MAX_BATCH = 20;

/** Runs a `$batch` body, each sub-request through `run` (which counts, checks and answers it). */
export function runBatch(body: Buffer, run: (request: Record<string, unknown>) => Reply): Reply {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return bad('Invalid batch payload format.');
  }
  const requests = (parsed as { requests?: unknown }).requests;
  if (!Array.isArray(requests) || requests.length === 0) return bad('Invalid batch payload format.');
  const problem = batchProblem(requests as Record<string, unknown>[]);
  if (problem) return graphError(400, 'BadRequest', problem);
  const byId = new Map<string, Record<string, unknown>>();
  for (const r of requests as Record<string, unknown>[]) byId.set(String(r.id), r);
  // Graph runs each request once its dependency is done; a dependent of a failed one is answered 424.
  const done = new Map<string, Reply>();
  for (const [id, r] of byId) {
    const dep = Array.isArray(r.dependsOn) ? (r.dependsOn[0] as string | undefined) : undefined;
    const failed = dep !== undefined && !ok((done.get(dep) as Reply).status);
    done.set(
      id,
      failed ? graphError(424, 'FailedDependency', 'Failed dependency: an earlier request failed.') : run(r),
    );
  }
  // Graph may answer in any order: answer in reverse so clients must match on id.
  const responses = [...byId.keys()].reverse().map((id) => {
    const reply = done.get(id) as Reply;
    return {
      id,
      status: reply.status,
      headers: {
        ...(reply.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...(reply.headers ?? {}),
      },
      ...(reply.body !== undefined ? { body: reply.body } : {}),
    };
  });
  return { status: 200, body: { responses } };
}

/**
 * Why Graph refuses a whole batch before running any of it (graph/json-batching), or null:
 * - more than 20 requests;
 * - a request without an id, method or url; an id used twice (ids are not case-sensitive); an absolute url;
 * - a write request (POST, PATCH, PUT) without a body and a Content-Type header: Graph answers
 *   "Write request id : <id> does not contain Content-Type header or body.";
 * - a `dependsOn` that names a request not earlier in the batch, or more than one request;
 * - `dependsOn` in any shape but parallel (none), serial (each on the one before) or all on the first:
 *   the check `BatchRequestContent.validateDependencies` makes in the Graph JS SDK; Graph answers
 *   "Batch should be either fully sequential or fully parallel."
 */
export function batchProblem(requests: readonly Record<string, unknown>[]): string | null {
  if (requests.length > MAX_BATCH)
    return `Invalid batch payload: a batch holds at most ${MAX_BATCH} requests, this one has ${requests.length}.`;
  const index = new Map<string, number>();
  for (const [i, r] of requests.entries()) {
    if (typeof r.id !== 'string' || r.id === '' || typeof r.method !== 'string' || typeof r.url !== 'string')
      return 'Invalid batch payload format: every request needs an id, a method and a url.';
    if (index.has(r.id.toLowerCase())) return `Request id '${r.id}' is used more than once in the batch.`;
    index.set(r.id.toLowerCase(), i);
    if (/^[a-z]+:/i.test(r.url)) return `Request id ${r.id}: the url must be relative, like /users.`;
    if (r.url.replace(/^\//, '').startsWith('$batch')) return 'A batch cannot contain another batch.';
    const headers = Object.keys((r.headers as Record<string, unknown> | undefined) ?? {});
    const hasType = headers.some((h) => h.toLowerCase() === 'content-type');
    const write = ['POST', 'PATCH', 'PUT'].includes(r.method.toUpperCase());
    if ((r.body !== undefined || write) && (r.body === undefined || !hasType))
      return `Write request id : ${r.id} does not contain Content-Type header or body.`;
  }
  const deps = requests.map((r) => r.dependsOn);
  for (const [i, d] of deps.entries()) {
    if (d === undefined || (Array.isArray(d) && d.length === 0)) continue;
    if (!Array.isArray(d) || d.length !== 1 || typeof d[0] !== 'string')
      return 'Batch should be either fully sequential or fully parallel.';
    const at = index.get(d[0].toLowerCase());
    if (at === undefined || at >= i) return `Invalid dependency for request Id ${String(requests[i]?.id)}.`;
  }
  const on = deps.map((d) => (Array.isArray(d) && d.length ? String(d[0]).toLowerCase() : null));
  const ids = requests.map((r) => String(r.id).toLowerCase());
  const parallel = on.every((d) => d === null);
  const serial = on.every((d, i) => (i === 0 ? d === null : d === ids[i - 1]));
  const fanOut = on.every((d, i) => (i === 0 ? d === null : d === ids[0]));
  return parallel || serial || fanOut ? null : 'Batch should be either fully sequential or fully parallel.';
}
