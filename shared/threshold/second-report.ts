import { assertIsoDate, compareDates, type IsoDate } from '../dates';
import type { Policy } from '../policy/policy-schema';
import { describeWindow, windowEnd } from '../policy/windows';
import { dateInWords } from '../words';
import type { Incident } from './application-schema';

/**
 * The July 2025 statutory guidance: explain the case review to every victim who makes a second report
 * within six months, whether or not they meet the threshold. This says when that prompt applies.
 */

export interface PromptReport {
  reportedOn: IsoDate;
  /**
   * The incident reported. Reports of one incident (to several agencies, or again later) are one report
   * here, dated by the first. Without an id, reports on the same day are taken as one incident reported to
   * several agencies, and reports on different days as different incidents.
   */
  incidentId?: string;
  /** Diary sheets are reports here only where the policy counts them for the threshold. */
  kind?: 'report' | 'diary-sheet';
}

export interface SecondReportPrompt {
  applies: boolean;
  /** The date of the second report, made within the policy's window of an earlier one. */
  from?: IsoDate;
  /** The earlier report it followed. */
  after?: IsoDate;
  reason: string;
}

/**
 * Whether staff should explain the case review to this victim, given their reports so far (or an
 * application's incidents). Reports dated after `today` are ignored, since they cannot have been made yet.
 * When several pairs qualify, `from` is the earliest second report: the explanation has been owed since then.
 */
export function secondReportPrompt(
  reports: readonly PromptReport[] | { readonly incidents: readonly Incident[] },
  policy: Policy,
  today: IsoDate,
): SecondReportPrompt {
  assertIsoDate(today);
  const { enabled, within } = policy.secondReportPrompt;
  if (!enabled)
    return {
      applies: false,
      reason:
        'This policy does not ask staff to explain the case review when a victim reports a second time.',
    };

  const list: readonly PromptReport[] = isReportList(reports)
    ? reports
    : reports.incidents.flatMap((incident) =>
        incident.reports.map((r) => ({ reportedOn: r.reportedOn, kind: r.kind, incidentId: incident.id })),
      );

  // The first report of each distinct incident.
  const firstOf = new Map<string, IsoDate>();
  for (const report of list) {
    assertIsoDate(report.reportedOn);
    if (compareDates(report.reportedOn, today) > 0) continue;
    if (report.kind === 'diary-sheet' && !policy.threshold.diarySheetsCount) continue;
    const key =
      report.incidentId !== undefined ? `incident:${report.incidentId}` : `day:${report.reportedOn}`;
    const seen = firstOf.get(key);
    if (seen === undefined || compareDates(report.reportedOn, seen) < 0) firstOf.set(key, report.reportedOn);
  }
  const dates = [...firstOf.values()].sort(compareDates);
  const span = describeWindow(within);

  // Sorted, so the nearest earlier report is the one most likely to be within the window.
  for (let i = 1; i < dates.length; i++) {
    const earlier = dates[i - 1]!;
    const second = dates[i]!;
    if (compareDates(second, windowEnd(earlier, within)) <= 0)
      return {
        applies: true,
        from: second,
        after: earlier,
        reason: `The victim reported again on ${dateInWords(second)}, within ${span} of their report of ${dateInWords(earlier)}: explain the ASB case review to them, whether or not they meet the threshold.`,
      };
  }

  const last = dates.at(-1);
  if (last === undefined)
    return { applies: false, reason: 'No report has been recorded yet, so there is no second report.' };
  const by = windowEnd(last, within);
  const watch =
    compareDates(today, by) <= 0
      ? ` If the victim reports again by ${by}, explain the ASB case review to them.`
      : '';
  return {
    applies: false,
    reason:
      (dates.length === 1
        ? `Only one report has been recorded (${last}).`
        : `No report followed an earlier one within ${span}; the latest report was on ${last}.`) + watch,
  };
}

function isReportList(
  value: readonly PromptReport[] | { readonly incidents: readonly Incident[] },
): value is readonly PromptReport[] {
  return Array.isArray(value);
}
