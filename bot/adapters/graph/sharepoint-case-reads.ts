/**
 * How the SharePoint case log reads a case to write to it: the Cases item and its commits side by side
 * (events in order), the items its records and agencies already have, what the case was opened as, and
 * the reads kept for the append that follows them (one round trip fewer).
 */
import { z } from 'zod';
import type { CaseEvent, CaseProjection, JsonObject } from '../../store/case-log';
import type { CaseMeta } from '../../store/projection';
import { StoreError } from '../../store/store-errors';
import {
  CASE_FIELDS,
  caseFromFields,
  commitFromFields,
  EVENT_FIELDS,
  type CaseState,
  type Commit,
  type CommitBody,
} from './list-fields';
import { eq } from './odata';
import type { ListItem, SharePointLists } from './sharepoint-list';

export interface CaseItem extends ListItem {
  projection: CaseProjection;
  caseNumber: number;
  state: CaseState;
}

export interface LogState {
  item: CaseItem | null;
  commits: Commit[];
  events: CaseEvent[];
  head: number;
}

/** The items a case's records and agencies have already, keyed by their ids. */
export interface Existing {
  requests: Map<string, ListItem>;
  bookings: Map<string, ListItem>;
  members: Map<string, ListItem>;
}

export const noExisting = (): Existing => ({ requests: new Map(), bookings: new Map(), members: new Map() });

/** A case's Cases item and its commits, read side by side, with the events in order. */
export async function readLog(l: SharePointLists, caseId: string): Promise<LogState> {
  const [items, commitItems] = await Promise.all([
    l.cases.page({ select: CASE_FIELDS, filter: eq('CaseId', caseId), top: 1 }),
    l.events.all({ select: EVENT_FIELDS, filter: eq('CaseId', caseId), orderBy: [{ field: 'Seq' }] }),
  ]);
  const raw = items.items[0];
  const item = raw ? { ...raw, ...caseFromFields(raw.fields) } : null;
  const commits = commitItems.map((i) => commitFromFields(i.fields)).sort((x, y) => x.seq - y.seq);
  const events: CaseEvent[] = [];
  for (const k of commits) {
    if (k.seq !== events.length + 1)
      throw new StoreError(`The log of case ${caseId} has a gap at ${events.length + 1}.`);
    k.body.events.forEach((e, i) =>
      events.push({
        ...e,
        payload: e.payload as JsonObject,
        caseId,
        seq: k.seq + i,
        recordedAt: k.recordedAt,
      }),
    );
  }
  return { item, commits, events, head: events.length };
}

/** A case's agency request items, by request id. */
export async function requestItems(l: SharePointLists, caseId: string): Promise<Map<string, ListItem>> {
  const items = await l.agencyRequests.all({ select: ['RequestId'], filter: eq('CaseId', caseId) });
  return new Map(items.map((i) => [z.string().parse(i.fields.RequestId), i]));
}

export async function readExisting(l: SharePointLists, caseId: string): Promise<Existing> {
  const byCase = eq('CaseId', caseId);
  const [requests, bookings, members] = await Promise.all([
    requestItems(l, caseId),
    l.bookings.all({ select: ['BookingId'], filter: byCase }),
    l.caseAgencies.all({ select: ['AgencyId'], filter: byCase }),
  ]);
  const keyed = (items: ListItem[], field: string) =>
    new Map(items.map((i) => [z.string().parse(i.fields[field]), i]));
  return {
    requests,
    bookings: keyed(bookings, 'BookingId'),
    members: keyed(members, 'AgencyId'),
  };
}

export function openingOf(state: LogState): NonNullable<CommitBody['opening']> {
  const opening = state.commits[0]?.body.opening;
  if (!opening) throw new StoreError('The first commit of a case has no opening record.');
  return opening;
}

export function metaOf(state: LogState): CaseMeta {
  if (state.item)
    return {
      caseId: state.item.projection.caseId,
      reference: state.item.projection.reference,
      openedOn: state.item.projection.openedOn,
    };
  const o = openingOf(state);
  return { caseId: state.commits[0]!.caseId, reference: o.reference, openedOn: o.openedOn };
}

/** When no case agency has to be removed, adds only need to know which agencies are there already. */
export function knownMembers(caseId: string, agencies: string[]): Existing {
  const e = noExisting();
  for (const a of agencies) e.members.set(a, { id: '', etag: '', fields: { CaseId: caseId, AgencyId: a } });
  return e;
}

/** A case as read for an append, with its request items: kept until that append (or a minute). */
export interface ReadForAppend {
  log: LogState;
  requests: Map<string, ListItem>;
  until: number;
}

const KEEP_READ_MS = 60_000;
const MAX_READS = 256;

/**
 * Cases read to be appended to: every use case reads, decides, then appends at the version it read, so
 * the append finds here what it would otherwise read again (one round trip fewer). The commit's unique
 * keys make this safe: had anyone appended since, the commit is refused (409) and the append re-reads.
 */
export class ReadsForAppend {
  private readonly reads = new Map<string, ReadForAppend>();

  constructor(private readonly clock: () => Date) {}

  keep(caseId: string, log: LogState, requests: Map<string, ListItem>): void {
    this.reads.delete(caseId);
    this.reads.set(caseId, { log, requests, until: this.clock().getTime() + KEEP_READ_MS });
    if (this.reads.size > MAX_READS) this.reads.delete(this.reads.keys().next().value!);
  }

  /** The case as read for an append at `version`, once; undefined when there is none that fits. */
  take(caseId: string, version: number): ReadForAppend | undefined {
    const read = this.reads.get(caseId);
    this.reads.delete(caseId);
    return read && read.log.head === version && read.until > this.clock().getTime() ? read : undefined;
  }
}
