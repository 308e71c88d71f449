import { createHash } from 'node:crypto';
import {
  applyEvent,
  decide,
  evolve,
  eventTypes,
  caseEventSchema,
  checkRepeatApplication,
  problemsOf,
  reduceCase,
  type CaseEvent,
  type CaseState,
  type Policy,
  type EventOf,
  type PublishedStatistics,
} from '../../shared';
import {
  newApplicationSchema,
  type CaseDetail,
  type AccessLogPage,
  type AccessLogQuery,
  type CaseListPage,
  type CaseListQuery,
  type Person,
} from '../api/contract';
import type { AccessEntry, AccessLog } from '../store/access-log';
import type { CaseFiles } from '../store/case-files';
import type { CaseLog, CaseRecord, CaseRecords } from '../store/case-log';
import type { Purges } from '../store/purges';
import { withRetry } from '../store/with-retry';
import { requestRecords } from './agency-request-records';
import { caseDetail } from './case-detail';
import { toCaseEvents } from './case-projector';
import {
  agencyRequests,
  listCases,
  statisticsOf,
  type CaseProjectionLike,
  type QueryContext,
} from './case-queries';
import { searchKind } from './case-search';
import { cleanDeep } from './clean-text';
import type { Directory } from './directory';
import { ForbiddenError, InvalidInputError, NotFoundError, NO_SUCH_CASE } from './errors';
import { parseEventInput, toStored } from './event-input';
import { londonToday } from './london-today';
import type { Reactors } from './reactors';
import {
  canReadFile,
  caseAccess,
  isOfficer,
  may,
  mayRecord,
  ownsPayload,
  type CaseAccess,
} from './access-policy';

export interface CaseServiceDeps {
  cases: CaseLog;
  files: CaseFiles;
  accessLog: AccessLog;
  /** The purge log: purged cases still count in the statistics of their years. */
  purges: Pick<Purges, 'purgeLog'>;
  policy: Policy;
  directory: Directory;
  now: () => Date;
  /** Which side effects a change needs (stored with it, in the outbox). */
  reactors?: Pick<Reactors, 'wanted'>;
  /** Told after each append that stored side effects (the outbox worker's kick). */
  onAppended?: () => void;
}

/** A case as a use case reads it, once: its stored record and its state. */
export interface LoadedCase {
  record: CaseRecord;
  state: CaseState;
}

/** A case id from the client's request id, so a retried "create" lands on the same case. */
export function caseIdFor(requestId: string): string {
  return createHash('sha256').update(`case:${requestId}`).digest('hex').slice(0, 32);
}

/**
 * The use cases behind the tab, the bot and the Outlook add-in. Every write goes through the rules
 * (`applyEvent`) and the optimistic store, so it is validated, authorised, idempotent and never lost.
 */
export class CaseService {
  private readonly londonToday: () => string;
  /** Issue 17: service actors, by id, so the timeline names them. */
  private readonly services = new Map<string, ServiceActor>();
  /** Issue 17: cases shown first on an officer's case list (new online applications). */
  private pinned?: (spoc: string | undefined) => Promise<CaseProjectionLike[]>;

  /** Issue 15: one of the app's own services (the reminder sweep), so the timeline names it. */
  registerService(actor: ServiceActor): void {
    this.services.set(actor.id, actor);
  }

  /** Issue 17: the public door's services and the cases it pins to the top of the SPOC's list. */
  registerPublicDoor(door: {
    services: ServiceActor[];
    pinned?: (spoc: string | undefined) => Promise<CaseProjectionLike[]>;
  }): void {
    for (const s of door.services) this.services.set(s.id, s);
    this.pinned = door.pinned;
  }

  /**
   * Issue 17, the public door: an application from the online form, opened by a service actor (no officer
   * check); bot/public builds the payload, with the SPOC chosen by configuration. Checked by the same
   * schema and rules as any application; a retry with the same id lands on the same case.
   */
  async openOnlineApplication(
    id: string,
    payload: unknown,
    actor: ServiceActor,
  ): Promise<{ caseId: string; reference: string; alreadyRecorded: boolean }> {
    const parsed = caseEventSchema.safeParse({
      id,
      type: 'application-received',
      actor: actor.id,
      at: this.deps.now().toISOString(),
      payload: cleanDeep(payload),
    });
    if (!parsed.success)
      throw new InvalidInputError('The application is not complete.', problemsOf(parsed.error));
    const event = parsed.data as EventOf<'application-received'>;
    if (!actor.records.includes('application-received'))
      throw new ForbiddenError(`${actor.name} does not record applications.`);
    const spoc = this.deps.directory.get(event.payload.spoc);
    if (!spoc || !isOfficer(spoc))
      throw new InvalidInputError(`${event.payload.spoc} is not a SPOC in the directory.`);
    const state = applyEvent(undefined, event, this.policy);
    const effects = this.effectsOf([event], state);
    const opened = await this.deps.cases.createCase({
      caseId: caseIdFor(id),
      openedOn: event.payload.receivedOn,
      events: [toStored(event)],
      ...effects,
    });
    if (effects.effects && !opened.alreadyRecorded) this.deps.onAppended?.();
    return { caseId: opened.caseId, reference: opened.reference, alreadyRecorded: !!opened.alreadyRecorded };
  }

  constructor(private readonly deps: CaseServiceDeps) {
    this.londonToday = londonToday(deps.now);
  }

  get policy(): Policy {
    return this.deps.policy;
  }

  today(): string {
    return this.londonToday();
  }

  /**
   * Records a new application as a case. A retry with the same requestId returns the same case, saying it
   * was already recorded.
   */
  async openCase(
    input: unknown,
    by: Person,
  ): Promise<{ caseId: string; reference: string; alreadyRecorded: boolean }> {
    if (!may.recordApplications(by)) throw new ForbiddenError('Only a SPOC records applications.');
    const parsed = newApplicationSchema.safeParse(cleanDeep(input));
    if (!parsed.success)
      throw new InvalidInputError('The application is not complete.', problemsOf(parsed.error));
    const a = parsed.data;
    if (a.previousCase) {
      const previous = await this.deps.cases.findByReference(a.previousCase);
      if (!previous)
        throw new InvalidInputError(`There is no case ${a.previousCase}.`, [
          { path: 'previousCase', message: 'not found' },
        ]);
      const record = await this.deps.cases.getCase(previous.caseId);
      const check = checkRepeatApplication(
        [{ reference: previous.reference, state: this.reduce(record!) }],
        a.materialChange,
        this.policy,
      );
      if (!check.allowed)
        throw new InvalidInputError(check.reason!, [{ path: 'materialChange', message: check.reason! }]);
    }
    const spoc = a.spoc ?? by.id;
    const spocPerson = this.deps.directory.get(spoc);
    if (!spocPerson || !isOfficer(spocPerson))
      throw new InvalidInputError(`${spoc} is not a SPOC in the directory.`, [
        { path: 'spoc', message: 'choose a SPOC from the directory' },
      ]);
    const event = {
      id: a.requestId,
      type: 'application-received',
      actor: by.id,
      at: this.deps.now().toISOString(),
      payload: {
        receivedOn: a.application.receivedOn,
        channel: a.receivedVia,
        application: a.application,
        spoc,
        agencies: a.agencies,
        ...(a.parties ? { parties: a.parties } : {}),
        ...(a.title ? { title: a.title } : {}),
        ...(a.account ? { account: a.account } : {}),
        ...(a.previousCase ? { previousCase: a.previousCase } : {}),
        ...(a.materialChange ? { materialChange: a.materialChange } : {}),
        source: a.source ?? { kind: 'tab' },
      },
    } as CaseEvent;
    applyEvent(undefined, event, this.policy);
    const effects = this.effectsOf([event]);
    const opened = await this.deps.cases.createCase({
      caseId: caseIdFor(a.requestId),
      openedOn: a.application.receivedOn,
      events: [toStored(event)],
      ...effects,
    });
    if (effects.effects && !opened.alreadyRecorded) this.deps.onAppended?.();
    return { caseId: opened.caseId, reference: opened.reference, alreadyRecorded: !!opened.alreadyRecorded };
  }

  /**
   * Records one event on a case for `by`. The event id comes from the client, so a retried request (or a
   * Teams invoke delivered twice) records nothing twice.
   */
  async recordEvent(
    caseId: string,
    input: unknown,
    by: Person,
    options: RecordOptions = {},
  ): Promise<Recorded> {
    return this.recordEvents(caseId, [input], by, options);
  }

  /**
   * Records several events on a case in one append (all or none), in order: e.g. a letter issued and the
   * step it meets. Events already stored are skipped, so the whole call is safe to retry. Given the case
   * as the caller has just read it (`loaded`), it decides on that and appends once: the case is read and
   * folded again only if another writer got there first.
   */
  async recordEvents(
    caseId: string,
    inputs: readonly unknown[],
    by: Person,
    options: RecordOptions = {},
  ): Promise<Recorded> {
    return this.record(caseId, inputs, by, (state, event) => this.authorise(by, state, event), options);
  }

  /** Issue 17: records events as one of the app's services, which may record only its own event types. */
  async recordAsService(caseId: string, inputs: readonly unknown[], actor: ServiceActor): Promise<Recorded> {
    const by: Person = { id: actor.id, name: actor.name, roles: ['agency'] };
    return this.record(caseId, inputs, by, (_state, event) => {
      if (!actor.records.includes(event.type))
        throw new ForbiddenError(`${actor.name} cannot record "${event.type}".`);
    });
  }

  private async record(
    caseId: string,
    inputs: readonly unknown[],
    by: Person,
    authorise: (state: CaseState, event: CaseEvent) => void,
    options: RecordOptions = {},
  ): Promise<Recorded> {
    const { loaded, bookings } = options;
    const events = inputs.map((input) => this.parseEvent(input, by));
    let after: CaseState | undefined;
    let fresh: CaseEvent[] = [];
    let first = loaded;
    let effects: { effects?: string[] } = {};
    const result = await withRetry(
      this.deps.cases,
      caseId,
      (current) => {
        let state = first?.record === current ? first.state : this.reduce(current);
        first = undefined;
        const stored = new Set(current.events.map((e) => e.id));
        fresh = [];
        for (const event of events.filter((e) => !stored.has(e.id))) {
          authorise(state, event);
          // The rules may imply events (a review request on a closed case reopens it): all are appended.
          for (const decided of decide(state, event, this.policy)) {
            state = evolve(state, decided);
            if (!stored.has(decided.id)) fresh.push(decided);
          }
        }
        after = state;
        if (fresh.length === 0) return null; // all recorded already: a retry
        effects = this.effectsOf(fresh, state);
        return {
          events: fresh.map(toStored),
          agencyRequests: fresh.flatMap((event) => requestRecords(state, event, this.policy)),
          ...(bookings?.length ? { bookings } : {}),
          ...effects,
        };
      },
      loaded ? { current: loaded.record } : {},
    );
    if (result.appended && effects.effects) this.deps.onAppended?.();
    return { version: result.version, state: after!, alreadyRecorded: !result.appended };
  }

  /** The case and its state, read once, or null when there is none; `forAppend` when recording next. */
  async load(caseId: string, options: { forAppend?: boolean } = {}): Promise<LoadedCase | null> {
    const record = await this.deps.cases.getCase(caseId, options);
    return record ? { record, state: this.reduce(record) } : null;
  }

  /** The reactors these events need (`state`: the case after them), stored with them and delivered later. */
  private effectsOf(events: readonly CaseEvent[], state?: CaseState): { effects?: string[] } {
    const effects = this.deps.reactors?.wanted(events, state) ?? [];
    return effects.length ? { effects } : {};
  }

  private parseEvent(input: unknown, by: Person): CaseEvent {
    return parseEventInput(input, by, {
      now: this.deps.now,
      today: () => this.today(),
      directory: this.deps.directory,
    });
  }

  async getCase(caseId: string, by: Person): Promise<CaseDetail> {
    const record = await this.deps.cases.getCase(caseId);
    if (!record) throw new NotFoundError(NO_SUCH_CASE);
    const state = this.reduce(record);
    const access = this.access(by, state);
    if (!access) throw new NotFoundError(NO_SUCH_CASE); // no hint it exists
    const [detail] = await Promise.all([
      caseDetail(
        {
          files: this.deps.files,
          directory: this.deps.directory,
          policy: this.policy,
          today: () => this.today(),
          serviceName: (id) => this.services.get(id)?.name,
        },
        record,
        state,
        access,
        by,
      ),
      this.audit(by, { action: 'case-viewed', caseId, reference: record.projection.reference }),
    ]);
    return detail;
  }

  async listCases(query: CaseListQuery, by: Person): Promise<CaseListPage> {
    // Searches are audited (issue 15): the kind of search only, never the words searched for.
    if (query.q) await this.audit(by, { action: 'cases-searched', detail: searchKind(query.q) });
    return listCases(this.queries(), query, by);
  }

  private queries(): QueryContext {
    return {
      cases: this.deps.cases,
      directory: this.deps.directory,
      today: () => this.today(),
      reduce: (record) => this.reduce(record),
      ...(this.pinned ? { pinned: this.pinned } : {}),
    };
  }

  /** Reads every case (for the statistics); the period's figures come from the rules. */
  async statistics(from: string, to: string, by: Person): Promise<PublishedStatistics> {
    if (!may.seeStatistics(by)) throw new ForbiddenError('Only a SPOC or manager sees the statistics.');
    await this.audit(by, { action: 'statistics-viewed', detail: `${from} to ${to}` });
    return statisticsOf({ ...this.queries(), purges: this.deps.purges }, from, to);
  }

  /** The request a reminder is about, checked against the person (a SPOC's "remind now"). */
  async requestFor(
    caseId: string,
    requestId: string,
    by: Person,
  ): Promise<{ state: CaseState; reference: string; agencyId: string }> {
    if (!may.sendReminders(by)) throw new ForbiddenError('Only a SPOC sends reminders.');
    const record = await this.deps.cases.getCase(caseId);
    if (!record) throw new NotFoundError(NO_SUCH_CASE);
    const state = this.reduce(record);
    const request = state.requests.find((r) => r.requestId === requestId);
    if (!request)
      throw new NotFoundError(`There is no such request on ${record.projection.reference}; reload the case.`);
    return { state, reference: record.projection.reference, agencyId: request.agencyId };
  }

  /** A file kept with a case, for someone the access policy lets open it (others learn nothing of it). */
  async file(caseId: string, fileId: string, by: Person) {
    const record = await this.deps.cases.getCase(caseId);
    const state = record ? this.reduce(record) : undefined;
    const access = state ? this.access(by, state) : null;
    if (!record || !access) throw new NotFoundError(NO_SUCH_CASE);
    const file = await this.deps.files.getFile(fileId);
    if (!file || file.file.caseId !== caseId || !canReadFile(access, file.file, state?.documents))
      throw new NotFoundError('There is no such file on this case.');
    await this.audit(by, {
      action: 'file-downloaded',
      caseId,
      reference: record.projection.reference,
      fileId,
      detail: file.file.kind,
    });
    return file;
  }

  /**
   * Records that `by` read something. Awaited before the answer: a read that cannot be recorded is not
   * served. The entry holds ids only (never personal data).
   */
  async audit(by: Person, entry: Omit<AccessEntry, 'personId'>): Promise<void> {
    await this.deps.accessLog.record({ personId: by.id, ...entry });
  }

  /** The access log for managers, newest first, with names for people. Reading it is recorded too. */
  async accessLog(query: AccessLogQuery, by: Person): Promise<AccessLogPage> {
    if (!may.seeAccessLog(by)) throw new ForbiddenError('Only a manager sees who looked at what.');
    await this.audit(by, { action: 'access-log-viewed', ...(query.caseId ? { caseId: query.caseId } : {}) });
    const page = await this.deps.accessLog.list({
      ...(query.caseId ? { caseId: query.caseId } : {}),
      ...(query.personId ? { personId: query.personId } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      limit: query.limit,
    });
    return {
      items: page.items.map((e) => ({ ...e, personName: this.deps.directory.nameOf(e.personId) })),
      ...(page.next ? { nextCursor: page.next } : {}),
    };
  }

  /** How `by` stands to this case under the access policy; null when they may not know of it. */
  access(by: Person, state: CaseState): CaseAccess | null {
    return caseAccess(by, state, this.policy);
  }

  /** A request and its case, unchecked: callers decide who may see it (the partner page checks the agency). */
  async requestForAgency(
    caseId: string,
    requestId: string,
  ): Promise<{ state: CaseState; reference: string; agencyId: string }> {
    const record = await this.deps.cases.getCase(caseId);
    if (!record) throw new NotFoundError('There is no such request for your agency.');
    const state = this.reduce(record);
    const request = state.requests.find((r) => r.requestId === requestId);
    if (!request) throw new NotFoundError('There is no such request for your agency.');
    return { state, reference: record.projection.reference, agencyId: request.agencyId };
  }

  /** What one agency owes, soonest due first (one indexed query; a partner sees only their own). */
  async agencyRequests(agencyId: string) {
    return agencyRequests(this.deps.cases, agencyId);
  }

  reduce(record: CaseRecord): CaseState {
    return reduceCase(toCaseEvents(record.events), this.policy);
  }

  private authorise(by: Person, state: CaseState, event: CaseEvent): void {
    const access = this.access(by, state);
    if (!access) throw new NotFoundError('There is no such case.');
    if (!mayRecord(access, state, event.type, eventTypes))
      throw new ForbiddenError(`You cannot record "${event.type}" on this case.`);
    const notYours = ownsPayload(access, state, event.type, event.payload);
    if (notYours) throw new ForbiddenError(notYours);
  }

  /** Issue 15: a document's event, once its file is stored; `allowed` is the access policy's (case-documents.ts). */
  async recordDocument(loaded: LoadedCase, input: unknown, by: Person, allowed: (s: CaseState) => void) {
    return this.record(loaded.record.projection.caseId, [input], by, (state) => allowed(state), { loaded });
  }
}

export interface RecordOptions {
  /** The case as the caller has just read it (`load`): decided on without reading it again. */
  loaded?: LoadedCase;
  /** Panel bookings as the calendar answered, written with the events (the provider's event id). */
  bookings?: CaseRecords['bookings'];
}

/** What recording answers: the case's version and state after it, and whether it was a retry. */
export interface Recorded {
  version: number;
  state: CaseState;
  /** Every event was stored already (a retried request): nothing new was recorded. */
  alreadyRecorded: boolean;
}

/**
 * One of the app's own services acting on a case (issue 17: the online form, GOV.UK Notify): not a person,
 * so no officer check; it may record only the event types it is given.
 */
export interface ServiceActor {
  id: string;
  name: string;
  records: readonly CaseEvent['type'][];
}
