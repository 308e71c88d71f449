/**
 * List item fields <-> port types. What comes back from SharePoint is parsed with zod (an empty field is
 * left out of Graph's answer, so optional text becomes null); what goes in is built here only.
 */
import { z } from 'zod';
import type { CaseFile } from '../../store/case-files';
import type {
  AgencyRequest,
  CaseProjection,
  CaseRecords,
  NewCaseEvent,
  PanelBooking,
} from '../../store/case-log';
import { newEventSchema, agencyRequestSchema, bookingSchema } from '../../store/store-schemas';
import { NO_DEADLINE } from '../../store/paging';
import { caseFileKinds } from '../../store/case-files';

const text = z.string();
const optText = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v === '' ? null : v));
const flag = z
  .boolean()
  .nullish()
  .transform((v) => v === true);

export type CaseState = 'open' | 'closed' | 'purging';

export const CASE_FIELDS = [
  'Title',
  'CaseId',
  'Reference',
  'CaseNumber',
  'CaseStatus',
  'Spoc',
  'NextDeadline',
  'Agencies',
  'OpenedOn',
  'ClosedOn',
  'CaseState',
  'LegalHold',
  'CaseVersion',
  'UpdatedAt',
] as const;

const caseSchema = z.looseObject({
  Title: text,
  CaseId: text,
  Reference: text,
  CaseNumber: z.number(),
  CaseStatus: text,
  Spoc: optText,
  NextDeadline: optText,
  Agencies: optText,
  OpenedOn: text,
  ClosedOn: optText,
  CaseState: z.enum(['open', 'closed', 'purging']),
  LegalHold: flag,
  CaseVersion: z.number(),
  UpdatedAt: text,
});

export function caseFromFields(fields: Record<string, unknown>): {
  projection: CaseProjection;
  caseNumber: number;
  state: CaseState;
} {
  const f = caseSchema.parse(fields);
  return {
    caseNumber: f.CaseNumber,
    state: f.CaseState,
    projection: {
      caseId: f.CaseId,
      reference: f.Reference,
      title: f.Title,
      status: f.CaseStatus,
      spoc: f.Spoc,
      nextDeadline: f.NextDeadline === NO_DEADLINE ? null : f.NextDeadline,
      agencies: z.array(z.string()).parse(JSON.parse(f.Agencies ?? '[]')),
      openedOn: f.OpenedOn,
      closedOn: f.ClosedOn,
      legalHold: f.LegalHold,
      version: f.CaseVersion,
      updatedAt: f.UpdatedAt,
    },
  };
}

export function caseFields(p: CaseProjection, caseNumber: number): Record<string, unknown> {
  return {
    Title: p.title,
    CaseId: p.caseId,
    Reference: p.reference,
    CaseNumber: caseNumber,
    CaseStatus: p.status,
    Spoc: p.spoc,
    // A sentinel rather than empty, so sorting by deadline puts cases with none last.
    NextDeadline: p.nextDeadline ?? NO_DEADLINE,
    Agencies: JSON.stringify(p.agencies),
    OpenedOn: p.openedOn,
    ClosedOn: p.closedOn,
    CaseState: p.closedOn ? 'closed' : 'open',
    LegalHold: p.legalHold,
    CaseVersion: p.version,
    UpdatedAt: p.updatedAt,
  };
}

/** One append: its events, the records written with them, and (first append only) the opening. */
export const commitBodySchema = z.object({
  v: z.literal(1),
  events: z.array(newEventSchema).min(1),
  records: z
    .object({
      agencyRequests: z.array(agencyRequestSchema).optional(),
      bookings: z.array(bookingSchema).optional(),
    })
    .optional(),
  opening: z.object({ reference: z.string(), openedOn: z.string(), caseNumber: z.number() }).optional(),
  /** The side effects to deliver after the append (reactor names); see sharepoint-outbox.ts. */
  effects: z.array(z.string()).optional(),
  /** With effects: the case's reference, so the outbox worker need not read the case. */
  reference: z.string().optional(),
});
export type CommitBody = z.infer<typeof commitBodySchema>;

export const EVENT_FIELDS = ['CaseId', 'Seq', 'LastSeq', 'RecordedAt', 'Body'] as const;

const commitSchema = z.looseObject({
  CaseId: text,
  Seq: z.number().int().positive(),
  LastSeq: z.number().int().positive(),
  RecordedAt: text,
  Body: text,
});

export interface Commit {
  caseId: string;
  seq: number;
  lastSeq: number;
  recordedAt: string;
  body: CommitBody;
}

export function commitFromFields(fields: Record<string, unknown>): Commit {
  const f = commitSchema.parse(fields);
  const body = commitBodySchema.parse(JSON.parse(f.Body));
  if (f.LastSeq !== f.Seq + body.events.length - 1)
    throw new Error(`Commit ${f.CaseId}:${f.Seq} is inconsistent.`);
  return { caseId: f.CaseId, seq: f.Seq, lastSeq: f.LastSeq, recordedAt: f.RecordedAt, body };
}

export function commitFields(
  caseId: string,
  seq: number,
  events: NewCaseEvent[],
  recordedAt: string,
  body: string,
): Record<string, unknown> {
  const caseSeq = `${caseId}:${seq}`;
  return {
    Title: caseSeq,
    CaseId: caseId,
    Seq: seq,
    LastSeq: seq + events.length - 1,
    CaseSeq: caseSeq,
    EventId: events[0]?.id,
    EventTypes: events
      .map((e) => e.type)
      .join(', ')
      .slice(0, 255),
    RecordedAt: recordedAt,
    Body: body,
  };
}

export const REQUEST_FIELDS = [
  'RequestId',
  'CaseId',
  'AgencyId',
  'RequestedAt',
  'DueOn',
  'RequestStatus',
  'ReturnedAt',
  'Late',
] as const;

const requestSchema = z.looseObject({
  RequestId: text,
  CaseId: text,
  AgencyId: text,
  RequestedAt: text,
  DueOn: text,
  RequestStatus: z.enum(['requested', 'returned', 'withdrawn']),
  ReturnedAt: optText,
  Late: flag,
});

export function requestFromFields(fields: Record<string, unknown>): AgencyRequest {
  const f = requestSchema.parse(fields);
  return {
    requestId: f.RequestId,
    caseId: f.CaseId,
    agencyId: f.AgencyId,
    requestedAt: f.RequestedAt,
    dueOn: f.DueOn,
    status: f.RequestStatus,
    returnedAt: f.ReturnedAt,
    late: f.Late,
  };
}

export function requestFields(
  caseId: string,
  r: NonNullable<CaseRecords['agencyRequests']>[number],
): Record<string, unknown> {
  return {
    Title: r.requestId,
    RequestKey: `${caseId}:${r.requestId}`,
    RequestId: r.requestId,
    CaseId: caseId,
    AgencyId: r.agencyId,
    RequestedAt: r.requestedAt,
    DueOn: r.dueOn,
    RequestStatus: r.status,
    ReturnedAt: r.returnedAt,
    Late: r.late,
  };
}

export const BOOKING_FIELDS = [
  'BookingId',
  'CaseId',
  'ProviderEventId',
  'TransactionId',
  'StartsAt',
  'EndsAt',
  'BookingStatus',
] as const;

const bookingFieldsSchema = z.looseObject({
  BookingId: text,
  CaseId: text,
  ProviderEventId: optText,
  TransactionId: text,
  StartsAt: text,
  EndsAt: text,
  BookingStatus: z.enum(['pending', 'booked', 'cancelled']),
});

export function bookingFromFields(fields: Record<string, unknown>): PanelBooking {
  const f = bookingFieldsSchema.parse(fields);
  return {
    bookingId: f.BookingId,
    caseId: f.CaseId,
    providerEventId: f.ProviderEventId,
    transactionId: f.TransactionId,
    start: f.StartsAt,
    end: f.EndsAt,
    status: f.BookingStatus,
  };
}

export function bookingFields(
  caseId: string,
  b: NonNullable<CaseRecords['bookings']>[number],
): Record<string, unknown> {
  return {
    Title: b.bookingId,
    BookingId: b.bookingId,
    CaseId: caseId,
    ProviderEventId: b.providerEventId,
    TransactionId: b.transactionId,
    StartsAt: b.start,
    EndsAt: b.end,
    BookingStatus: b.status,
  };
}

export const MEMBER_FIELDS = ['MemberKey', 'CaseId', 'AgencyId', 'CaseNumber'] as const;

const memberSchema = z.looseObject({ CaseId: text, AgencyId: text, CaseNumber: z.number() });

export function memberFromFields(fields: Record<string, unknown>): {
  caseId: string;
  agencyId: string;
  caseNumber: number;
} {
  const f = memberSchema.parse(fields);
  return { caseId: f.CaseId, agencyId: f.AgencyId, caseNumber: f.CaseNumber };
}

export function memberFields(caseId: string, agencyId: string, caseNumber: number): Record<string, unknown> {
  const key = `${caseId}:${agencyId}`;
  return { Title: key, MemberKey: key, CaseId: caseId, AgencyId: agencyId, CaseNumber: caseNumber };
}

export const FILE_FIELDS = [
  'FileId',
  'CaseId',
  'FileKind',
  'FileName',
  'ContentType',
  'Size',
  'Sha256',
  'DriveItemId',
  'StoredAt',
  'StoredBy',
] as const;

const fileSchema = z.looseObject({
  FileId: text,
  CaseId: text,
  FileKind: z.enum(caseFileKinds),
  FileName: text,
  ContentType: text,
  Size: z.number(),
  Sha256: text,
  DriveItemId: text,
  StoredAt: text,
  StoredBy: text,
});

export function fileFromFields(fields: Record<string, unknown>): { file: CaseFile; driveItemId: string } {
  const f = fileSchema.parse(fields);
  return {
    driveItemId: f.DriveItemId,
    file: {
      fileId: f.FileId,
      caseId: f.CaseId,
      kind: f.FileKind,
      name: f.FileName,
      contentType: f.ContentType,
      size: f.Size,
      sha256: f.Sha256,
      storedAt: f.StoredAt,
      storedBy: f.StoredBy,
    },
  };
}

export function fileFields(file: CaseFile, driveItemId: string): Record<string, unknown> {
  return {
    Title: file.fileId,
    FileId: file.fileId,
    CaseId: file.caseId,
    FileKind: file.kind,
    FileName: file.name,
    ContentType: file.contentType,
    Size: file.size,
    Sha256: file.sha256,
    DriveItemId: driveItemId,
    StoredAt: file.storedAt,
    StoredBy: file.storedBy,
  };
}
