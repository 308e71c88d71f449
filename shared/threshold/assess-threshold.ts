import { compareDates, daysBetween, type IsoDate } from '../dates';
import { problemsOf, type ValidationProblem } from '../policy/policy';
import {
  standardExclusionGrounds,
  type ExclusionCode,
  type ExclusionGround,
  type Policy,
  type Window,
} from '../policy/policy-schema';
import { describeWindow, windowEnd } from '../policy/windows';
import { applicationSchema, type Application, type Incident, type Report } from './application-schema';

/**
 * The threshold test (s.104(4), s.104(11)) as advice for the SPOC, who confirms it. Every reason is a
 * sentence the SPOC sees and the "not met" letter (CT3) may quote, so each one carries its dates.
 */

export type ThresholdOutcome = 'met' | 'not-met' | 'ineligible';
export type ThresholdRoute = 'count' | 'hate' | 'community' | 'override';

export interface IncidentResult {
  id: string;
  /** A qualifying complaint under the count route. */
  qualifies: boolean;
  reasons: string[];
}

export interface ThresholdAssessment {
  outcome: ThresholdOutcome;
  /** How the threshold was met; absent unless `outcome` is "met". */
  route?: ThresholdRoute;
  qualifyingCount: number;
  /** The count route's number (policy.threshold.count.qualifyingComplaints). */
  required: number;
  /** In the application's order. */
  incidents: IncidentResult[];
  /** The outcome first, then eligibility, the count and each other route considered. */
  reasons: string[];
}

/** An application that failed validation; `problems` lists every one by its path. */
export class ApplicationError extends Error {
  constructor(readonly problems: ValidationProblem[]) {
    super(
      `The application is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  - ${p.path || '(application)'}: ${p.message}`).join('\n'),
    );
    this.name = 'ApplicationError';
  }
}

export type SafeAssessment =
  { success: true; assessment: ThresholdAssessment } | { success: false; problems: ValidationProblem[] };

/** Validates an application; throws an ApplicationError listing every problem by its path. */
export function parseApplication(input: unknown): Application {
  const result = applicationSchema.safeParse(input);
  if (!result.success) throw new ApplicationError(problemsOf(result.error));
  return result.data;
}

/**
 * Advises whether the threshold is met. `application` is validated first (an ApplicationError lists every
 * problem); `policy` must already be a parsed Policy. Pure: no clock, every date comes from the input.
 */
export function assessThreshold(application: unknown, policy: Policy): ThresholdAssessment {
  return assess(parseApplication(application), policy);
}

/** For the live preview while the SPOC types: never throws for invalid input, returns the problems instead. */
export function safeAssessThreshold(application: unknown, policy: Policy): SafeAssessment {
  const result = applicationSchema.safeParse(application);
  if (!result.success) return { success: false, problems: problemsOf(result.error) };
  return { success: true, assessment: assess(result.data, policy) };
}

const ROUTE_SUMMARY: Record<ThresholdRoute, string> = {
  count: 'The threshold is met by the number of qualifying complaints.',
  hate: 'The threshold is met by the hate incident route.',
  community: 'The threshold is met by the community route.',
  override: "The threshold is met by a senior manager's decision to safeguard a vulnerable victim.",
};

/** What one assessment shares: window ends are memoised, since many reports share a date. */
interface Context {
  policy: Policy;
  received: IsoDate;
  end(start: IsoDate, window: Window): IsoDate;
  agency(id: string): string;
}

function contextFor(policy: Policy, received: IsoDate): Context {
  const ends = new Map<Window, Map<IsoDate, IsoDate>>();
  const names = new Map(policy.agencies.map((a) => [a.id, a.name]));
  return {
    policy,
    received,
    end(start, window) {
      let byStart = ends.get(window);
      if (!byStart) ends.set(window, (byStart = new Map()));
      let end = byStart.get(start);
      if (end === undefined) byStart.set(start, (end = windowEnd(start, window)));
      return end;
    },
    agency: (id) => names.get(id) ?? id,
  };
}

interface IncidentFinding {
  result: IncidentResult;
  /** The latest report that counts and was made within the report window; later reports reach further forward. */
  latestInTime?: IsoDate;
  /** Reports that count and were made within the report window, for the community route. */
  inTime: Report[];
}

function assess(application: Application, policy: Policy): ThresholdAssessment {
  const { threshold } = policy;
  const received = application.receivedOn;
  const required = threshold.count.qualifyingComplaints;

  const ctx = contextFor(policy, received);
  const findings = application.incidents.map((incident) => examineIncident(incident, ctx));
  const qualifyingCount = findings.reduce((n, f) => n + (f.result.qualifies ? 1 : 0), 0);

  // Eligibility: each problem is its own reason, never a silent drop.
  const ineligible: string[] = [];
  const notes: string[] = [];
  if (application.applicant.anonymous)
    ineligible.push(
      'The applicant wishes to remain anonymous; a case review cannot go ahead on an anonymous application.',
    );
  if (application.applicant.relationship === 'third-party' && !application.applicant.consentGiven)
    ineligible.push(
      "The application was made by a third party without the victim's consent; a third party may apply only with the victim's consent.",
    );
  // The council's own grounds, in its own words (the CT3 letter quotes these reasons).
  for (const id of new Set(application.exclusions ?? [])) {
    const ground = policy.exclusions.find((g) => g.id === id);
    const known = standardExclusionGrounds[id as ExclusionCode] as ExclusionGround | undefined;
    if (ground) ineligible.push(ground.letterText);
    else
      notes.push(
        `The application is marked "${known?.label ?? id}", but ${policy.council}'s policy does not exclude such applications, so it is not treated as ineligible.`,
      );
  }

  // The count route is always evaluated and wins when met (s.104(4)); the others only add ways in.
  const met: ThresholdRoute[] = [];
  const routeReasons: string[] = [countSentence(qualifyingCount, findings.length, required)];
  if (qualifyingCount >= required) met.push('count');

  const inTime = describeWindow(threshold.reportWindow);
  if (threshold.hate.enabled) {
    const lookBack = threshold.hate.lookBack;
    const hateIncidents = application.incidents.filter((i) => i.hate === true).length;
    const n = findings.filter(
      (f, i) =>
        application.incidents[i]!.hate === true &&
        f.latestInTime !== undefined &&
        compareDates(received, ctx.end(f.latestInTime, lookBack)) <= 0,
    ).length;
    const needed = threshold.hate.incidents;
    if (n >= needed) met.push('hate');
    routeReasons.push(
      hateIncidents === 0
        ? 'The hate incident route is not met: no incident is marked as a hate incident or crime.'
        : `The hate incident route is ${n >= needed ? 'met' : 'not met'}: ${n} hate incident${n === 1 ? ' was' : 's were'} reported within ${inTime} of happening and no more than ${describeWindow(lookBack)} before the application (the route needs ${needed}).`,
    );
  }

  if (threshold.community.enabled && application.victim.kind === 'community-group') {
    const lookBack = threshold.community.lookBack;
    const reporters = new Set<string>();
    for (const f of findings)
      for (const report of f.inTime)
        if (report.reportedBy && compareDates(received, ctx.end(report.reportedOn, lookBack)) <= 0)
          reporters.add(report.reportedBy);
    const needed = threshold.community.reporters;
    if (reporters.size >= needed) met.push('community');
    routeReasons.push(
      `The community route is ${reporters.size >= needed ? 'met' : 'not met'}: ${reporters.size} different individual${reporters.size === 1 ? ' or household' : 's or households'} reported incidents within ${inTime} of them and no more than ${describeWindow(lookBack)} before the application (the route needs ${needed}).`,
    );
  }

  const override = application.seniorManagerOverride;
  if (override) {
    if (!threshold.seniorManagerOverride.enabled)
      routeReasons.push(
        `A senior manager's override was recorded (${override.by}, ${override.role}), but this policy does not provide for one, so it was not applied.`,
      );
    else if (!application.victim.vulnerable)
      routeReasons.push(
        `A senior manager's override was recorded (${override.by}, ${override.role}), but the victim is not marked as vulnerable, so it was not applied: the override is only to safeguard a vulnerable victim.`,
      );
    else {
      met.push('override');
      const roles = threshold.seniorManagerOverride.eligibleRoles;
      routeReasons.push(
        `A senior manager (${override.by}, ${override.role}) decided that a case review is needed to safeguard a vulnerable victim: ${sentence(override.reason)}` +
          (roles.length > 0 ? ` Confirm that this role is one the policy allows: ${roles.join('; ')}.` : ''),
      );
    }
  }

  const route = met[0];
  const outcome: ThresholdOutcome = ineligible.length > 0 ? 'ineligible' : route ? 'met' : 'not-met';
  const summary =
    outcome === 'ineligible'
      ? 'The application is not eligible for a case review; the incident results are for information only.'
      : outcome === 'met'
        ? ROUTE_SUMMARY[route!]
        : 'The threshold is not met on the information given.';

  return {
    outcome,
    ...(outcome === 'met' ? { route } : {}),
    qualifyingCount,
    required,
    incidents: findings.map((f) => f.result),
    reasons: [summary, ...ineligible, ...routeReasons, ...notes],
  };
}

function examineIncident(incident: Incident, ctx: Context): IncidentFinding {
  const { received } = ctx;
  const { reportWindow, lookBack, diarySheetsCount } = ctx.policy.threshold;
  const reportBy = ctx.end(incident.occurredOn, reportWindow);
  const window = describeWindow(reportWindow);
  const reports = [...incident.reports].sort(
    (a, b) =>
      compareDates(a.reportedOn, b.reportedOn) || (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0),
  );

  if (reports.length === 0)
    return {
      result: {
        id: incident.id,
        qualifies: false,
        reasons: ['No report of this incident has been recorded, so it cannot count.'],
      },
      inTime: [],
    };

  const inTime: Report[] = [];
  const failures: string[] = [];
  let qualifying: { report: Report; reasons: string[] } | undefined;

  for (const report of reports) {
    const what = report.kind === 'diary-sheet' ? 'Diary sheet given to' : 'Reported to';
    const lead = `${what} ${ctx.agency(report.agency)} on ${report.reportedOn}`;
    if (report.kind === 'diary-sheet' && !diarySheetsCount) {
      failures.push(`${lead}: this policy does not count diary sheets as reports.`);
      continue;
    }
    const after = delay(daysBetween(incident.occurredOn, report.reportedOn));
    if (compareDates(report.reportedOn, reportBy) > 0) {
      failures.push(
        `${lead}, ${after}: too late, as a report must be made within ${window} of the incident (by ${reportBy}).`,
      );
      continue;
    }
    inTime.push(report);
    const timely = `${lead}, ${after} (within ${window}).`;
    const applyBy = ctx.end(report.reportedOn, lookBack);
    if (compareDates(received, applyBy) > 0) {
      failures.push(
        timely,
        `The application was received on ${received}, more than ${describeWindow(lookBack)} after the report of ${report.reportedOn} (the last day was ${applyBy}).`,
      );
      continue;
    }
    // The earliest report meeting both limits is the one quoted; one is enough.
    qualifying ??= {
      report,
      reasons: [
        timely,
        `The application was received on ${received}, within ${describeWindow(lookBack)} of the report of ${report.reportedOn}.`,
      ],
    };
  }

  const latestInTime = inTime.at(-1)?.reportedOn;
  if (qualifying) {
    const chosen = qualifying.report;
    const others = reports.filter((r) => r !== chosen);
    const reasons = [...qualifying.reasons];
    if (others.length > 0)
      reasons.push(
        `It was also reported to ${listAnd(others.map((r) => `${ctx.agency(r.agency)} (${r.kind === 'diary-sheet' ? 'diary sheet, ' : ''}${r.reportedOn})`))}; an incident counts once, however many agencies it was reported to.`,
      );
    return { result: { id: incident.id, qualifies: true, reasons }, latestInTime, inTime };
  }
  if (reports.length > 1) failures.push('None of its reports meets both time limits, so it does not count.');
  return { result: { id: incident.id, qualifies: false, reasons: failures }, latestInTime, inTime };
}

function countSentence(qualifying: number, total: number, required: number): string {
  const needs = `the policy needs ${required}`;
  if (total === 0)
    return `No incidents have been recorded; ${needs} qualifying complaint${required === 1 ? '' : 's'}.`;
  const counts =
    total === 1
      ? `The one incident ${qualifying === 1 ? 'counts' : 'does not count'} as a qualifying complaint`
      : `${qualifying} of the ${total} incidents ${qualifying === 1 ? 'counts as a qualifying complaint' : 'count as qualifying complaints'}`;
  return `${counts}; ${needs}${qualifying >= required ? ', so the count is met' : ''}.`;
}

function delay(days: number): string {
  return days === 0 ? 'the day of the incident' : `${days} day${days === 1 ? '' : 's'} after the incident`;
}

function listAnd(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

/** Free text ending as a sentence, so reasons read cleanly when joined. */
function sentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
