/**
 * Deadline reminders in Teams. The sweep reads every open case, asks the rules which clocks are due
 * tomorrow, today or overdue (`deadlines(state, policy, today)`), and sends each reminder once: the SPOC
 * gets their duties (one digest card when several are due), each agency its returns and its actions (an
 * action's reminder is its card, which the agency updates in place: action-cards.ts). "Once" holds across
 * restarts and instances: a reminder is claimed in the store (`claimReminder`) before it is sent.
 *
 * `today` is an argument, so the sweep runs with a moved clock in tests. The scheduler (teams-wiring)
 * runs it on REMINDER_SCHEDULE; "remind now" from the tab sends one agency reminder at once.
 */
import {
  agencyName,
  deadlines,
  agencyReturnDue,
  workingDaysBetween,
  type Deadline,
  type IsoDate,
  type Policy,
} from '../../shared';
import type { Person } from '../api/contract';
import { digestCard, reminderCard, type ReminderItem, type ReminderKind } from '../cards/reminder-cards';
import {
  ThrottledError,
  UnreachableError,
  type CardJson,
  type Destination,
  type Messenger,
  type OutgoingMessage,
} from '../ports/messenger';
import type { CaseLog } from '../store/case-log';
import type { ReminderClaims } from '../store/reminder-claims';
import type { ActionCards } from './action-cards';
import type { CaseLinks } from './case-links';
import type { CaseService, ServiceActor } from './case-service';
import { stableUuid } from './stable-uuid';
import type { Directory } from './directory';
import { InvalidInputError, NotFoundError, NO_SUCH_CASE } from './errors';
import type { Mailer } from '../ports/mailer';
import { returnLink } from './partner-returns';

export interface RemindersDeps {
  cases: CaseLog;
  claims: ReminderClaims;
  service: CaseService;
  directory: Directory;
  policy: Policy;
  messenger: Messenger;
  now: () => Date;
  log: (message: string) => void;
  /** Injectable so tests do not wait out a pause. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * Called for each open case whose channel or case card is missing, so a half-finished provisioning is
   * finished by the next sweep (the case workspace's `ensure`).
   */
  resume?: (caseId: string) => Promise<unknown>;
  /** Issue 15: where each case opens, for the reminders' "Open the case". */
  links?: CaseLinks;
  /** Email for agency members who work outside Teams (`notify: 'email'`), with a link to the return page. */
  mailer?: Mailer;
  publicUrl?: string;
  /** Issue 15: an action's reminder is its card, which the owning agency updates in place. */
  actionCards?: Pick<ActionCards, 'reminderCard'>;
}

export interface SweepReport {
  cases: number;
  /** Messages sent. */
  sent: number;
  /** Reminders another run (or instance) had already claimed. */
  alreadySent: number;
  /** Reminders that could not be delivered (no way to reach anyone). */
  undelivered: number;
  /** True when Teams kept throttling and the sweep stopped early; the rest goes at the next run. */
  paused: boolean;
}

/** The reminder a clock deserves today, if any: tomorrow's (the next working day), today's, or an overdue one. */
export function reminderKind(
  d: Pick<Deadline, 'dueOn' | 'workingDaysLeft' | 'overdue'>,
  today: IsoDate,
): ReminderKind | undefined {
  if (d.overdue) return 'overdue';
  if (d.dueOn === today) return 'due-today';
  if (d.workingDaysLeft === 1) return 'due-tomorrow';
  return undefined;
}

/** The reminder sweep as the timeline names it (issue 15): it records only that a reminder went. */
export const REMINDER_SERVICE: ServiceActor = {
  id: 'reminders',
  name: 'Reminders (ASB Case Review)',
  records: ['reminder-sent'],
};

/** One key per reminder per day: `reminder:<caseId>:<clock>:<requestId|appealId|actionId|->:<kind>:<today>`. */
export function reminderKey(caseId: string, d: Deadline, kind: ReminderKind, today: IsoDate): string {
  return `reminder:${caseId}:${d.clock}:${d.requestId ?? d.appealId ?? d.actionId ?? '-'}:${kind}:${today}`;
}

interface Due {
  key: string;
  caseId: string;
  channelId?: string;
  item: ReminderItem;
  deadline: Deadline;
  /** Issue 15: an action's card, named (a personal chat) or not (the case channel). */
  actionCard?: (named: boolean) => Promise<CardJson | undefined>;
}

const PAUSES = 3;
const REMIND_NOW_INTERVAL_MS = 60_000;
const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export class Reminders {
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly lastRemindNow = new Map<string, number>();

  constructor(private readonly deps: RemindersDeps) {
    this.sleep = deps.sleep ?? realSleep;
    deps.service.registerService?.(REMINDER_SERVICE);
  }

  async sweep(today: IsoDate): Promise<SweepReport> {
    const report: SweepReport = { cases: 0, sent: 0, alreadySent: 0, undelivered: 0, paused: false };
    const bySpoc = new Map<string, Due[]>();
    const forAgencies: Due[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.cases.listCases({
        state: 'open',
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      for (const projection of page.items) {
        const record = await this.deps.cases.getCase(projection.caseId);
        if (!record) continue;
        report.cases++;
        const state = this.deps.service.reduce(record);
        if (this.deps.resume && !state.teamsChannel?.cardActivityId)
          await this.deps
            .resume(projection.caseId)
            .catch((err: unknown) =>
              this.deps.log(
                `case channel for ${projection.reference} not ready: ${(err as Error).name}: ${(err as Error).message}`,
              ),
            );
        for (const d of deadlines(state, this.deps.policy, today)) {
          const kind = d.kind === 'duty' ? reminderKind(d, today) : undefined;
          if (!kind) continue;
          const due: Due = {
            key: reminderKey(projection.caseId, d, kind, today),
            caseId: projection.caseId,
            ...(state.teamsChannel ? { channelId: state.teamsChannel.channelId } : {}),
            item: {
              reference: projection.reference,
              label: d.label,
              dueOn: d.dueOn,
              workingDaysLeft: d.workingDaysLeft,
              kind,
              ...this.linkTo(projection.caseId, projection.reference),
            },
            deadline: d,
          };
          const { actionCards } = this.deps;
          if (d.clock === 'action' && d.actionId && actionCards) {
            const actionId = d.actionId;
            due.actionCard = (named) =>
              actionCards.reminderCard(projection.caseId, record, state, actionId, kind, { private: named });
          }
          // Returns, and (issue 15) the actions an agency owns: overdue actions remind like returns do.
          if (d.owner === 'agency' && (d.clock === 'agencyReturn' || d.clock === 'action'))
            forAgencies.push(due);
          // The SPOC chases the appeal hearer too; windows are the applicant's, never reminded.
          else if (d.owner === 'spoc' || d.owner === 'appeal-hearer') {
            const mine = bySpoc.get(state.spoc) ?? [];
            mine.push(due);
            bySpoc.set(state.spoc, mine);
          }
        }
      }
      cursor = page.next ?? undefined;
    } while (cursor);

    for (const due of forAgencies) {
      if (report.paused) break;
      if (!(await this.deps.claims.claimReminder(due.key))) {
        report.alreadySent++;
        continue;
      }
      const sent = await this.remindAgency(due, today, report);
      if (sent === 0) report.undelivered++;
      report.sent += sent;
    }
    for (const [spocId, items] of bySpoc) {
      if (report.paused) break;
      const claimed: Due[] = [];
      for (const due of items) {
        if (await this.deps.claims.claimReminder(due.key)) claimed.push(due);
        else report.alreadySent++;
      }
      if (claimed.length === 0) continue;
      const sent = await this.remindSpoc(spocId, claimed, today, report);
      if (sent === 0) report.undelivered += claimed.length;
      report.sent += sent;
    }
    this.deps.log(
      `reminders ${today}: ${report.cases} open cases, ${report.sent} sent, ${report.alreadySent} already sent, ${report.undelivered} undelivered${report.paused ? ', paused (throttled)' : ''}`,
    );
    return report;
  }

  /** "Remind now" from the tab: the agency's members are reminded at once; at most once a minute per request. */
  async remindNow(caseId: string, requestId: string, _by: Person): Promise<{ sent: number }> {
    const now = this.deps.now().getTime();
    const key = `${caseId}:${requestId}`;
    const last = this.lastRemindNow.get(key);
    const tooSoon = () =>
      new InvalidInputError('A reminder for this request went less than a minute ago; try again shortly.');
    if (last !== undefined && now - last < REMIND_NOW_INTERVAL_MS) throw tooSoon();
    // The same minute across instances: the first claim wins.
    if (
      !(await this.deps.claims.claimReminder(`remind-now:${key}:${new Date(now).toISOString().slice(0, 16)}`))
    )
      throw tooSoon();
    this.lastRemindNow.set(key, now);

    const record = await this.deps.cases.getCase(caseId);
    if (!record) throw new NotFoundError(NO_SUCH_CASE);
    const state = this.deps.service.reduce(record);
    const request = state.requests.find((r) => r.requestId === requestId);
    if (!request) throw new NotFoundError('There is no such request on this case; reload the case.');
    if (request.returns.length > 0)
      throw new InvalidInputError(`${agencyName(this.deps.policy, request.agencyId)} has already returned.`);
    const today = this.deps.service.today();
    const dueOn = agencyReturnDue(request, this.deps.policy);
    const workingDaysLeft = workingDaysBetween(today, dueOn);
    const deadline: Deadline = {
      clock: 'agencyReturn',
      label: `Return from ${agencyName(this.deps.policy, request.agencyId)}`,
      kind: 'duty',
      owner: 'agency',
      agencyId: request.agencyId,
      requestId,
      startedOn: request.requestedOn,
      dueOn,
      overdue: today > dueOn,
      workingDaysLeft,
    };
    const kind = reminderKind(deadline, today) ?? 'upcoming';
    const report: SweepReport = { cases: 1, sent: 0, alreadySent: 0, undelivered: 0, paused: false };
    const sent = await this.remindAgency(
      {
        key: '',
        caseId,
        ...(state.teamsChannel ? { channelId: state.teamsChannel.channelId } : {}),
        item: {
          reference: record.projection.reference,
          label: deadline.label,
          dueOn,
          workingDaysLeft,
          kind,
          ...this.linkTo(caseId, record.projection.reference),
        },
        deadline,
      },
      today,
      report,
    );
    return { sent };
  }

  /**
   * Issue 15: a reminder that went is recorded in the case's timeline, once (its id derived from the
   * reminder's claim). A reminder sent but not recorded is logged, never sent again.
   */
  private async recordSent(due: Due, to: 'spoc' | 'agency', via: ('teams' | 'email')[]): Promise<void> {
    if (via.length === 0) return;
    const key =
      due.key || `remind-now:${due.caseId}:${due.deadline.requestId}:${this.deps.now().toISOString()}`;
    const payload = {
      // The day it went, by the server's clock (the sweep's `today` is the day whose duties it reminds of).
      sentOn: this.deps.service.today(),
      label: due.item.label,
      kind: due.item.kind,
      to,
      ...(to === 'agency' && due.deadline.agencyId ? { agencyId: due.deadline.agencyId } : {}),
      via,
    };
    await this.deps.service
      .recordAsService(
        due.caseId,
        [{ id: stableUuid('reminder-sent', key), type: 'reminder-sent', payload }],
        REMINDER_SERVICE,
      )
      .catch((err: unknown) =>
        this.deps.log(`reminder for ${due.item.reference} sent but not recorded: ${(err as Error).name}`),
      );
  }

  private linkTo(caseId: string, reference: string): { url?: string } {
    return this.deps.links ? { url: this.deps.links.teams(caseId, `ASB case review ${reference}`) } : {};
  }

  /** The agency's members in personal chat; those the bot cannot reach are mentioned in the case channel. */
  private async remindAgency(due: Due, today: IsoDate, report: SweepReport): Promise<number> {
    const agencyId = due.deadline.agencyId!;
    const card =
      (await due.actionCard?.(true)) ??
      reminderCard(
        due.item,
        today,
        due.deadline.clock === 'action'
          ? 'Update the action on the case in the ASB Case Review tab.'
          : `Answer the return card in the ${due.item.reference} channel.`,
      );
    const summary = `Reminder: ${due.item.reference}`;
    let sent = 0;
    const unreached: Person[] = [];
    // Partners who work outside Teams (notify: email) are reminded by email, not here.
    const inTeams = this.deps.directory
      .membersOf(agencyId)
      .filter((p) => p.aadObjectId && p.notify !== 'email');
    for (const member of inTeams) {
      const result = await this.deliver(
        report,
        { kind: 'person', aadObjectId: member.aadObjectId! },
        { card, summary },
      );
      if (result === 'sent') sent++;
      else if (result === 'unreachable') unreached.push(member);
    }
    if (unreached.length > 0 && due.channelId && !report.paused) {
      const at = unreached.map((p) => `<at>${p.name}</at>`).join(', ');
      const result = await this.deliver(
        report,
        { kind: 'channel', channelId: due.channelId },
        {
          text: `${at}: a reminder for ${agencyName(this.deps.policy, agencyId)}.`,
          mentions: unreached.map((p) => ({ aadObjectId: p.aadObjectId!, name: p.name })),
          // The channel is wider than the agency: an action's card there does not name the action.
          card: (await due.actionCard?.(false)) ?? card,
          summary,
        },
      );
      if (result === 'sent') sent++;
    }
    const emailed = await this.emailAgency(due, today);
    await this.recordSent(due, 'agency', [
      ...(sent > 0 ? ['teams' as const] : []),
      ...(emailed ? ['email' as const] : []),
    ]);
    sent += emailed;
    if (sent === 0)
      this.deps.log(
        `reminder for ${due.item.reference} not delivered: no member of ${agencyId} could be reached`,
      );
    return sent;
  }

  /** Partners outside Teams: one email to the agency's email-notified members, never any case detail. */
  private async emailAgency(due: Due, today: IsoDate): Promise<number> {
    const { mailer, publicUrl } = this.deps;
    const requestId = due.deadline.requestId;
    if (!mailer || !publicUrl || !requestId) return 0;
    const to = this.deps.directory
      .membersOf(due.deadline.agencyId!)
      .filter((p) => p.notify === 'email' && p.email)
      .map((p) => p.email!);
    if (to.length === 0) return 0;
    const when =
      due.item.kind === 'overdue'
        ? `was due on ${due.item.dueOn} (${-workingDaysBetween(today, due.item.dueOn)} working days ago)`
        : due.item.kind === 'due-today'
          ? 'is due today'
          : due.item.kind === 'due-tomorrow'
            ? `is due tomorrow, ${due.item.dueOn}`
            : `is due on ${due.item.dueOn}`;
    await mailer.send({
      to,
      caseId: due.caseId,
      subject: `Reminder: return for ASB case review ${due.item.reference}`,
      text: [
        `Your agency's return for ASB case review ${due.item.reference} ${when}.`,
        '',
        "Please answer here (sign in with your organisation's account):",
        returnLink(publicUrl, due.caseId, requestId),
      ].join('\n'),
    });
    return 1;
  }

  /** The SPOC's duties of the day: one card, a digest when there are several. */
  private async remindSpoc(
    spocId: string,
    items: Due[],
    today: IsoDate,
    report: SweepReport,
  ): Promise<number> {
    const spoc = this.deps.directory.get(spocId);
    if (!spoc?.aadObjectId) {
      this.deps.log(`reminders for SPOC ${spocId} not delivered: no Teams identity in the directory`);
      return 0;
    }
    const card =
      items.length === 1
        ? reminderCard(items[0]!.item, today, 'Open the case in the ASB Case Review tab.')
        : digestCard(
            items.map((d) => d.item),
            today,
          );
    const result = await this.deliver(
      report,
      { kind: 'person', aadObjectId: spoc.aadObjectId },
      { card, summary: 'ASB case review deadlines' },
    );
    if (result === 'unreachable')
      this.deps.log(`reminders for SPOC ${spocId} not delivered: the app is not installed for them`);
    if (result === 'sent') for (const due of items) await this.recordSent(due, 'spoc', ['teams']);
    return result === 'sent' ? 1 : 0;
  }

  /**
   * Sends one message. The adapter has already retried 429s with backoff; when Teams still throttles, the
   * sweep pauses and tries the same message again, and after repeated pauses stops for this run.
   */
  private async deliver(
    report: SweepReport,
    to: Destination,
    message: OutgoingMessage,
  ): Promise<'sent' | 'unreachable' | 'failed'> {
    for (let pause = 1; !report.paused; pause++) {
      try {
        await this.deps.messenger.send(to, message);
        return 'sent';
      } catch (err) {
        if (err instanceof UnreachableError) return 'unreachable';
        if (!(err instanceof ThrottledError)) {
          this.deps.log(`reminder failed: ${(err as Error).name}: ${(err as Error).message}`);
          return 'failed';
        }
        if (pause > PAUSES) report.paused = true;
        else await this.sleep(Math.max(err.retryAfterMs, 5_000) * pause);
      }
    }
    return 'failed';
  }
}
