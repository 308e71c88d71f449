import type { IsoDate } from '../../../shared/dates';
import { getPolicy } from '../../../shared/policy/policy';
import type { Policy } from '../../../shared/policy/policy-schema';
import type { ApplicationInput, ThresholdAssessment } from '../../../shared/threshold';

type ReportInput = ApplicationInput['incidents'][number]['reports'][number];
type IncidentInput = ApplicationInput['incidents'][number];

/** A report (kind "report" unless `extra` says otherwise). */
export function report(agency: string, reportedOn: IsoDate, extra: Partial<ReportInput> = {}): ReportInput {
  return { agency, reportedOn, kind: 'report', ...extra };
}

export function incident(
  id: string,
  occurredOn: IsoDate,
  reports: ReportInput[],
  extra: Partial<IncidentInput> = {},
): IncidentInput {
  return { id, occurredOn, reports, ...extra };
}

/** A victim's own, eligible application; override any part. */
export function application(
  receivedOn: IsoDate,
  incidents: IncidentInput[],
  extra: Partial<ApplicationInput> = {},
): ApplicationInput {
  return {
    receivedOn,
    applicant: { relationship: 'victim', consentGiven: true, anonymous: false },
    victim: { kind: 'individual', vulnerable: false },
    incidents,
    ...extra,
  };
}

/** A preset with changes to its threshold, as a council would configure it. */
export function withThreshold(id: string, change: (threshold: Policy['threshold']) => void): Policy {
  const policy = getPolicy(id);
  change(policy.threshold);
  return policy;
}

export const hatePolicy = withThreshold('statutory', (t) => {
  t.hate = { enabled: true, incidents: 1, lookBack: { amount: 3, unit: 'calendar-months' } };
});

export const communityPolicy = withThreshold('statutory', (t) => {
  t.community = { enabled: true, reporters: 5, lookBack: { amount: 6, unit: 'calendar-months' } };
});

export const statutory = getPolicy('statutory');
export const eastHerts = getPolicy('east-herts');
export const erewash = getPolicy('erewash');

/** Three incidents, each reported in time, all within six months of an application on 2026-04-01. */
export const threeInTime: IncidentInput[] = [
  incident('1', '2026-01-10', [report('police', '2026-01-11')]),
  incident('2', '2026-02-10', [report('council', '2026-02-12')]),
  incident('3', '2026-03-10', [report('housing', '2026-03-10')]),
];

/** The one incident assessed (and that there is exactly one). */
export function only(result: ThresholdAssessment) {
  expect(result.incidents).toHaveLength(1);
  return result.incidents[0]!;
}
