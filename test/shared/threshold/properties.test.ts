import fc from 'fast-check';
import { addDays, compareDates } from '../../../shared/dates';
import { getPolicy } from '../../../shared/policy/policy';
import type { Policy } from '../../../shared/policy/policy-schema';
import { windowEnd } from '../../../shared/policy/windows';
import {
  assessThreshold,
  parseApplication,
  safeAssessThreshold,
  type ApplicationInput,
} from '../../../shared/threshold';
import { communityPolicy, hatePolicy } from './fixtures';

type IncidentInput = ApplicationInput['incidents'][number];

const policies: [string, Policy][] = [
  ['statutory', getPolicy('statutory')],
  ['east-herts', getPolicy('east-herts')],
  ['erewash', getPolicy('erewash')],
  ['hate', hatePolicy],
  ['community', communityPolicy],
];
const policy = fc.constantFrom(...policies);

const received = fc.integer({ min: 0, max: 900 }).map((n) => addDays('2024-06-01', n));
const agencies = ['council', 'police', 'ehc', 'herts-police', 'erewash-bc', 'housing', 'other'];

/** An incident up to 300 days before `receivedOn`, with reports from the day itself to 60 days after. */
function incidentFor(receivedOn: string): fc.Arbitrary<IncidentInput> {
  return fc
    .record({
      daysBefore: fc.integer({ min: 0, max: 300 }),
      hate: fc.option(fc.boolean(), { nil: undefined }),
      reports: fc.array(
        fc.record({
          after: fc.integer({ min: 0, max: 60 }),
          agency: fc.constantFrom(...agencies),
          kind: fc.constantFrom('report' as const, 'diary-sheet' as const),
          reportedBy: fc.option(fc.constantFrom('H-1', 'H-2', 'H-3', 'H-4', 'H-5', 'H-6'), {
            nil: undefined,
          }),
        }),
        { maxLength: 4 },
      ),
    })
    .map(({ daysBefore, hate, reports }) => {
      const occurredOn = addDays(receivedOn, -daysBefore);
      return {
        id: '', // numbered by the caller, so ids are unique
        occurredOn,
        ...(hate === undefined ? {} : { hate }),
        reports: reports.map(({ after, agency, kind, reportedBy }) => {
          const reportedOn = addDays(occurredOn, after);
          return {
            agency,
            kind,
            // Never after the application was received (the schema rejects that).
            reportedOn: compareDates(reportedOn, receivedOn) > 0 ? receivedOn : reportedOn,
            ...(reportedBy === undefined ? {} : { reportedBy }),
          };
        }),
      };
    });
}

const applicationArb: fc.Arbitrary<ApplicationInput> = received.chain((receivedOn) =>
  fc.record({
    receivedOn: fc.constant(receivedOn),
    applicant: fc.record({
      relationship: fc.constantFrom('victim' as const, 'third-party' as const),
      consentGiven: fc.boolean(),
      anonymous: fc.integer({ min: 0, max: 9 }).map((n) => n === 0), // mostly eligible
    }),
    victim: fc.record({
      kind: fc.constantFrom('individual' as const, 'business' as const, 'community-group' as const),
      vulnerable: fc.boolean(),
    }),
    incidents: fc
      .array(incidentFor(receivedOn), { maxLength: 8 })
      .map((list) => list.map((incident, i) => ({ ...incident, id: `i${i}` }))),
    exclusions: fc.option(fc.subarray(['cps-decision', 'vexatious'] as const), { nil: undefined }),
    seniorManagerOverride: fc.option(
      fc.constant({ by: 'A Manager', role: 'Community Safety Manager', reason: 'Safeguarding' }),
      { nil: undefined },
    ),
  }),
);

/** Incidents that cannot qualify, built so by construction (and checked). */
function nonQualifying(receivedOn: string): fc.Arbitrary<IncidentInput> {
  return fc.oneof(
    // No report yet.
    fc
      .integer({ min: 0, max: 300 })
      .map((d) => ({ id: 'extra', occurredOn: addDays(receivedOn, -d), reports: [] })),
    // Reported more than a month (and more than 30 days) after it happened.
    fc
      .record({ d: fc.integer({ min: 70, max: 300 }), late: fc.integer({ min: 32, max: 60 }) })
      .map(({ d, late }) => ({
        id: 'extra',
        occurredOn: addDays(receivedOn, -d),
        reports: [{ agency: 'police', kind: 'report' as const, reportedOn: addDays(receivedOn, -d + late) }],
      })),
    // Reported promptly, but more than six months before the application.
    fc.integer({ min: 200, max: 400 }).map((d) => ({
      id: 'extra',
      occurredOn: addDays(receivedOn, -d),
      reports: [{ agency: 'council', kind: 'report' as const, reportedOn: addDays(receivedOn, -d + 1) }],
    })),
  );
}

describe('threshold properties', () => {
  test('adding a non-qualifying incident never turns met into not-met', () => {
    fc.assert(
      fc.property(
        policy,
        applicationArb.chain((app) => fc.tuple(fc.constant(app), nonQualifying(app.receivedOn))),
        ([, p], [app, extra]) => {
          const before = assessThreshold(app, p);
          const after = assessThreshold({ ...app, incidents: [...app.incidents, extra] }, p);
          expect(after.incidents.at(-1)!.qualifies).toBe(false);
          expect(after.qualifyingCount).toBe(before.qualifyingCount);
          if (before.outcome === 'met') expect(after.outcome).toBe('met');
          if (before.route === 'count') expect(after.route).toBe('count');
        },
      ),
    );
  });

  test('met by count exactly when qualifyingCount >= required (eligible applications)', () => {
    fc.assert(
      fc.property(policy, applicationArb, ([, p], app) => {
        const result = assessThreshold(app, p);
        expect(result.required).toBe(p.threshold.count.qualifyingComplaints);
        if (result.outcome === 'ineligible') {
          expect(result.route).toBeUndefined();
          return;
        }
        expect(result.outcome === 'met' && result.route === 'count').toBe(
          result.qualifyingCount >= result.required,
        );
        expect(result.route !== undefined).toBe(result.outcome === 'met');
      }),
    );
  });

  test('duplicating a report to another agency never changes qualifyingCount', () => {
    fc.assert(
      fc.property(
        policy,
        applicationArb.filter((a) => a.incidents.some((i) => i.reports.length > 0 && i.reports.length < 20)),
        fc.nat(),
        fc.constantFrom(...agencies, 'fire-service'),
        ([, p], app, pick, agency) => {
          const withReports = app.incidents.filter((i) => i.reports.length > 0);
          const target = withReports[pick % withReports.length]!;
          const copy = { ...target.reports[pick % target.reports.length]!, agency };
          const changed = {
            ...app,
            incidents: app.incidents.map((i) => (i === target ? { ...i, reports: [...i.reports, copy] } : i)),
          };
          const before = assessThreshold(app, p);
          const after = assessThreshold(changed, p);
          expect(after.qualifyingCount).toBe(before.qualifyingCount);
          expect(after.incidents.map((i) => i.qualifies)).toEqual(before.incidents.map((i) => i.qualifies));
        },
      ),
    );
  });

  test('each incident qualifies exactly as s.104(11) reads (a reference model)', () => {
    fc.assert(
      fc.property(policy, applicationArb, ([, p], input) => {
        const app = parseApplication(input);
        const { reportWindow, lookBack, diarySheetsCount } = p.threshold;
        const expected = app.incidents.map((incident) =>
          incident.reports.some(
            (r) =>
              (r.kind === 'report' || diarySheetsCount) &&
              compareDates(r.reportedOn, windowEnd(incident.occurredOn, reportWindow)) <= 0 &&
              compareDates(app.receivedOn, windowEnd(r.reportedOn, lookBack)) <= 0,
          ),
        );
        const result = assessThreshold(app, p);
        expect(result.incidents.map((i) => i.qualifies)).toEqual(expected);
        expect(result.qualifyingCount).toBe(expected.filter(Boolean).length);
        expect(result.incidents.map((i) => i.id)).toEqual(app.incidents.map((i) => i.id));
        for (const i of result.incidents) expect(i.reasons.length).toBeGreaterThan(0);
      }),
    );
  });

  test('a later application date never adds qualifying complaints', () => {
    fc.assert(
      fc.property(policy, applicationArb, fc.integer({ min: 1, max: 200 }), ([, p], app, days) => {
        const later = { ...app, receivedOn: addDays(app.receivedOn, days) };
        expect(assessThreshold(later, p).qualifyingCount).toBeLessThanOrEqual(
          assessThreshold(app, p).qualifyingCount,
        );
      }),
    );
  });

  test('the live preview never throws, whatever the input', () => {
    const p = getPolicy('statutory');
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(safeAssessThreshold(input, p).success).toBe(false);
      }),
    );
    // Nearly valid shapes exercise the cross-field checks on partly invalid data.
    fc.assert(
      fc.property(
        applicationArb,
        fc.constantFrom('receivedOn', 'applicant', 'victim', 'incidents'),
        fc.anything(),
        (app, key, junk) => {
          const result = safeAssessThreshold({ ...app, [key]: junk }, p);
          if (!result.success) expect(result.problems.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
