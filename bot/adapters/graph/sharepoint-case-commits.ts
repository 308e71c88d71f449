/**
 * What the SharePoint case log writes in one $batch: the commit's Body (events, records, effects), the
 * events stamped with their place in the log, and the steps after the commit (records, case agencies,
 * the Cases item last), with the error a failed step becomes.
 */
import type { CaseChange, CaseEvent, CaseProjection, CaseRecords } from '../../store/case-log';
import { InvalidChangeError, StoreError } from '../../store/store-errors';
import type { BatchStep, StepResult } from './graph-batch';
import { bookingFields, caseFields, memberFields, requestFields, type CommitBody } from './list-fields';
import type { SharePointLists } from './sharepoint-list';
import type { CaseItem, Existing } from './sharepoint-case-reads';

/** A commit's Body is a multiple-lines-of-text field; keep well inside SharePoint's limit. */
export const MAX_COMMIT_CHARS = 60_000;

export function stamp(
  caseId: string,
  version: number,
  events: CaseChange['events'],
  recordedAt: string,
): CaseEvent[] {
  return events.map((e, i) => ({ ...e, caseId, seq: version + i + 1, recordedAt }));
}

/** The commit's Body; one with side effects names its case's reference, for the outbox worker. */
export function commitBody(c: CaseChange, reference: string, opening?: CommitBody['opening']): string {
  const body: CommitBody = {
    v: 1,
    events: c.events,
    ...(c.effects?.length ? { effects: c.effects, reference } : {}),
    ...(c.agencyRequests?.length || c.bookings?.length
      ? {
          records: {
            ...(c.agencyRequests?.length ? { agencyRequests: c.agencyRequests } : {}),
            ...(c.bookings?.length ? { bookings: c.bookings } : {}),
          },
        }
      : {}),
    ...(opening ? { opening } : {}),
  };
  const json = JSON.stringify(body);
  if (json.length > MAX_COMMIT_CHARS)
    throw new InvalidChangeError(
      `The change is ${json.length} characters, more than one SharePoint item holds (${MAX_COMMIT_CHARS}); ` +
        'keep documents as case files and refer to them.',
    );
  return json;
}

/** The last write of each record wins, in log order. */
export function mergeRecords(list: CaseRecords[]): CaseRecords {
  const requests = new Map<string, NonNullable<CaseRecords['agencyRequests']>[number]>();
  const bookings = new Map<string, NonNullable<CaseRecords['bookings']>[number]>();
  for (const r of list) {
    for (const x of r.agencyRequests ?? []) requests.set(x.requestId, x);
    for (const x of r.bookings ?? []) bookings.set(x.bookingId, x);
  }
  return { agencyRequests: [...requests.values()], bookings: [...bookings.values()] };
}

/**
 * The batch steps after a commit, in order: records (full states, created or updated with If-Match),
 * case agencies added or removed, then the Cases item last. The caller chains them (`chain`), so the
 * Cases item runs only if all the others succeed.
 */
export function caseSteps(
  l: SharePointLists,
  a: {
    caseId: string;
    caseNumber: number;
    item: CaseItem | null;
    projection: CaseProjection;
    records: CaseRecords;
    existing: Existing;
  },
): BatchStep[] {
  const steps: BatchStep[] = [];
  for (const [i, r] of (a.records.agencyRequests ?? []).entries()) {
    const found = a.existing.requests.get(r.requestId);
    const fields = requestFields(a.caseId, r);
    steps.push(
      found
        ? l.agencyRequests.updateStep(`request-${i}`, found, fields)
        : l.agencyRequests.createStep(`request-${i}`, fields),
    );
  }
  for (const [i, b] of (a.records.bookings ?? []).entries()) {
    const found = a.existing.bookings.get(b.bookingId);
    const fields = bookingFields(a.caseId, b);
    steps.push(
      found
        ? l.bookings.updateStep(`booking-${i}`, found, fields)
        : l.bookings.createStep(`booking-${i}`, fields),
    );
  }
  for (const agencyId of a.projection.agencies)
    if (!a.existing.members.has(agencyId))
      steps.push(
        l.caseAgencies.createStep(`member-${steps.length}`, memberFields(a.caseId, agencyId, a.caseNumber)),
      );
  for (const [agencyId, member] of a.existing.members)
    if (!a.projection.agencies.includes(agencyId))
      steps.push(l.caseAgencies.deleteStep(`member-${steps.length}`, member.id));
  const fields = caseFields(a.projection, a.caseNumber);
  steps.push(a.item ? l.cases.updateStep('case', a.item, fields) : l.cases.createStep('case', fields));
  return steps;
}

export function batchError(r: StepResult | undefined, doing: string): Error {
  const error = (r?.body as { error?: { code?: string; message?: string } } | undefined)?.error;
  return new StoreError(
    `Could not ${doing}: Graph answered ${r?.status ?? 'nothing'} (${error?.code ?? 'unknown'}).`,
  );
}
