/**
 * The agency return card's use cases, one per verb of the card (bot/cards/return-card.ts): each person's
 * own view (`view`), the form to correct a return (`edit`), and recording a return (`submit`). The Teams
 * adapter routes each verb here with its data parsed (bot/adapters/teams/card-actions.ts).
 *
 * A return reads its case once and appends once: the case read for the view is the one the rules decide
 * on (`recordEvent` with `loaded`), and the card answered comes from the state after the append. The
 * channel's copy is refreshed for everyone afterwards, by the outbox worker (case-workspace.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  agencyName,
  agencyReturnDue,
  TransitionError,
  workingDaysBetween,
  type AgencyRequest,
  type CaseState,
  type Policy,
} from '../../shared';
import type { Person } from '../api/contract';
import {
  errorsFromProblems,
  parseReturnSubmission,
  returnCard,
  valuesFromReturn,
  type ReturnCardState,
  type ReturnFormValues,
  type ReturnRequestView,
  type ReturnCardTarget,
  type ReturnSubmission,
} from '../cards/return-card';
import type { CardJson, Messenger } from '../ports/messenger';
import type { CaseRecord } from '../store/case-log';
import { isOfficer } from './access-policy';
import type { CaseService, LoadedCase } from './case-service';
import type { Directory } from './directory';
import { ForbiddenError, InvalidInputError } from './errors';
import { returnLink } from './partner-returns';
import { agencyCardViewers } from './card-viewers';
import { stableUuid } from './stable-uuid';

/** What the bot answers a card action with: a card for the person who acted, or a line of text. */
export type CardActionResult = { card: CardJson } | { message: string };

export const NO_SUCH_REQUEST = 'This return request no longer exists.';

export interface ReturnCardsDeps {
  service: CaseService;
  directory: Directory;
  policy: Policy;
  messenger: Pick<Messenger, 'teamsUserIds'>;
  /** The server's public address: a return card too long for Teams links to the return page there. */
  publicUrl?: string;
}

/** One request's card as one person opened it. */
interface Opened {
  loaded: LoadedCase;
  request: AgencyRequest;
  view: ReturnRequestView;
  /** A member of the requested agency: they answer it. */
  member: boolean;
  userIds: Promise<string[]>;
}

export class ReturnCards {
  constructor(private readonly deps: ReturnCardsDeps) {}

  /** `refreshReturn`: the person's own view of the card. */
  async view(target: ReturnCardTarget, by: Person): Promise<CardActionResult> {
    const opened = await this.open(target, by);
    return opened ? this.ownView(opened, by) : { message: NO_SUCH_REQUEST };
  }

  /** `editReturn`: the form, filled with the current return, for the agency's members. */
  async edit(target: ReturnCardTarget, by: Person): Promise<CardActionResult> {
    const opened = await this.open(target, by);
    if (!opened) return { message: NO_SUCH_REQUEST };
    if (!opened.member) return this.ownView(opened, by);
    const returns = opened.view.returns;
    return this.form(opened, valuesFromReturn(opened.view, returns[returns.length - 1]));
  }

  /**
   * `submitReturn`: records the return from the form. `fallbackKey` (from the invoke: activity and user)
   * names the submission when the card carried no id, so the same invoke delivered twice records once.
   */
  async submit(data: ReturnSubmission, by: Person, fallbackKey = ''): Promise<CardActionResult> {
    const opened = await this.open(data, by, { forAppend: true });
    if (!opened) return { message: NO_SUCH_REQUEST };
    if (!opened.member) return this.ownView(opened, by);
    const { loaded, view } = opened;
    const submissionId = data.submissionId ?? fallbackKey;
    if (!submissionId)
      return this.form(opened, {}, { formError: 'This card is out of date; open it again and resend.' });
    const eventId = stableUuid('return-received', data.caseId, data.requestId, submissionId);
    // The same invoke delivered again: already recorded, so answer with what was returned.
    if (loaded.record.events.some((e) => e.id === eventId)) return this.card(opened, detail);
    const parsed = parseReturnSubmission(view, data, {
      receivedOn: this.deps.service.today(),
      submittedBy: by.id,
    });
    if (!parsed.ok)
      return this.form(opened, parsed.values, {
        submissionId,
        errors: parsed.errors,
        formError: 'Check the answers marked below.',
      });
    let after: CaseState;
    try {
      ({ state: after } = await this.deps.service.recordEvent(
        data.caseId,
        { id: eventId, type: 'return-received', payload: parsed.payload },
        by,
        { loaded },
      ));
    } catch (err) {
      if (err instanceof InvalidInputError) {
        const { errors, rest } = errorsFromProblems(err.problems);
        return this.form(opened, parsed.values, {
          submissionId,
          errors,
          formError: [err.message, ...rest].join(' '),
        });
      }
      if (err instanceof TransitionError || err instanceof ForbiddenError)
        return this.form(opened, parsed.values, {
          submissionId,
          formError: err instanceof TransitionError ? `Not recorded: ${err.reason}` : err.message,
        });
      throw err;
    }
    // This person gets what they returned, from the state after recording.
    const updated = after.requests.find((r) => r.requestId === data.requestId)!;
    const answered = this.cardView(data.caseId, loaded.record, after, updated);
    return { card: returnCard(answered, detail, await opened.userIds) };
  }

  /** The channel's copy of a request's card: a summary for everyone, each person's view on refresh. */
  async summary(caseId: string, record: CaseRecord, state: CaseState, request: AgencyRequest) {
    const view = this.cardView(caseId, record, state, request);
    const card = returnCard(view, { mode: 'summary' }, await this.refreshUserIds(state, request));
    return { card, view };
  }

  /** The request as its card shows it: incidents by date only, the due date from the policy's clock. */
  cardView(caseId: string, record: CaseRecord, state: CaseState, request: AgencyRequest): ReturnRequestView {
    const today = this.deps.service.today();
    const dueOn = agencyReturnDue(request, this.deps.policy);
    // The state keeps the incidents each request asked about (all of them when it named none).
    const ids = request.incidentIds;
    const incidents = state.application.incidents
      .filter((i) => ids.length === 0 || ids.includes(i.id))
      .map((i) => ({ incidentId: i.id, occurredOn: i.occurredOn }));
    return {
      caseId,
      reference: record.projection.reference,
      requestId: request.requestId,
      agencyId: request.agencyId,
      agencyName: agencyName(this.deps.policy, request.agencyId),
      requestedOn: request.requestedOn,
      dueOn,
      today,
      workingDaysOverdue:
        request.returns.length === 0 && today > dueOn ? workingDaysBetween(dueOn, today) : 0,
      incidents,
      returns: request.returns.map((r) => ({
        receivedOn: r.receivedOn,
        byName: this.deps.directory.nameOf(r.submittedBy),
        workingDaysLate: r.receivedOn > dueOn ? workingDaysBetween(dueOn, r.receivedOn) : 0,
        incidents: r.incidents,
        ...(r.otherInformation ? { otherInformation: r.otherInformation } : {}),
      })),
      ...(this.deps.publicUrl ? { openUrl: returnLink(this.deps.publicUrl, caseId, request.requestId) } : {}),
    };
  }

  /**
   * The case read once, and the request; undefined when there is none or the person may not know of it:
   * someone the case is not shared with learns nothing of it, not its reference, not its dates.
   */
  private async open(
    target: ReturnCardTarget,
    by: Person,
    options: { forAppend?: boolean } = {},
  ): Promise<Opened | undefined> {
    const loaded = await this.deps.service.load(target.caseId, options).catch(() => null);
    const request = loaded?.state.requests.find((r) => r.requestId === target.requestId);
    const access = loaded ? this.deps.service.access(by, loaded.state) : null;
    if (!loaded || !request || !access) return undefined;
    return {
      loaded,
      request,
      view: this.cardView(target.caseId, loaded.record, loaded.state, request),
      member: !access.officer && access.agencyId === request.agencyId,
      // Looked up beside the rest of the work (it may ask Teams for the roster).
      userIds: this.refreshUserIds(loaded.state, request),
    };
  }

  private async ownView(opened: Opened, by: Person): Promise<CardActionResult> {
    if (opened.member)
      return opened.view.returns.length > 0
        ? this.card(opened, { mode: 'detail', canAmend: true })
        : this.form(opened);
    if (isOfficer(by)) return this.card(opened, { mode: 'detail', canAmend: false });
    return this.card(opened, {
      mode: 'summary',
      note: `You see this read-only: only members of ${opened.view.agencyName} answer it.`,
    });
  }

  private async card(opened: Opened, state: ReturnCardState): Promise<CardActionResult> {
    return { card: returnCard(opened.view, state, await opened.userIds) };
  }

  private form(
    opened: Opened,
    values: ReturnFormValues = {},
    extra: Partial<Extract<ReturnCardState, { mode: 'form' }>> = {},
  ): Promise<CardActionResult> {
    return this.card(opened, { mode: 'form', submissionId: randomUUID(), values, ...extra });
  }

  /** Who gets their own view: the agency's members in Teams and the case's SPOC (card-viewers.ts). */
  private refreshUserIds(state: CaseState, request: AgencyRequest): Promise<string[]> {
    return agencyCardViewers(this.deps, request.agencyId, state.spoc);
  }
}

const detail: ReturnCardState = { mode: 'detail', canAmend: true };
