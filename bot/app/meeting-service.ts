/**
 * Issue 16: the case review run inside the panel's Teams meeting. Each member's side panel shows the case
 * as the one access policy lets them see it (a victim or guest sees none of it); the chair (or the SPOC)
 * notes attendance, the agenda, recommendations, actions and what is on the stage, each a `meeting-noted`
 * event on the case; ending the meeting records `review-held` from those notes (the quorum rule decides).
 * Every member's panel is told of each change (`subscribe`), so the case log stays the source of truth.
 */
import {
  agencyName,
  agendaFor,
  agendaTitles,
  currentDecision,
  currentReview,
  panelQuorum,
  presentMembers,
  reviewHeldFromLive,
  startLiveReview,
  type CaseState,
  type LiveReview,
  type MeetingNoted,
  type Policy,
} from '../../shared';
import type {
  AgendaItem,
  MeetingEnded,
  MeetingNoteBody,
  MeetingView,
  Person,
  StageContent,
} from '../api/contract';
import type { CaseFiles } from '../store/case-files';
import { chairs, hearsVictimVoice, visibleState, type CaseAccess } from './access-policy';
import type { CaseService, LoadedCase } from './case-service';
import type { Directory } from './directory';
import { InvalidInputError, NotFoundError } from './errors';
import { stableUuid } from './stable-uuid';

export interface MeetingServiceDeps {
  service: CaseService;
  files: Pick<CaseFiles, 'getFile'>;
  policy: Policy;
  directory: Directory;
}

type Listener = () => void;

/** The minutes of one meeting: one file per booking, whoever ends it and however often. */
export const minutesFileId = (caseId: string, bookingId: string) => stableUuid('minutes', caseId, bookingId);
const reviewHeldId = (caseId: string, bookingId: string) => stableUuid('review-held', caseId, bookingId);

export class MeetingService {
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly deps: MeetingServiceDeps) {}

  /** Tells `listener` of every change to the case's meeting; returns the unsubscribe. */
  subscribe(caseId: string, listener: Listener): () => void {
    const set = this.listeners.get(caseId) ?? new Set<Listener>();
    set.add(listener);
    this.listeners.set(caseId, set);
    return () => {
      set.delete(listener);
      if (!set.size) this.listeners.delete(caseId);
    };
  }

  /** Something in the case's meeting changed (a note, the review held, the minutes made). */
  changed(caseId: string): void {
    for (const listener of this.listeners.get(caseId) ?? []) listener();
  }

  /** One member's side panel. `audit`: record the view in the access log (once per panel opened). */
  async view(caseId: string, by: Person, options: { audit?: boolean } = {}): Promise<MeetingView> {
    const { loaded, access } = await this.load(caseId, by);
    const reference = loaded.record.projection.reference;
    if (options.audit) await this.deps.service.audit(by, { action: 'case-viewed', caseId, reference });
    return this.viewOf(caseId, reference, loaded, access, await this.minutesReady(caseId, loaded.state));
  }

  /** Notes one thing in the meeting; a retried request notes it once. Answers the chair's view after it. */
  async note(
    caseId: string,
    body: MeetingNoteBody,
    by: Person,
  ): Promise<{ view: MeetingView; changed: boolean }> {
    const { loaded } = await this.load(caseId, by);
    const panel = this.bookedPanel(loaded.state);
    const payload = this.notePayload(caseId, panel.bookingId, body);
    const recorded = await this.deps.service.recordEvents(
      caseId,
      [{ id: stableUuid('meeting-noted', caseId, body.requestId), type: 'meeting-noted', payload }],
      by,
      { loaded },
    );
    if (!recorded.alreadyRecorded) this.changed(caseId);
    // The chair's view after the note, from the state the append answered (no second read).
    const after: LoadedCase = {
      record: { ...loaded.record, projection: { ...loaded.record.projection, version: recorded.version } },
      state: recorded.state,
    };
    const access = this.deps.service.access(by, after.state)!;
    return {
      view: this.viewOf(
        caseId,
        loaded.record.projection.reference,
        after,
        access,
        await this.minutesReady(caseId, after.state),
      ),
      changed: !recorded.alreadyRecorded,
    };
  }

  /**
   * Ends the meeting: records the review held from what was noted (one review per booking, so a second
   * press or a retry records nothing more). The minutes, the outcome letter draft and the post to the
   * case channel follow through the outbox (MeetingMinutes), so they are retried until done.
   */
  async end(caseId: string, by: Person, today: string): Promise<MeetingEnded> {
    const { loaded } = await this.load(caseId, by);
    const state = loaded.state;
    const reference = loaded.record.projection.reference;
    const panel = state.panel;
    if (!panel)
      throw new InvalidInputError('No panel meeting is booked on this case.', [
        { path: 'bookingId', message: 'nothing booked' },
      ]);
    const eventId = reviewHeldId(caseId, panel.bookingId);
    const minutes = {
      fileId: minutesFileId(caseId, panel.bookingId),
      name: `${reference} review minutes.docx`,
    };
    const held = loaded.record.events.find((e) => e.id === eventId);
    if (held) return { heldOn: currentReview(state)?.heldOn ?? today, minutes, alreadyRecorded: true };
    this.bookedPanel(state);
    const live = state.liveReview?.bookingId === panel.bookingId ? state.liveReview : undefined;
    const payload = reviewHeldFromLive(
      live ?? startLiveReview(panel.bookingId, panel.victimParticipation, today),
      panel,
      today,
    );
    await this.deps.service.recordEvents(caseId, [{ id: eventId, type: 'review-held', payload }], by, {
      loaded,
    });
    this.changed(caseId);
    return { heldOn: today, minutes, alreadyRecorded: false };
  }

  /** What the stage shows this person: the agenda for all; the action plan only to those who may see the case. */
  async stage(caseId: string, by: Person): Promise<StageContent> {
    const loaded = await this.deps.service.load(caseId);
    if (!loaded?.state.panel) throw new NotFoundError(`There is no meeting for case ${caseId}.`);
    const { state } = loaded;
    const access = this.deps.service.access(by, state);
    const live = this.live(state);
    const agenda = this.agenda(state, live);
    if (!access || (!access.officer && !access.panel))
      return {
        showing: live.stage,
        agenda,
        ...(live.stage === 'action-plan' ? { note: 'The action plan is shown to the panel members.' } : {}),
      };
    const name = (id: string) => agencyName(this.deps.policy, id);
    return {
      showing: live.stage,
      reference: loaded.record.projection.reference,
      agenda,
      ...(live.stage === 'action-plan'
        ? {
            actionPlan: live.actions.map((a) => ({
              description: a.description,
              owner: name(a.ownerAgency),
              dueOn: a.dueOn,
            })),
          }
        : {}),
    };
  }

  private async load(caseId: string, by: Person): Promise<{ loaded: LoadedCase; access: CaseAccess }> {
    const loaded = await this.deps.service.load(caseId);
    const access = loaded && this.deps.service.access(by, loaded.state);
    // A victim or guest in the meeting, or an agency not on the panel, learns nothing of the case.
    if (!loaded || !access || (!access.officer && !access.panel))
      throw new NotFoundError('This meeting’s case papers are for the panel members only.');
    if (!loaded.state.panel) throw new NotFoundError('No panel meeting is booked on this case.');
    return { loaded, access };
  }

  private bookedPanel(state: CaseState) {
    if (state.panel?.status !== 'booked')
      throw new InvalidInputError('No panel meeting is booked on this case.', [
        { path: 'bookingId', message: 'nothing booked' },
      ]);
    return state.panel;
  }

  private notePayload(caseId: string, bookingId: string, body: MeetingNoteBody): MeetingNoted {
    const itemId = stableUuid('meeting-item', caseId, body.requestId);
    switch (body.kind) {
      case 'attendance': {
        const person = body.personId ? this.deps.directory.get(body.personId) : undefined;
        if (body.personId && !person)
          throw new InvalidInputError(`There is no person ${body.personId}.`, [
            { path: 'personId', message: 'unknown person' },
          ]);
        const name = person?.name ?? body.name;
        if (!name)
          throw new InvalidInputError('Give the person’s name, or choose them from the directory.', [
            { path: 'name', message: 'a name or a personId is needed' },
          ]);
        return {
          kind: 'attendance',
          bookingId,
          attendeeId: body.personId ?? stableUuid('attendee', name.toLowerCase(), body.agencyId),
          ...(body.personId ? { personId: body.personId } : {}),
          name,
          agencyId: body.agencyId,
          role: body.role ?? 'member',
          present: body.present,
        };
      }
      case 'recommendation':
        return {
          kind: 'recommendation',
          bookingId,
          itemId,
          text: body.text,
          ...(body.ownerAgency ? { ownerAgency: body.ownerAgency } : {}),
        };
      case 'action':
        return {
          kind: 'action',
          bookingId,
          itemId,
          description: body.description,
          ownerAgency: body.ownerAgency,
          ...(body.ownerName ? { ownerName: body.ownerName } : {}),
          dueOn: body.dueOn,
        };
      case 'withdrawn':
        return { kind: 'withdrawn', bookingId, itemId: body.itemId };
      case 'agenda':
        return { kind: 'agenda', bookingId, part: body.part };
      case 'stage':
        return { kind: 'stage', bookingId, showing: body.showing };
    }
  }

  /** The booking's live review, or an empty one before anything is noted. */
  private live(state: CaseState): LiveReview {
    const panel = state.panel!;
    return state.liveReview?.bookingId === panel.bookingId
      ? state.liveReview
      : startLiveReview(panel.bookingId, panel.victimParticipation, '');
  }

  private agenda(state: CaseState, live: LiveReview): AgendaItem[] {
    return agendaFor(state.panel?.victimParticipation).map((part) => ({
      part,
      title: agendaTitles[part],
      // Once the review is recorded no part is running.
      current: state.status === 'panel-booked' && part === live.part,
    }));
  }

  /** Whether the minutes of the case's meeting have been made (the outbox makes them after the review). */
  private async minutesReady(caseId: string, state: CaseState): Promise<boolean> {
    if (!state.panel || state.status === 'panel-booked') return false;
    const found = await this.deps.files.getFile(minutesFileId(caseId, state.panel.bookingId));
    return found?.file.caseId === caseId;
  }

  private viewOf(
    caseId: string,
    reference: string,
    loaded: LoadedCase,
    access: CaseAccess,
    minutesReady: boolean,
  ): MeetingView {
    const { policy, directory } = this.deps;
    const state = visibleState(access, loaded.state);
    const panel = loaded.state.panel!;
    const live = this.live(loaded.state);
    const name = (id: string) => agencyName(policy, id);
    const present = presentMembers(live);
    const quorum = panelQuorum(present, policy);
    const missing = quorum.counting.filter((id) => !quorum.bodies.includes(id)).map(name);
    const decision = currentDecision(state);
    const review = currentReview(loaded.state);
    const heldHere =
      review && loaded.record.events.some((e) => e.id === reviewHeldId(caseId, panel.bookingId));
    // Booked members are listed before anyone is noted, so the chair can mark them present.
    const noted = new Map(live.attendees.map((a) => [a.attendeeId, a]));
    const booked = panel.members.map((m) => ({
      attendeeId: m.personId ?? stableUuid('attendee', m.name.toLowerCase(), m.agencyId),
      ...(m.personId ? { personId: m.personId } : {}),
      name: m.name,
      agencyId: m.agencyId,
    }));
    const attendees = [
      ...booked.map((b) => ({ ...b, present: noted.get(b.attendeeId)?.present ?? false })),
      ...live.attendees
        .filter((a) => !booked.some((b) => b.attendeeId === a.attendeeId))
        .map((a) => ({
          attendeeId: a.attendeeId,
          ...(a.personId ? { personId: a.personId } : {}),
          name: a.name,
          agencyId: a.agencyId,
          present: a.present,
        })),
    ].map((a) => ({ ...a, agency: name(a.agencyId) }));
    return {
      caseId,
      reference,
      version: loaded.record.projection.version,
      status: loaded.state.status,
      meeting: {
        bookingId: panel.bookingId,
        start: panel.start,
        end: panel.end,
        chair: panel.chair.name,
        victimParticipation: panel.victimParticipation,
        ...(panel.joinUrl ? { joinUrl: panel.joinUrl } : {}),
      },
      agenda: this.agenda(loaded.state, live),
      stage: live.stage,
      summary: {
        receivedOn: state.receivedOn,
        incidents: state.application.incidents.length,
        agencies: state.agencies.map((id) => ({ id, name: name(id) })),
        ...(decision ? { decision: { outcome: decision.outcome, decidedOn: decision.decidedOn } } : {}),
      },
      returns: state.requests.map((r) => {
        const current = r.returns[r.returns.length - 1];
        return {
          agencyId: r.agencyId,
          agency: name(r.agencyId),
          ...(current ? { receivedOn: current.receivedOn } : {}),
          incidents: current?.incidents.filter((i) => i.holdsRecord).length ?? 0,
          ...(current?.otherInformation ? { otherInformation: current.otherInformation } : {}),
        };
      }),
      victimStatements: hearsVictimVoice(access)
        ? (state.victimVoice?.statements ?? []).map((s) => ({
            receivedOn: s.receivedOn,
            ...(s.text ? { text: s.text } : {}),
            ...(s.file ? { file: s.file.fileId } : {}),
          }))
        : [],
      timeline: state.timeline
        .filter((t) => t.type !== 'meeting-noted')
        .slice(-8)
        .reverse()
        .map((t) => ({ at: t.at, what: t.type, by: directory.nameOf(t.actor) })),
      attendees,
      quorum: {
        met: quorum.met,
        message: quorum.met
          ? `Quorate: ${quorum.bodies.length} of the bodies that make up the panel are here (at least ${quorum.required}).`
          : `Not quorate: ${quorum.bodies.length} of the bodies that make up the panel are here; at least ${quorum.required} of ${missing.length ? [...quorum.bodies.map(name), ...missing].join(', ') : 'them'} are needed.`,
      },
      recommendations: live.recommendations.map((r) => ({
        id: r.id,
        text: r.text,
        ...(r.ownerAgency ? { owner: name(r.ownerAgency) } : {}),
      })),
      actions: live.actions.map((a) => ({
        id: a.id,
        description: a.description,
        owner: name(a.ownerAgency),
        ...(a.ownerName ? { ownerName: a.ownerName } : {}),
        dueOn: a.dueOn,
      })),
      ...(heldHere && review
        ? {
            held: {
              heldOn: review.heldOn,
              ...(minutesReady ? { minutesFileId: minutesFileId(caseId, panel.bookingId) } : {}),
            },
          }
        : {}),
      can: {
        run: (access.officer || chairs(access, loaded.state)) && loaded.state.status === 'panel-booked',
      },
    };
  }
}
