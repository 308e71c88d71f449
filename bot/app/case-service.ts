import { createHash } from 'node:crypto';
import {
  applyEvent,
  caseClocks,
  decide,
  evolve,
  caseEventSchema,
  checkRepeatApplication,
  deadlines,
  eventTypes,
  problemsOf,
  publishedStatistics,
  reduceCase,
  safeAssessThreshold,
  secondReportPrompt,
  agencyReturnDue,
  ragOf,
  workingDaysBetween,
  type CaseEvent,
  type CaseState,
  type Policy,
  type CaseForStatistics,
  type EventOf,
  type PublishedStatistics,
  type StatisticalFacts,
} from '../../shared';
import {
  newApplicationSchema,
  recordEventSchema,
  type CaseDetail,
  type AccessLogPage,
  type AccessLogQuery,
  type CaseListItem,
  type CaseListPage,
  type CaseListQuery,
  type Person,
} from '../api/contract';
import type { AccessEntry, AccessLog } from '../store/access-log';
import type { CaseFiles } from '../store/case-files';
import {
  InvalidChangeError,
  type AgencyRequest,
  type CaseLog,
  type CaseRecord,
  type CaseRecords,
  type JsonObject,
  type NewCaseEvent,
} from '../store/case-log';
import { LEGAL_HOLD_RELEASED, LEGAL_HOLD_SET } from '../store/projection';
import type { Purges } from '../store/purges';
import { withRetry } from '../store/with-retry';
import { toCaseEvents } from './case-projector';
import { cleanDeep } from './clean-text';
import type { Directory } from './directory';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors';
import { londonToday } from './london-today';
import type { Reactors } from './reactors';
import {
  agencyScope,
  canReadFile,
  caseAccess,
  isOfficer,
  may,
  mayRecord,
  ownsPayload,
  recordableEvents,
  visibleState,
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
    this.applyRule(undefined, event);
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
          agencyRequests: fresh.flatMap((event) => this.requestRecords(state, event)),
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
    // Every door (the API, a card, the partner page) comes through here: cleaned before it is recorded.
    const request = recordEventSchema.safeParse(cleanDeep(input));
    if (!request.success) throw new InvalidInputError('The request is not valid.', problemsOf(request.error));
    const parsed = caseEventSchema.safeParse({
      ...request.data,
      actor: by.id,
      at: this.deps.now().toISOString(),
    });
    if (!parsed.success) {
      const problems = problemsOf(parsed.error).map((p) => ({
        ...p,
        path: p.path.replace(/^payload\.?/, ''),
      }));
      throw new InvalidInputError(`Check the ${request.data.type} details.`, problems);
    }
    const event = this.stamped(parsed.data as CaseEvent, by);
    const unknown = this.unknownPeople(event);
    if (unknown.length)
      throw new InvalidInputError(
        'Some people named are not in the directory.',
        unknown.map((path) => ({ path, message: 'not a person in the directory' })),
      );
    return event;
  }

  /**
   * An agency member's return is dated and signed by the server: today (London), by them. A date or an
   * author sent with it is not trusted (it could backdate a late return, or sign for another agency). An
   * officer may record a return received earlier on the agency's behalf; the event's actor shows who did.
   */
  private stamped(event: CaseEvent, by: Person): CaseEvent {
    if (event.type !== 'return-received' || isOfficer(by)) return event;
    return { ...event, payload: { ...event.payload, receivedOn: this.today(), submittedBy: by.id } };
  }

  /** Paths in the event naming a person id that the directory does not know. */
  private unknownPeople(event: CaseEvent): string[] {
    const known = (id: string | undefined) => id === undefined || !!this.deps.directory.get(id);
    const bad: string[] = [];
    const p = event.payload as {
      submittedBy?: string;
      decidedBy?: string;
      members?: { personId?: string }[];
      attendees?: { personId?: string }[];
      chair?: { personId?: string };
    };
    if (event.type === 'return-received' && !known(p.submittedBy)) bad.push('submittedBy');
    if (event.type === 'threshold-decided' && !known(p.decidedBy)) bad.push('decidedBy');
    p.members?.forEach((m, i) => !known(m.personId) && bad.push(`members.${i}.personId`));
    p.attendees?.forEach((m, i) => !known(m.personId) && bad.push(`attendees.${i}.personId`));
    if (event.type === 'panel-booked' && !known(p.chair?.personId)) bad.push('chair.personId');
    return bad;
  }

  async getCase(caseId: string, by: Person): Promise<CaseDetail> {
    const record = await this.deps.cases.getCase(caseId);
    if (!record) throw new NotFoundError(`There is no case ${caseId}.`);
    const state = this.reduce(record);
    const access = this.access(by, state);
    if (!access) throw new NotFoundError(`There is no case ${caseId}.`); // no hint it exists
    const today = this.today();
    const assessment = safeAssessThreshold(state.application, this.policy);
    const ids = new Set<string>([state.spoc, ...state.timeline.map((t) => t.actor)]);
    const reference = record.projection.reference;
    const [files] = await Promise.all([
      this.deps.files.caseFiles(caseId),
      this.audit(by, { action: 'case-viewed', caseId, reference }),
    ]);
    const visible = visibleState(access, state);
    return {
      caseId,
      reference: record.projection.reference,
      version: record.projection.version,
      state: visible,
      deadlines: deadlines(visible, this.policy, today),
      clocks: caseClocks(visible, this.policy),
      assessment: assessment.success
        ? assessment.assessment
        : {
            outcome: 'ineligible',
            qualifyingCount: 0,
            required: 0,
            incidents: [],
            reasons: ['The application could not be assessed.'],
          },
      // Guidance for the SPOC about the victim: not for the agencies.
      ...(access.officer ? { secondReport: secondReportPrompt(state.application, this.policy, today) } : {}),
      // Only the files this person may open.
      legalHold: access.officer ? legalHoldOf(record) : { on: record.projection.legalHold },
      files: files
        .filter((f) => canReadFile(access, f))
        .map((f) => ({
          fileId: f.fileId,
          name: f.name,
          contentType: f.contentType,
          kind: f.kind,
          createdAt: f.storedAt,
          size: f.size,
        })),
      people: Object.fromEntries(
        [...ids].map((id) => [id, this.services.get(id)?.name ?? this.deps.directory.nameOf(id)]),
      ),
      can: {
        record: recordableEvents(access, state, eventTypes),
        remind: may.sendReminders(by),
        seeAccessLog: may.seeAccessLog(by),
        legalHold: may.setLegalHold(by),
      },
    };
  }

  async listCases(query: CaseListQuery, by: Person): Promise<CaseListPage> {
    const scope = agencyScope(by);
    const page = await this.deps.cases
      .listCases({
        ...(query.status && query.status !== 'open' ? { status: query.status } : {}),
        ...(query.status === 'open' ? { state: 'open' as const } : {}),
        ...(query.spoc ? { spoc: query.spoc } : {}),
        ...((scope ?? query.agency) ? { agencyId: scope ?? query.agency } : {}),
        ...(query.q ? { reference: query.q } : {}),
        ...(query.cursor ? { cursor: query.cursor } : {}),
        orderBy: query.sort === 'newest' ? 'newest' : 'deadline',
        limit: Math.min(query.limit, 100),
      })
      .catch((err: unknown) => {
        if (err instanceof InvalidChangeError)
          throw new InvalidInputError('This list page link has expired; start again from the first page.', [
            { path: 'cursor', message: 'not a cursor this list gave out' },
          ]);
        throw err;
      });
    const today = this.today();
    const toItem = (p: CaseProjectionLike): CaseListItem => {
      const left = p.nextDeadline ? workingDaysBetween(today, p.nextDeadline) : undefined;
      const overdue = !!p.nextDeadline && p.nextDeadline < today;
      return {
        caseId: p.caseId,
        reference: p.reference,
        title: p.title,
        status: p.status as CaseState['status'],
        spoc: p.spoc ?? '',
        spocName: p.spoc ? this.deps.directory.nameOf(p.spoc) : '',
        agencies: p.agencies,
        receivedOn: p.openedOn,
        ...(p.nextDeadline
          ? {
              nextDeadline: {
                clock: '',
                label: 'Next deadline',
                dueOn: p.nextDeadline,
                workingDaysLeft: left!,
                overdue,
              },
            }
          : {}),
        rag: p.nextDeadline ? ragOf({ overdue, workingDaysLeft: left! }) : 'none',
        legalHold: p.legalHold,
      };
    };
    let items = page.items.map(toItem);
    // Issue 17: new online applications lead an officer's first page of open cases.
    if (this.pinned && !scope && !query.cursor && !query.q && (!query.status || query.status === 'open')) {
      const pinned = (await this.pinned(query.spoc)).map((p) => ({ ...toItem(p), online: true }));
      const ids = new Set(pinned.map((p) => p.caseId));
      items = [...pinned, ...items.filter((i) => !ids.has(i.caseId))];
    }
    return { items, ...(page.next ? { nextCursor: page.next } : {}), total: items.length };
  }

  /** Reads every case (for the statistics); the period's figures come from the rules. */
  async statistics(from: string, to: string, by: Person): Promise<PublishedStatistics> {
    if (!may.seeStatistics(by)) throw new ForbiddenError('Only a SPOC or manager sees the statistics.');
    await this.audit(by, { action: 'statistics-viewed', detail: `${from} to ${to}` });
    const cases: CaseForStatistics[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.cases.listCases({ limit: 100, ...(cursor ? { cursor } : {}) });
      for (const p of page.items) {
        if (p.openedOn > to) continue;
        const record = await this.deps.cases.getCase(p.caseId);
        if (record) cases.push({ reference: p.reference, state: this.reduce(record) });
      }
      cursor = page.next ?? undefined;
    } while (cursor);
    // Purged cases still count in the years they happened in: their facts are kept in the purge log.
    for (const purged of await this.deps.purges.purgeLog())
      if (purged.facts)
        cases.push({ reference: purged.reference, state: purged.facts as unknown as StatisticalFacts });
    return publishedStatistics(cases, from, to);
  }

  /** The request a reminder is about, checked against the person (a SPOC's "remind now"). */
  async requestFor(
    caseId: string,
    requestId: string,
    by: Person,
  ): Promise<{ state: CaseState; reference: string; agencyId: string }> {
    if (!may.sendReminders(by)) throw new ForbiddenError('Only a SPOC sends reminders.');
    const record = await this.deps.cases.getCase(caseId);
    if (!record) throw new NotFoundError(`There is no case ${caseId}.`);
    const state = this.reduce(record);
    const request = state.requests.find((r) => r.requestId === requestId);
    if (!request)
      throw new NotFoundError(`There is no request ${requestId} on ${record.projection.reference}.`);
    return { state, reference: record.projection.reference, agencyId: request.agencyId };
  }

  /** A file kept with a case, for someone the access policy lets open it (others learn nothing of it). */
  async file(caseId: string, fileId: string, by: Person) {
    const record = await this.deps.cases.getCase(caseId);
    const access = record ? this.access(by, this.reduce(record)) : null;
    if (!record || !access) throw new NotFoundError(`There is no case ${caseId}.`);
    const file = await this.deps.files.getFile(fileId);
    if (!file || file.file.caseId !== caseId || !canReadFile(access, file.file))
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
    const page = await this.deps.cases.agencyRequests(agencyId, { outstandingOnly: false, limit: 100 });
    const refs = new Map<string, string>();
    const items = [];
    for (const r of page.items) {
      if (!refs.has(r.caseId)) {
        const record = await this.deps.cases.getCase(r.caseId);
        refs.set(r.caseId, record?.projection.reference ?? '');
      }
      items.push({ ...r, reference: refs.get(r.caseId)! });
    }
    return { items };
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

  /** The state after `event`, or a TransitionError that the HTTP layer answers with 422 and its reason. */
  private applyRule(state: CaseState | undefined, event: CaseEvent): CaseState {
    return applyEvent(state, event, this.policy);
  }

  /** The agency request records that follow from an event (what each agency owes, for its own list). */
  private requestRecords(state: CaseState, event: CaseEvent): Omit<AgencyRequest, 'caseId'>[] {
    if (event.type !== 'returns-requested' && event.type !== 'return-received') return [];
    const ids =
      event.type === 'returns-requested'
        ? event.payload.requests.map((r) => r.requestId)
        : [event.payload.requestId];
    return state.requests
      .filter((r) => ids.includes(r.requestId))
      .map((r) => {
        const dueOn = agencyReturnDue(r, this.policy);
        const first = r.returns[0];
        return {
          requestId: r.requestId,
          agencyId: r.agencyId,
          requestedAt: `${r.requestedOn}T00:00:00.000Z`,
          dueOn,
          status: first ? 'returned' : 'requested',
          returnedAt: first ? `${first.receivedOn}T00:00:00.000Z` : null,
          late: !!first && first.receivedOn > dueOn,
        };
      });
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

function toStored(event: CaseEvent): NewCaseEvent {
  return {
    id: event.id,
    type: event.type,
    actor: event.actor,
    at: event.at,
    payload: event.payload as unknown as JsonObject,
  };
}

/** The legal hold in force, from the case's log: who set it, when, and why. */
function legalHoldOf(record: CaseRecord): CaseDetail['legalHold'] {
  const last = [...record.events]
    .reverse()
    .find((e) => e.type === LEGAL_HOLD_SET || e.type === LEGAL_HOLD_RELEASED);
  if (!last || last.type !== LEGAL_HOLD_SET) return { on: false };
  return {
    on: true,
    since: last.at,
    by: last.actor,
    reason: String((last.payload as { reason?: unknown }).reason ?? ''),
  };
}

/** The list fields of a case, as the store projects them. */
type CaseProjectionLike = CaseRecord['projection'];

/**
 * One of the app's own services acting on a case (issue 17: the online form, GOV.UK Notify): not a person,
 * so no officer check; it may record only the event types it is given.
 */
export interface ServiceActor {
  id: string;
  name: string;
  records: readonly CaseEvent['type'][];
}
