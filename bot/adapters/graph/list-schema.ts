/**
 * The SharePoint lists of the case store, as code: provisioning creates them from this, the store reads
 * and writes them by these names. Every column a query filters or orders on is indexed when the list is
 * created (at most 20 indexes a list); key columns enforce unique values, which makes a second writer of
 * the same key fail with 409 instead of duplicating it. People are stored as text ids, dates as ISO text
 * (`YYYY-MM-DD` sorts and compares as text, and SharePoint's date columns would shift a date-only value
 * by the site's time zone and drop an instant's milliseconds). docs/data-model.md explains each list.
 */

export type ColumnType = 'text' | 'note' | 'number' | 'boolean';

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  indexed?: boolean;
  unique?: boolean;
}

export interface ListSpec {
  displayName: string;
  description: string;
  columns: ColumnSpec[];
}

const text = (name: string, o: { indexed?: boolean; unique?: boolean } = {}): ColumnSpec => ({
  name,
  type: 'text',
  ...o,
});
const key = (name: string): ColumnSpec => ({ name, type: 'text', indexed: true, unique: true });
const idx = (name: string): ColumnSpec => text(name, { indexed: true });
const note = (name: string): ColumnSpec => ({ name, type: 'note' });
const num = (name: string, o: { indexed?: boolean; unique?: boolean } = {}): ColumnSpec => ({
  name,
  type: 'number',
  ...o,
});
const bool = (name: string): ColumnSpec => ({ name, type: 'boolean' });

export const LISTS = {
  cases: {
    displayName: 'ASB Cases',
    description:
      'One item per case: the projection lists and dashboards read (Title is the short case title).',
    columns: [
      key('CaseId'),
      key('Reference'),
      num('CaseNumber', { indexed: true, unique: true }),
      idx('CaseStatus'),
      idx('Spoc'),
      idx('NextDeadline'),
      note('Agencies'),
      idx('OpenedOn'),
      idx('ClosedOn'),
      idx('CaseState'),
      bool('LegalHold'),
      num('CaseVersion'),
      text('UpdatedAt'),
    ],
  },
  events: {
    displayName: 'ASB Case Events',
    description: 'The case logs, append-only: one item per append, holding that append\u2019s events.',
    columns: [
      idx('CaseId'),
      num('Seq', { indexed: true }),
      num('LastSeq'),
      key('CaseSeq'),
      key('EventId'),
      text('EventTypes'),
      idx('RecordedAt'),
      note('Body'),
      // The append's side effects (the outbox, store/outbox.ts): written with the commit itself.
      idx('EffectsState'),
      idx('NextAttemptAt'),
      num('Attempts'),
      note('EffectsDone'),
      text('LastError'),
    ],
  },
  agencyRequests: {
    displayName: 'ASB Agency Requests',
    description: 'Requests to partner agencies for their returns.',
    columns: [
      // `<caseId>:<requestId>`: a request belongs to one case; another case's id is refused before writing.
      key('RequestKey'),
      idx('RequestId'),
      idx('CaseId'),
      idx('AgencyId'),
      text('RequestedAt'),
      idx('DueOn'),
      idx('RequestStatus'),
      text('ReturnedAt'),
      bool('Late'),
    ],
  },
  bookings: {
    displayName: 'ASB Panel Bookings',
    description: 'Case review panel meetings booked in a calendar.',
    columns: [
      key('BookingId'),
      idx('CaseId'),
      note('ProviderEventId'),
      idx('TransactionId'),
      text('StartsAt'),
      text('EndsAt'),
      text('BookingStatus'),
    ],
  },
  files: {
    displayName: 'ASB Case Files',
    description: 'Letters, emails and calendar files kept with a case; the bytes are in the site drive.',
    columns: [
      key('FileId'),
      idx('CaseId'),
      text('FileKind'),
      text('FileName'),
      text('ContentType'),
      num('Size'),
      text('Sha256'),
      text('DriveItemId'),
      text('StoredAt'),
      text('StoredBy'),
    ],
  },
  caseAgencies: {
    displayName: 'ASB Case Agencies',
    description: 'Which agencies are on which case, so a partner agency lists only its own cases.',
    columns: [key('MemberKey'), idx('CaseId'), idx('AgencyId'), num('CaseNumber', { indexed: true })],
  },
  conversationRefs: {
    displayName: 'ASB Conversation Refs',
    description: 'Teams conversation references for proactive messages.',
    columns: [key('RefKey'), note('RefJson'), text('UpdatedAt')],
  },
  reminders: {
    displayName: 'ASB Reminders',
    description: 'Reminders already sent: the first writer of a key sends it.',
    columns: [key('ReminderKey'), text('ClaimedAt'), text('ClaimToken')],
  },
  counters: {
    displayName: 'ASB Counters',
    description: 'Reference counters per year: only ever incremented.',
    columns: [key('CounterKey'), num('CounterValue')],
  },
  accessLog: {
    displayName: 'ASB Access Log',
    description:
      'Who looked at what: one item per case view, file download, letter preview or search. The app only ever adds items. No personal data.',
    columns: [
      key('EntryKey'),
      idx('PersonId'),
      text('Action'),
      idx('CaseId'),
      text('Reference'),
      text('FileId'),
      text('Detail'),
      text('At'),
    ],
  },
  purgeLog: {
    displayName: 'ASB Purge Log',
    description: 'One item per purged case: reference, closure date, when and by whom. No personal data.',
    columns: [
      key('PurgeKey'),
      idx('Reference'),
      text('ClosedOn'),
      idx('PurgedAt'),
      text('PurgedBy'),
      // Dates, outcomes and counts the statistics still count once the case is gone.
      note('Facts'),
    ],
  },
} as const satisfies Record<string, ListSpec>;

export type ListKey = keyof typeof LISTS;
export const LIST_KEYS = Object.keys(LISTS) as ListKey[];

/** SharePoint's limits, checked by a test so the schema cannot drift past them. */
export const MAX_INDEXES_PER_LIST = 20;

/** The Graph columnDefinition for a column: exactly one type facet. */
export function columnDefinition(c: ColumnSpec): Record<string, unknown> {
  const facet =
    c.type === 'text'
      ? { text: { allowMultipleLines: false, maxLength: 255 } }
      : c.type === 'note'
        ? { text: { allowMultipleLines: true, textType: 'plain', linesForEditing: 6 } }
        : c.type === 'number'
          ? { number: { decimalPlaces: 'none' } }
          : { boolean: {} };
  return {
    name: c.name,
    displayName: c.name,
    indexed: c.indexed === true,
    enforceUniqueValues: c.unique === true,
    ...facet,
  };
}

export function listDefinition(spec: ListSpec): Record<string, unknown> {
  return {
    displayName: spec.displayName,
    description: spec.description,
    columns: spec.columns.map(columnDefinition),
    list: { template: 'genericList' },
  };
}

/** Problems with a list spec (none for ours): index budget, unique without index, indexed notes. */
export function schemaProblems(spec: ListSpec): string[] {
  const problems: string[] = [];
  const indexes = spec.columns.filter((c) => c.indexed).length;
  if (indexes > MAX_INDEXES_PER_LIST) problems.push(`${spec.displayName}: ${indexes} indexes, at most 20`);
  for (const c of spec.columns) {
    if (c.unique && !c.indexed) problems.push(`${spec.displayName}.${c.name}: unique values need an index`);
    if (c.type === 'note' && c.indexed)
      problems.push(`${spec.displayName}.${c.name}: a note cannot be indexed`);
  }
  return problems;
}
