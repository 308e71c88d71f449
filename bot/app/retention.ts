/**
 * Retention and legal hold, as a person runs them (UK GDPR Art 5(1)(e), storage limitation): a closed case
 * is kept for the policy's `retention.yearsAfterClosure` and purged the day after, unless a manager has put
 * it on legal hold. A daily sweep (one instance a day, claimed in the store) purges what is due, keeping
 * a record without personal data that the statistics still count; a week before a case goes, its SPOC and
 * the managers are told in chat; anyone allowed can read the dry run of what the next sweeps will purge.
 */
import { addDays, addMonths, type IsoDate } from '../../shared';
import type { Person, RetentionReport, UpcomingPurge } from '../api/contract';
import { reminderCard } from '../cards/reminder-cards';
import { UnreachableError, type Messenger } from '../ports/messenger';
import type { CaseEvent as StoredEvent, CaseLog, CaseProjection, JsonObject } from '../store/case-log';
import type { PurgeRecord, Purges } from '../store/purges';
import type { ReminderClaims } from '../store/reminder-claims';

export type { RetentionReport, UpcomingPurge };
import { LEGAL_HOLD_RELEASED, LEGAL_HOLD_SET } from '../store/projection';
import { isManager, may } from './access-policy';
import type { CaseService } from './case-service';
import type { Directory } from './directory';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors';
import { stableUuid } from './stable-uuid';

/** The service identity the scheduled sweep records purges under. */
export const RETENTION_SWEEP = 'retention-sweep';
/** Days of warning before a case is purged. */
export const NOTICE_DAYS = 7;

export interface RetentionDeps {
  cases: Pick<CaseLog, 'getCase' | 'listCases'>;
  claims: ReminderClaims;
  purges: Purges;
  service: CaseService;
  directory: Directory;
  messenger?: Messenger;
  /** The non-personal facts kept for the statistics when a case is purged. */
  summarize: (events: readonly StoredEvent[]) => JsonObject;
  log: (message: string) => void;
}

/** The day a case closed on `closedOn` is first purged: the day after its retention period ends. */
export function purgeDate(closedOn: IsoDate, years: number): IsoDate {
  return addDays(addMonths(closedOn, 12 * years), 1);
}

export class Retention {
  constructor(private readonly deps: RetentionDeps) {}

  private get years(): number {
    return this.deps.service.policy.retention.yearsAfterClosure;
  }

  /** Every closed case with the day it goes (the dry run), and the purge log. Officers only. */
  async report(by: Person): Promise<RetentionReport> {
    if (!may.seeEveryCase(by)) throw new ForbiddenError('Only a SPOC or manager sees the retention report.');
    const closed = await this.closedCases();
    const upcoming = closed
      .map((c) => this.upcoming(c))
      .sort((a, b) => a.purgeOn.localeCompare(b.purgeOn) || a.reference.localeCompare(b.reference));
    const purged = (await this.deps.purges.purgeLog()).map(({ facts: _facts, ...r }) => r);
    return { today: this.deps.service.today(), retentionYears: this.years, upcoming, purged };
  }

  /**
   * Purges what is due on `today` (claimed once per day across instances unless `force`), as `by`.
   * Returns what it purged.
   */
  async sweep(today: IsoDate, options: { by?: string; force?: boolean } = {}): Promise<PurgeRecord[]> {
    if (!options.force && !(await this.deps.claims.claimReminder(`retention-sweep:${today}`))) return [];
    const purged = await this.deps.purges.purgeExpired({
      today,
      retentionYears: this.years,
      by: options.by ?? RETENTION_SWEEP,
      summarize: this.deps.summarize,
    });
    if (purged.length) this.deps.log(`retention sweep purged ${purged.length} case(s)`);
    return purged;
  }

  /** A manager's "run now": the same sweep, recorded under their name. */
  async runNow(by: Person): Promise<PurgeRecord[]> {
    if (!isManager(by)) throw new ForbiddenError('Only a manager runs the retention sweep.');
    return this.sweep(this.deps.service.today(), { by: by.id, force: true });
  }

  /**
   * Tells each case's SPOC and the managers, a week before, that it will be purged (once per case and
   * purge date, across instances). Cases on hold are not mentioned: they are not going.
   */
  async notifyUpcoming(today: IsoDate): Promise<number> {
    const messenger = this.deps.messenger;
    if (!messenger) return 0;
    const soon = (await this.closedCases())
      .map((c) => this.upcoming(c))
      .filter((u) => !u.legalHold && u.purgeOn <= addDays(today, NOTICE_DAYS) && u.purgeOn > today);
    let sent = 0;
    for (const u of soon) {
      if (!(await this.deps.claims.claimReminder(`retention-notice:${u.caseId}:${u.purgeOn}`))) continue;
      const people = new Map<string, Person>();
      const spoc = u.spoc ? this.deps.directory.get(u.spoc) : undefined;
      if (spoc) people.set(spoc.id, spoc);
      for (const p of this.deps.directory.people) if (isManager(p)) people.set(p.id, p);
      for (const p of people.values()) {
        if (!p.aadObjectId) continue;
        const card = reminderCard(
          {
            reference: u.reference,
            label: `Purged under the retention policy (${this.years} years after closure); a manager can put it on legal hold`,
            dueOn: u.purgeOn,
            workingDaysLeft: 0,
            kind: 'upcoming',
          },
          today,
          `Closed ${u.closedOn}. Open the case in the ASB Case Review tab to set a legal hold if it must be kept.`,
        );
        try {
          await messenger.send(
            { kind: 'person', aadObjectId: p.aadObjectId },
            { card, summary: `${u.reference} will be purged` },
          );
          sent++;
        } catch (err) {
          if (!(err instanceof UnreachableError)) throw err;
        }
      }
    }
    return sent;
  }

  /** Sets or releases a legal hold, with a reason; managers only; audited in the case's log. */
  async setLegalHold(
    caseId: string,
    input: { on: boolean; reason: string; requestId: string },
    by: Person,
  ): Promise<{ legalHold: boolean; alreadyRecorded: boolean }> {
    if (!isManager(by)) throw new ForbiddenError('Only a manager sets or releases a legal hold.');
    const record = await this.deps.cases.getCase(caseId);
    if (!record) throw new NotFoundError(`There is no case ${caseId}.`);
    const id = stableUuid('legal-hold', caseId, input.requestId);
    const retried = record.events.some((e) => e.id === id);
    if (!retried && record.projection.legalHold === input.on)
      throw new InvalidInputError(
        input.on ? 'This case is already on legal hold.' : 'This case is not on legal hold.',
        [{ path: 'on', message: input.on ? 'already on hold' : 'not on hold' }],
      );
    const recorded = await this.deps.service.recordEvent(
      caseId,
      { id, type: input.on ? LEGAL_HOLD_SET : LEGAL_HOLD_RELEASED, payload: { reason: input.reason } },
      by,
    );
    return { legalHold: input.on, alreadyRecorded: recorded.alreadyRecorded };
  }

  private upcoming(c: CaseProjection): UpcomingPurge {
    const closedOn = c.closedOn!;
    return {
      caseId: c.caseId,
      reference: c.reference,
      title: c.title,
      spoc: c.spoc,
      closedOn,
      purgeOn: purgeDate(closedOn, this.years),
      legalHold: c.legalHold,
    };
  }

  private async closedCases(): Promise<CaseProjection[]> {
    const out: CaseProjection[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.cases.listCases({
        state: 'closed',
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      out.push(...page.items.filter((c) => c.closedOn));
      cursor = page.next ?? undefined;
    } while (cursor);
    return out;
  }
}
