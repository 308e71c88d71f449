/**
 * The bot's commands in personal chat: `help`, `my cases`, `due`, `open case <reference>`. Parsing and the
 * answers are pure; the data comes through `CommandDeps` (the service and case log in the server, fakes in
 * tests), so this module knows nothing of Teams.
 */
import {
  agencyName,
  deadlines,
  workingDaysBetween,
  type CaseState,
  type Deadline,
  type IsoDate,
  type Policy,
} from '../../shared';
import type { CaseListPage, CaseListQuery, Person } from '../api/contract';
import { caseListCard, dueCard, helpCard, type DueLine } from '../cards/command-cards';
import type { CardJson } from '../ports/messenger';
import type { AgencyRequest, CaseLog } from '../store/case-log';
import type { CaseService } from './case-service';
import { ForbiddenError, NotFoundError } from './errors';
import { isOfficer } from './access-policy';

export type Command =
  | { kind: 'help' }
  | { kind: 'my-cases' }
  | { kind: 'due' }
  | { kind: 'open-case'; reference: string }
  | { kind: 'unknown'; text: string };

/** What the person typed (the bot's @mention already removed), as a command. Forgiving of case and spacing. */
export function parseCommand(text: string): Command {
  const t = text
    .replace(/<at>.*?<\/at>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .trim()
    .replace(/\s+/g, ' ');
  const lower = t.toLowerCase().replace(/[.!?]+$/, '');
  if (lower === '' || lower === 'help' || lower === '?' || lower === 'hi' || lower === 'hello')
    return { kind: 'help' };
  if (/^(my )?cases$/.test(lower) || lower === 'my case') return { kind: 'my-cases' };
  if (/^(what'?s |what is )?due( now| today)?$/.test(lower) || lower === 'what do i owe')
    return { kind: 'due' };
  const open = /^open(?: case)?\s+(.+)$/i.exec(t);
  if (open) return { kind: 'open-case', reference: open[1]!.trim() };
  return { kind: 'unknown', text: t.slice(0, 100) };
}

export type Reply = { card: CardJson } | { text: string };

export interface CommandDeps {
  today(): IsoDate;
  policy: Policy;
  listCases(query: CaseListQuery, by: Person): Promise<CaseListPage>;
  /** The SPOC's running duties on their open cases, soonest first. */
  spocDuties(by: Person): Promise<DueLine[]>;
  /** The agency's requests still to answer, soonest first, with each case's reference. */
  agencyRequests(agencyId: string): Promise<(AgencyRequest & { reference: string })[]>;
  /** The actions the agency owns that are still open or in progress, on its open cases (issue 15). */
  agencyActions(agencyId: string): Promise<{ reference: string; description: string; dueOn: IsoDate }[]>;
  openCase(reference: string, by: Person): Promise<string>;
}

const roleOf = (p: Person): 'spoc' | 'agency' | 'other' =>
  isOfficer(p) ? 'spoc' : p.agencyId ? 'agency' : 'other';

export async function answerCommand(command: Command, by: Person, deps: CommandDeps): Promise<Reply> {
  const today = deps.today();
  switch (command.kind) {
    case 'help':
      return { card: helpCard(roleOf(by)) };
    case 'unknown':
      return { text: `I did not understand "${command.text}". Type **help** to see what I can do.` };
    case 'my-cases': {
      const spoc = isOfficer(by);
      const page = await deps.listCases(
        { status: 'open', limit: 20, ...(spoc ? { spoc: by.id } : {}) } as CaseListQuery,
        by,
      );
      // Name the step, not "next deadline": the SPOC's duties say what is due on each case (issue 15).
      const duties = spoc ? await deps.spocDuties(by) : [];
      const stepOf = (reference: string, dueOn: string) =>
        duties.find((d) => d.reference === reference && d.dueOn === dueOn)?.label ??
        duties.find((d) => d.reference === reference)?.label;
      const heading = spoc
        ? 'Your open cases'
        : `Open cases ${agencyName(deps.policy, by.agencyId ?? '')} is on`;
      return {
        card: caseListCard(
          heading,
          page.items.map((c) => ({
            reference: c.reference,
            ...(c.title ? { title: c.title } : {}),
            status: c.status,
            ...(c.nextDeadline
              ? {
                  next: {
                    label: stepOf(c.reference, c.nextDeadline.dueOn) ?? 'Next deadline',
                    dueOn: c.nextDeadline.dueOn,
                    workingDaysLeft: c.nextDeadline.workingDaysLeft,
                    overdue: c.nextDeadline.overdue,
                  },
                }
              : {}),
          })),
          today,
          !!page.nextCursor,
        ),
      };
    }
    case 'due': {
      if (isOfficer(by)) return { card: dueCard('Your running deadlines', await deps.spocDuties(by), today) };
      if (!by.agencyId)
        return { text: 'Nothing is due from you: you are not a member of an agency on any case.' };
      const [requests, actions] = await Promise.all([
        deps.agencyRequests(by.agencyId),
        deps.agencyActions(by.agencyId),
      ]);
      const name = agencyName(deps.policy, by.agencyId);
      const line = (reference: string, label: string, dueOn: IsoDate): DueLine => ({
        reference,
        label,
        dueOn,
        workingDaysLeft: workingDaysBetween(today, dueOn),
        overdue: dueOn < today,
      });
      const lines = [
        ...requests.map((r) => line(r.reference, `Return from ${name}`, r.dueOn)),
        ...actions.map((a) => line(a.reference, `Action: ${a.description}`, a.dueOn)),
      ].sort(byDueOn);
      return { card: dueCard(`Returns and actions ${name} owes`, lines, today) };
    }
    case 'open-case':
      try {
        return { text: await deps.openCase(command.reference, by) };
      } catch (err) {
        if (err instanceof ForbiddenError || err instanceof NotFoundError) return { text: err.message };
        throw err;
      }
  }
}

/** The duties a SPOC owns on a case today (not the applicant's windows, not agencies' returns). */
export function spocDutiesOf(reference: string, list: readonly Deadline[]): DueLine[] {
  return list
    .filter((d) => d.kind === 'duty' && (d.owner === 'spoc' || d.owner === 'appeal-hearer'))
    .map((d) => ({
      reference,
      label: d.label,
      dueOn: d.dueOn,
      workingDaysLeft: d.workingDaysLeft,
      overdue: d.overdue,
    }));
}

/** The server's CommandDeps: the use cases and the case log, read as the person asking. */
export function commandDeps(
  service: CaseService,
  cases: CaseLog,
  openCase: (reference: string, by: Person) => Promise<string>,
): CommandDeps {
  return {
    today: () => service.today(),
    policy: service.policy,
    listCases: (query, by) => service.listCases(query, by),
    openCase,
    async spocDuties(by) {
      const lines = await fromOpenCases(service, cases, { spoc: by.id }, (reference, state) =>
        spocDutiesOf(reference, deadlines(state, service.policy, service.today())),
      );
      return lines.sort(byDueOn);
    },
    async agencyRequests(agencyId) {
      const page = await cases.agencyRequests(agencyId, { outstandingOnly: true, limit: 50 });
      const out: (AgencyRequest & { reference: string })[] = [];
      for (const r of page.items) {
        const record = await cases.getCase(r.caseId);
        if (record && !record.projection.closedOn) out.push({ ...r, reference: record.projection.reference });
      }
      return out;
    },
    agencyActions: (agencyId) =>
      fromOpenCases(service, cases, { agencyId }, (reference, state) =>
        state.actions
          .filter((a) => a.ownerAgency === agencyId && (a.status === 'open' || a.status === 'in-progress'))
          .map((a) => ({ reference, description: a.description, dueOn: a.dueOn })),
      ),
  };
}

const byDueOn = (a: { dueOn: IsoDate }, b: { dueOn: IsoDate }) =>
  a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0;

/** Lines from each open case a listing holds (a SPOC's, or an agency's), read page by page; 200 at most. */
async function fromOpenCases<T>(
  service: CaseService,
  cases: CaseLog,
  filter: { spoc?: string; agencyId?: string },
  linesOf: (reference: string, state: CaseState) => T[],
): Promise<T[]> {
  const lines: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await cases.listCases({
      state: 'open',
      ...filter,
      limit: 100,
      ...(cursor ? { cursor } : {}),
    });
    for (const p of page.items) {
      const record = await cases.getCase(p.caseId);
      if (record) lines.push(...linesOf(p.reference, service.reduce(record)));
    }
    cursor = page.next ?? undefined;
  } while (cursor && lines.length < 200);
  return lines;
}
