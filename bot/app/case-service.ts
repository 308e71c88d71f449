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
  londonDate,
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
  type EventType,
  type Policy,
  type PublishedStatistics,
} from '../../shared';
import {
  newApplicationSchema,
  recordEventSchema,
  type CaseDetail,
  type CaseListItem,
  type CaseListPage,
  type CaseListQuery,
  type Person,
} from '../api/contract';
import type { AgencyRequest, CaseRecord, CaseStore, JsonObject, NewCaseEvent } from '../store/case-store';
import { withRetry } from '../store/with-retry';
import { toCaseEvents } from './case-projector';
import type { Directory } from './directory';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors';
import { agencyScope, canSeeCase, ownsPayload, recordableEvents, redactFor } from './permissions';

/** Something that happens because events were recorded: a channel, a card, a letter, a reminder. */
export interface CaseReactor {
  readonly name: string;
  react(change: RecordedChange): Promise<void>;
}

export interface RecordedChange {
  caseId: string;
  reference: string;
  state: CaseState;
  events: CaseEvent[];
  by: Person;
}

export interface CaseServiceDeps {
  store: CaseStore;
  policy: Policy;
  directory: Directory;
  now: () => Date;
  reactors?: CaseReactor[];
  log?: (message: string) => void;
}

/** A case id from the client's request id, so a retried "create" lands on the same case. */
export function caseIdFor(requestId: string): string {
  return createHash('sha256').update(`case:${requestId}`).digest('hex').slice(0, 32);
}

const spocRoles = (p: Person) => p.roles.includes('spoc') || p.roles.includes('manager');

/**
 * The use cases behind the tab, the bot and the Outlook add-in. Every write goes through the rules
 * (`applyEvent`) and the optimistic store, so it is validated, authorised, idempotent and never lost.
 */
export class CaseService {
  private readonly reactors: CaseReactor[];

  constructor(private readonly deps: CaseServiceDeps) {
    this.reactors = deps.reactors ?? [];
  }

  get policy(): Policy {
    return this.deps.policy;
  }

  today(): string {
    return londonDate(this.deps.now());
  }

  addReactor(reactor: CaseReactor): void {
    this.reactors.push(reactor);
  }

  /** Records a new application as a case. A retry with the same requestId returns the same case. */
  async openCase(input: unknown, by: Person): Promise<{ caseId: string; reference: string }> {
    if (!spocRoles(by)) throw new ForbiddenError('Only a SPOC records applications.');
    const parsed = newApplicationSchema.safeParse(input);
    if (!parsed.success)
      throw new InvalidInputError('The application is not complete.', problemsOf(parsed.error));
    const a = parsed.data;
    if (a.previousCase) {
      const previous = await this.deps.store.findByReference(a.previousCase);
      if (!previous)
        throw new InvalidInputError(`There is no case ${a.previousCase}.`, [
          { path: 'previousCase', message: 'not found' },
        ]);
      const record = await this.deps.store.getCase(previous.caseId);
      const check = checkRepeatApplication(
        [{ reference: previous.reference, state: this.reduce(record!) }],
        a.materialChange,
        this.policy,
      );
      if (!check.allowed)
        throw new InvalidInputError(check.reason!, [{ path: 'materialChange', message: check.reason! }]);
    }
    const event = {
      id: a.requestId,
      type: 'application-received',
      actor: by.id,
      at: this.deps.now().toISOString(),
      payload: {
        receivedOn: a.application.receivedOn,
        channel: a.receivedVia,
        application: a.application,
        spoc: a.spoc ?? by.id,
        agencies: a.agencies,
        ...(a.parties ? { parties: a.parties } : {}),
        ...(a.title ? { title: a.title } : {}),
        ...(a.account ? { account: a.account } : {}),
        ...(a.previousCase ? { previousCase: a.previousCase } : {}),
        ...(a.materialChange ? { materialChange: a.materialChange } : {}),
        source: a.source ?? { kind: 'tab' },
      },
    } as CaseEvent;
    const state = this.applyRule(undefined, event);
    const opened = await this.deps.store.createCase({
      caseId: caseIdFor(a.requestId),
      openedOn: a.application.receivedOn,
      events: [toStored(event)],
    });
    await this.react({ caseId: opened.caseId, reference: opened.reference, state, events: [event], by });
    return { caseId: opened.caseId, reference: opened.reference };
  }

  /**
   * Records one event on a case for `by`. The event id comes from the client, so a retried request (or a
   * Teams invoke delivered twice) records nothing twice.
   */
  async recordEvent(
    caseId: string,
    input: unknown,
    by: Person,
  ): Promise<{ version: number; state: CaseState }> {
    return this.recordEvents(caseId, [input], by);
  }

  /**
   * Records several events on a case in one append (all or none), in order: e.g. a letter issued and the
   * step it meets. Events already stored are skipped, so the whole call is safe to retry.
   */
  async recordEvents(
    caseId: string,
    inputs: readonly unknown[],
    by: Person,
  ): Promise<{ version: number; state: CaseState }> {
    const events = inputs.map((input) => this.parseEvent(input, by));
    let after: CaseState | undefined;
    let reference = '';
    let fresh: CaseEvent[] = [];
    const result = await withRetry(this.deps.store, caseId, (current) => {
      reference = current.projection.reference;
      let state = this.reduce(current);
      const stored = new Set(current.events.map((e) => e.id));
      fresh = [];
      for (const event of events.filter((e) => !stored.has(e.id))) {
        this.authorise(by, state, event);
        // The rules may imply events (a review request on a closed case reopens it): all are appended.
        for (const decided of decide(state, event, this.policy)) {
          state = evolve(state, decided);
          if (!stored.has(decided.id)) fresh.push(decided);
        }
      }
      after = state;
      if (fresh.length === 0) return null; // all recorded already: a retry
      return {
        events: fresh.map(toStored),
        agencyRequests: fresh.flatMap((event) => this.requestRecords(state, event)),
      };
    });
    if (result.appended) await this.react({ caseId, reference, state: after!, events: fresh, by });
    return { version: result.version, state: after! };
  }

  private parseEvent(input: unknown, by: Person): CaseEvent {
    const request = recordEventSchema.safeParse(input);
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
    return parsed.data as CaseEvent;
  }

  async getCase(caseId: string, by: Person): Promise<CaseDetail> {
    const record = await this.deps.store.getCase(caseId);
    if (!record) throw new NotFoundError(`There is no case ${caseId}.`);
    const state = this.reduce(record);
    if (!canSeeCase(by, state)) throw new NotFoundError(`There is no case ${caseId}.`); // no hint it exists
    const today = this.today();
    const assessment = safeAssessThreshold(state.application, this.policy);
    const ids = new Set<string>([state.spoc, ...state.timeline.map((t) => t.actor)]);
    const files = await this.deps.store.caseFiles(caseId);
    const visible = redactFor(by, state);
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
      secondReport: secondReportPrompt(state.application, this.policy, today),
      // The panel's booking record (calendar event ids) is the app's own bookkeeping, not a case document.
      files: files
        .filter((f) => !(f.kind === 'calendar' && f.contentType === 'application/json'))
        .map((f) => ({
          fileId: f.fileId,
          name: f.name,
          contentType: f.contentType,
          kind: f.kind,
          createdAt: f.storedAt,
          size: f.size,
        })),
      people: Object.fromEntries([...ids].map((id) => [id, this.deps.directory.nameOf(id)])),
      can: { record: recordableEvents(by, state, eventTypes) },
    };
  }

  async listCases(query: CaseListQuery, by: Person): Promise<CaseListPage> {
    const scope = agencyScope(by);
    const page = await this.deps.store.listCases({
      ...(query.status && query.status !== 'open' ? { status: query.status } : {}),
      ...(query.status === 'open' ? { state: 'open' as const } : {}),
      ...(query.spoc ? { spoc: query.spoc } : {}),
      ...((scope ?? query.agency) ? { agencyId: scope ?? query.agency } : {}),
      ...(query.q ? { reference: query.q } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
      orderBy: query.sort === 'newest' ? 'newest' : 'deadline',
      limit: Math.min(query.limit, 100),
    });
    const today = this.today();
    const items = page.items.map((p): CaseListItem => {
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
      };
    });
    return { items, ...(page.next ? { nextCursor: page.next } : {}), total: items.length };
  }

  /** Reads every case (for the statistics); the period's figures come from the rules. */
  async statistics(from: string, to: string, by: Person): Promise<PublishedStatistics> {
    if (!spocRoles(by)) throw new ForbiddenError('Only a SPOC or manager sees the statistics.');
    const cases: { reference: string; state: CaseState }[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.store.listCases({ limit: 100, ...(cursor ? { cursor } : {}) });
      for (const p of page.items) {
        if (p.openedOn > to) continue;
        const record = await this.deps.store.getCase(p.caseId);
        if (record) cases.push({ reference: p.reference, state: this.reduce(record) });
      }
      cursor = page.next ?? undefined;
    } while (cursor);
    return publishedStatistics(cases, from, to);
  }

  /** The request a reminder is about, checked against the person (a SPOC's "remind now"). */
  async requestFor(
    caseId: string,
    requestId: string,
    by: Person,
  ): Promise<{ state: CaseState; reference: string; agencyId: string }> {
    if (!spocRoles(by)) throw new ForbiddenError('Only a SPOC sends reminders.');
    const record = await this.deps.store.getCase(caseId);
    if (!record) throw new NotFoundError(`There is no case ${caseId}.`);
    const state = this.reduce(record);
    const request = state.requests.find((r) => r.requestId === requestId);
    if (!request)
      throw new NotFoundError(`There is no request ${requestId} on ${record.projection.reference}.`);
    return { state, reference: record.projection.reference, agencyId: request.agencyId };
  }

  /** A file kept with a case, for someone who may see the case. */
  async file(caseId: string, fileId: string, by: Person) {
    const record = await this.deps.store.getCase(caseId);
    if (!record || !canSeeCase(by, this.reduce(record)))
      throw new NotFoundError(`There is no case ${caseId}.`);
    const file = await this.deps.store.getFile(fileId);
    if (!file || file.file.caseId !== caseId) throw new NotFoundError('There is no such file on this case.');
    return file;
  }

  /** A request and its case, unchecked: callers decide who may see it (the partner page checks the agency). */
  async requestForAgency(
    caseId: string,
    requestId: string,
  ): Promise<{ state: CaseState; reference: string; agencyId: string }> {
    const record = await this.deps.store.getCase(caseId);
    if (!record) throw new NotFoundError('There is no such request for your agency.');
    const state = this.reduce(record);
    const request = state.requests.find((r) => r.requestId === requestId);
    if (!request) throw new NotFoundError('There is no such request for your agency.');
    return { state, reference: record.projection.reference, agencyId: request.agencyId };
  }

  /** What one agency owes, soonest due first (one indexed query; a partner sees only their own). */
  async agencyRequests(agencyId: string) {
    const page = await this.deps.store.agencyRequests(agencyId, { outstandingOnly: false, limit: 100 });
    const refs = new Map<string, string>();
    const items = [];
    for (const r of page.items) {
      if (!refs.has(r.caseId)) {
        const record = await this.deps.store.getCase(r.caseId);
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
    if (!canSeeCase(by, state)) throw new NotFoundError('There is no such case.');
    if (!recordableEvents(by, state, eventTypes).includes(event.type as EventType))
      throw new ForbiddenError(`You cannot record "${event.type}" on this case.`);
    const notYours = ownsPayload(by, state, event.type, event.payload);
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

  private async react(change: RecordedChange): Promise<void> {
    for (const reactor of this.reactors) {
      try {
        await reactor.react(change);
      } catch (err) {
        // A side effect (a channel, a card) must not undo a recorded event; sweeps retry it. No case data logged.
        this.deps.log?.(
          `${reactor.name} failed for ${change.reference}: ${(err as Error).name}: ${(err as Error).message}`,
        );
      }
    }
  }
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
