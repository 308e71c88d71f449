import { getPolicy } from '../../../shared/policy/policy';
import {
  ApplicationError,
  assessThreshold,
  safeAssessThreshold,
  type ThresholdAssessment,
} from '../../../shared/threshold';
import { application, communityPolicy, hatePolicy, incident, report, withThreshold } from './fixtures';

const statutory = getPolicy('statutory');
const eastHerts = getPolicy('east-herts');
const erewash = getPolicy('erewash');

function only(result: ThresholdAssessment) {
  expect(result.incidents).toHaveLength(1);
  return result.incidents[0]!;
}

describe('report window: a complaint made within the window of the incident', () => {
  test.each([
    ['statutory', statutory],
    ['erewash', erewash],
  ])('%s (one calendar month): 31 January reported on 28 February qualifies', (_, policy) => {
    const result = assessThreshold(
      application('2026-03-10', [incident('a', '2026-01-31', [report('police', '2026-02-28')])]),
      policy,
    );
    expect(only(result)).toEqual({
      id: 'a',
      qualifies: true,
      reasons: [
        expect.stringMatching(
          /^Reported to .+ on 2026-02-28, 28 days after the incident \(within 1 month\)\.$/,
        ),
        'The application was received on 2026-03-10, within 6 months of the report of 2026-02-28.',
      ],
    });
    expect(result.qualifyingCount).toBe(1);
  });

  test.each([
    ['statutory', statutory],
    ['erewash', erewash],
  ])('%s (one calendar month): 31 January reported on 1 March does not', (_, policy) => {
    const result = assessThreshold(
      application('2026-03-10', [incident('a', '2026-01-31', [report('council', '2026-03-01')])]),
      policy,
    );
    const a = only(result);
    expect(a.qualifies).toBe(false);
    expect(a.reasons).toEqual([
      expect.stringMatching(
        /^Reported to .+ on 2026-03-01, 29 days after the incident: too late, as a report must be made within 1 month of the incident \(by 2026-02-28\)\.$/,
      ),
    ]);
  });

  test('statutory: the example sentence from the brief', () => {
    const result = assessThreshold(
      application('2026-04-01', [incident('a', '2026-02-25', [report('police', '2026-03-02')])]),
      statutory,
    );
    expect(only(result).reasons[0]).toBe(
      'Reported to Police on 2026-03-02, 5 days after the incident (within 1 month).',
    );
  });

  test('East Herts (30 days): day 30 qualifies, day 31 does not', () => {
    const result = assessThreshold(
      application('2026-03-10', [
        incident('day-30', '2026-01-01', [report('ehc', '2026-01-31')]),
        incident('day-31', '2026-01-01', [report('ehc', '2026-02-01')]),
      ]),
      eastHerts,
    );
    expect(result.incidents.map((i) => i.qualifies)).toEqual([true, false]);
    expect(result.incidents[0]!.reasons[0]).toBe(
      'Reported to East Herts District Council on 2026-01-31, 30 days after the incident (within 30 days).',
    );
    expect(result.incidents[1]!.reasons[0]).toBe(
      'Reported to East Herts District Council on 2026-02-01, 31 days after the incident: too late, as a report must be made within 30 days of the incident (by 2026-01-31).',
    );
  });

  test('30 days and one month differ either way, depending on the month', () => {
    // After 31 January, 30 days run to 2 March but one month only to 28 February.
    const jan = application('2026-03-10', [incident('a', '2026-01-31', [report('ehc', '2026-03-02')])]);
    expect(only(assessThreshold(jan, eastHerts)).qualifies).toBe(true);
    expect(only(assessThreshold(jan, statutory)).qualifies).toBe(false);
    // After 1 March, 30 days run to 31 March but one month to 1 April.
    const mar = application('2026-04-10', [incident('a', '2026-03-01', [report('ehc', '2026-04-01')])]);
    expect(only(assessThreshold(mar, eastHerts)).qualifies).toBe(false);
    expect(only(assessThreshold(mar, statutory)).qualifies).toBe(true);
  });

  test('a report on the day of the incident says so', () => {
    const result = assessThreshold(
      application('2026-03-10', [incident('a', '2026-03-01', [report('police', '2026-03-01')])]),
      statutory,
    );
    expect(only(result).reasons[0]).toBe(
      'Reported to Police on 2026-03-01, the day of the incident (within 1 month).',
    );
  });

  test('a working-day report window uses the bank holiday calendar', () => {
    const policy = withThreshold('statutory', (t) => {
      t.reportWindow = { amount: 1, unit: 'working-days' };
    });
    // Thursday 2 April 2026; Good Friday and Easter Monday are bank holidays, so the window ends 7 April.
    const result = assessThreshold(
      application('2026-05-01', [
        incident('in', '2026-04-02', [report('police', '2026-04-07')]),
        incident('out', '2026-04-02', [report('police', '2026-04-08')]),
      ]),
      policy,
    );
    expect(result.incidents.map((i) => i.qualifies)).toEqual([true, false]);
    expect(result.incidents[1]!.reasons[0]).toContain('within 1 working day of the incident (by 2026-04-07)');
  });
});

describe('look-back: the application within six months of the same report', () => {
  test.each([
    ['statutory', statutory],
    ['east-herts', eastHerts],
    ['erewash', erewash],
  ])('%s: the last day of six months qualifies, the day after does not', (_, policy) => {
    const inc = incident('a', '2026-03-01', [report('x', '2026-03-02')]);
    expect(only(assessThreshold(application('2026-09-02', [inc]), policy)).qualifies).toBe(true);
    const late = only(assessThreshold(application('2026-09-03', [inc]), policy));
    expect(late.qualifies).toBe(false);
    expect(late.reasons).toContain(
      'The application was received on 2026-09-03, more than 6 months after the report of 2026-03-02 (the last day was 2026-09-02).',
    );
  });

  test.each([
    ['statutory', statutory],
    ['east-herts', eastHerts],
    ['erewash', erewash],
  ])('%s: a month-end clamp, report 2025-08-31 -> last day 2026-02-28', (_, policy) => {
    const inc = incident('a', '2025-08-30', [report('x', '2025-08-31')]);
    expect(only(assessThreshold(application('2026-02-28', [inc]), policy)).qualifies).toBe(true);
    const late = only(assessThreshold(application('2026-03-01', [inc]), policy));
    expect(late.qualifies).toBe(false);
    expect(late.reasons.join(' ')).toContain('(the last day was 2026-02-28)');
  });

  test('the same report must meet both limits', () => {
    // The prompt report is too old for the application; the recent one was made too late.
    const inc = incident('a', '2025-01-10', [
      report('police', '2025-01-20'),
      report('council', '2025-03-01'),
    ]);
    const a = only(assessThreshold(application('2025-08-01', [inc]), statutory));
    expect(a.qualifies).toBe(false);
    expect(a.reasons).toEqual([
      'Reported to Police on 2025-01-20, 10 days after the incident (within 1 month).',
      'The application was received on 2025-08-01, more than 6 months after the report of 2025-01-20 (the last day was 2025-07-20).',
      'Reported to District or unitary council on 2025-03-01, 50 days after the incident: too late, as a report must be made within 1 month of the incident (by 2025-02-10).',
      'None of its reports meets both time limits, so it does not count.',
    ]);
  });

  test('a later report in time rescues an incident whose first report is too old', () => {
    const inc = incident('a', '2025-01-10', [
      report('police', '2025-01-12'),
      report('council', '2025-02-05'),
    ]);
    const a = only(assessThreshold(application('2025-08-01', [inc]), statutory));
    expect(a.qualifies).toBe(true);
    expect(a.reasons[0]).toContain('District or unitary council on 2025-02-05');
  });
});

describe('diary sheets', () => {
  const diary = (policyId: string) =>
    assessThreshold(
      application('2026-05-01', [
        incident('a', '2026-03-01', [report('ehc', '2026-03-05', { kind: 'diary-sheet' })]),
      ]),
      getPolicy(policyId),
    );

  test('East Herts: a diary sheet never makes an incident qualify, and the reason says so', () => {
    const a = only(diary('east-herts'));
    expect(a.qualifies).toBe(false);
    expect(a.reasons).toEqual([
      'Diary sheet given to East Herts District Council on 2026-03-05: this policy does not count diary sheets as reports.',
    ]);
  });

  test.each(['statutory', 'erewash'])('%s: a diary sheet in time counts', (id) => {
    const a = only(diary(id));
    expect(a.qualifies).toBe(true);
    expect(a.reasons[0]).toMatch(/^Diary sheet given to ehc on 2026-03-05, 4 days after the incident/);
  });

  test('East Herts: an incident with a diary sheet and a report in time qualifies by the report', () => {
    const result = assessThreshold(
      application('2026-05-01', [
        incident('a', '2026-03-01', [
          report('ehc', '2026-03-02', { kind: 'diary-sheet' }),
          report('herts-police', '2026-03-04'),
        ]),
      ]),
      eastHerts,
    );
    const a = only(result);
    expect(a.qualifies).toBe(true);
    expect(a.reasons[0]).toBe(
      'Reported to Hertfordshire Constabulary on 2026-03-04, 3 days after the incident (within 30 days).',
    );
    expect(a.reasons[2]).toContain('East Herts District Council (diary sheet, 2026-03-02)');
  });
});

describe('an incident counts once however many agencies it was reported to', () => {
  test('one incident reported to three agencies counts once', () => {
    const result = assessThreshold(
      application('2026-05-01', [
        incident('a', '2026-03-01', [
          report('ehc', '2026-03-01'),
          report('herts-police', '2026-03-01'),
          report('social-housing', '2026-03-02'),
        ]),
      ]),
      eastHerts,
    );
    expect(result.qualifyingCount).toBe(1);
    expect(result.outcome).toBe('not-met');
    expect(only(result).reasons).toEqual([
      'Reported to East Herts District Council on 2026-03-01, the day of the incident (within 30 days).',
      'The application was received on 2026-05-01, within 6 months of the report of 2026-03-01.',
      'It was also reported to Hertfordshire Constabulary (2026-03-01) and Registered provider of social housing (2026-03-02); an incident counts once, however many agencies it was reported to.',
    ]);
  });

  test('an agency the policy does not list is shown by the name given', () => {
    const result = assessThreshold(
      application('2026-05-01', [incident('a', '2026-03-01', [report('RSPCA', '2026-03-03')])]),
      statutory,
    );
    expect(only(result).reasons[0]).toMatch(/^Reported to RSPCA on 2026-03-03/);
  });
});

describe('the count route', () => {
  const three = [
    incident('1', '2026-01-10', [report('police', '2026-01-11')]),
    incident('2', '2026-02-10', [report('council', '2026-02-12')]),
    incident('3', '2026-03-10', [report('housing', '2026-03-10')]),
  ];

  test('three qualifying complaints meet it', () => {
    const result = assessThreshold(application('2026-04-01', three), statutory);
    expect(result).toMatchObject({ outcome: 'met', route: 'count', qualifyingCount: 3, required: 3 });
    expect(result.reasons).toEqual([
      'The threshold is met by the number of qualifying complaints.',
      '3 of the 3 incidents count as qualifying complaints; the policy needs 3, so the count is met.',
    ]);
  });

  test('two do not', () => {
    const result = assessThreshold(application('2026-04-01', three.slice(0, 2)), statutory);
    expect(result).toMatchObject({ outcome: 'not-met', qualifyingCount: 2, required: 3 });
    expect(result.route).toBeUndefined();
    expect(result.reasons).toEqual([
      'The threshold is not met on the information given.',
      '2 of the 2 incidents count as qualifying complaints; the policy needs 3.',
    ]);
  });

  test('a council may set a lower number (s.104(4))', () => {
    const one = withThreshold('statutory', (t) => {
      t.count.qualifyingComplaints = 1;
    });
    const result = assessThreshold(application('2026-04-01', three.slice(0, 1)), one);
    expect(result).toMatchObject({ outcome: 'met', route: 'count', qualifyingCount: 1, required: 1 });
    expect(result.reasons[1]).toBe(
      'The one incident counts as a qualifying complaint; the policy needs 1, so the count is met.',
    );
  });

  test('no incidents yet', () => {
    const result = assessThreshold(application('2026-04-01', []), statutory);
    expect(result).toEqual({
      outcome: 'not-met',
      qualifyingCount: 0,
      required: 3,
      incidents: [],
      reasons: [
        'The threshold is not met on the information given.',
        'No incidents have been recorded; the policy needs 3 qualifying complaints.',
      ],
    });
  });

  test('an incident with no report yet', () => {
    const result = assessThreshold(application('2026-04-01', [incident('a', '2026-03-01', [])]), statutory);
    expect(only(result)).toEqual({
      id: 'a',
      qualifies: false,
      reasons: ['No report of this incident has been recorded, so it cannot count.'],
    });
  });

  test('incidents keep the order of the application and the input is not changed', () => {
    const app = application('2026-04-01', [
      incident('z', '2026-03-01', [report('police', '2026-03-09'), report('council', '2026-03-02')]),
      incident('a', '2026-02-01', []),
    ]);
    const before = JSON.stringify(app);
    const result = assessThreshold(app, statutory);
    expect(result.incidents.map((i) => i.id)).toEqual(['z', 'a']);
    expect(JSON.stringify(app)).toBe(before);
    expect(result.incidents[0]!.reasons[0]).toContain('on 2026-03-02'); // the earliest qualifying report
  });
});

describe('eligibility', () => {
  const three = [
    incident('1', '2026-01-10', [report('police', '2026-01-11')]),
    incident('2', '2026-02-10', [report('council', '2026-02-12')]),
    incident('3', '2026-03-10', [report('housing', '2026-03-10')]),
  ];

  test('an anonymous applicant is ineligible; the incidents are still assessed', () => {
    const result = assessThreshold(
      application('2026-04-01', three, {
        applicant: { relationship: 'victim', consentGiven: true, anonymous: true },
      }),
      statutory,
    );
    expect(result.outcome).toBe('ineligible');
    expect(result.route).toBeUndefined();
    expect(result.qualifyingCount).toBe(3);
    expect(result.incidents.every((i) => i.qualifies)).toBe(true);
    expect(result.reasons.slice(0, 2)).toEqual([
      'The application is not eligible for a case review; the incident results are for information only.',
      'The applicant wishes to remain anonymous; a case review cannot go ahead on an anonymous application.',
    ]);
  });

  test("a third party without the victim's consent is ineligible", () => {
    const result = assessThreshold(
      application('2026-04-01', three, {
        applicant: { relationship: 'third-party', consentGiven: false, anonymous: false },
      }),
      statutory,
    );
    expect(result.outcome).toBe('ineligible');
    expect(result.reasons[1]).toBe(
      "The application was made by a third party without the victim's consent; a third party may apply only with the victim's consent.",
    );
  });

  test('a third party with consent is eligible; consent does not matter for the victim themselves', () => {
    for (const applicant of [
      { relationship: 'third-party' as const, consentGiven: true, anonymous: false },
      { relationship: 'victim' as const, consentGiven: false, anonymous: false },
    ])
      expect(assessThreshold(application('2026-04-01', three, { applicant }), statutory).outcome).toBe('met');
  });

  test('an exclusion the policy applies makes it ineligible', () => {
    const result = assessThreshold(
      application('2026-04-01', three, { exclusions: ['cps-decision'] }),
      eastHerts,
    );
    expect(result.outcome).toBe('ineligible');
    expect(result.reasons[1]).toMatch(/Crown Prosecution Service \(CPS\) decision/);
  });

  // East Herts s.9 "Who is not suitable for the Community Trigger?" and s.14 (vexatious), in its own words.
  test.each([
    ['cps-decision', /review of a Crown Prosecution Service \(CPS\) decision/],
    ['court-decision', /decision made by a civil or criminal court/],
    ['service-complaint', /service provision only/],
    ['officer-conduct', /conduct and behaviour of one officer/],
    ['vexatious', /without good cause.*vexatious complainants/],
  ] as const)('East Herts applies %s in the words of its policy', (code, reason) => {
    const result = assessThreshold(application('2026-04-01', three, { exclusions: [code] }), eastHerts);
    expect(result.outcome).toBe('ineligible');
    expect(result.reasons[1]).toMatch(reason);
  });

  test('an exclusion the policy does not apply is noted but does not make it ineligible (Erewash: CPS)', () => {
    const erewashThree = [
      incident('1', '2026-01-10', [report('derbyshire-police', '2026-01-11')]),
      incident('2', '2026-02-10', [report('erewash-bc', '2026-02-12')]),
      incident('3', '2026-03-10', [report('social-housing', '2026-03-10')]),
    ];
    const result = assessThreshold(
      application('2026-04-01', erewashThree, { exclusions: ['cps-decision', 'court-decision'] }),
      erewash,
    );
    expect(result).toMatchObject({ outcome: 'met', route: 'count' });
    expect(result.reasons).toContain(
      'The application is marked "Review of a CPS decision", but Erewash Borough Council\'s policy does not exclude such applications, so it is not treated as ineligible.',
    );
  });

  test('every problem is its own reason', () => {
    const result = assessThreshold(
      application('2026-04-01', three, {
        applicant: { relationship: 'third-party', consentGiven: false, anonymous: true },
        exclusions: ['officer-conduct', 'vexatious', 'vexatious'],
      }),
      statutory,
    );
    expect(result.outcome).toBe('ineligible');
    expect(result.reasons.slice(1, 5)).toEqual([
      expect.stringMatching(/anonymous/),
      expect.stringMatching(/third party without the victim's consent/),
      expect.stringMatching(/conduct of one officer/),
      expect.stringMatching(/vexatious/),
    ]);
    expect(result.reasons.filter((r) => r.includes('vexatious'))).toHaveLength(1);
  });

  test("ineligibility wins over a senior manager's override", () => {
    const result = assessThreshold(
      application('2026-04-01', [], {
        applicant: { relationship: 'victim', consentGiven: true, anonymous: true },
        victim: { kind: 'individual', vulnerable: true },
        seniorManagerOverride: { by: 'A Manager', role: 'Community Safety Manager', reason: 'Risk of harm' },
      }),
      eastHerts,
    );
    expect(result.outcome).toBe('ineligible');
    expect(result.route).toBeUndefined();
  });
});

describe("senior manager's override for a vulnerable victim", () => {
  const override = {
    by: 'Sam Patel',
    role: 'Community Safety Manager',
    reason: 'The victim is at risk of harm',
  };
  const oneIncident = [incident('a', '2026-03-01', [report('ehc', '2026-03-02')])];

  test('East Herts enables it: met by override, with the roles to confirm', () => {
    const result = assessThreshold(
      application('2026-04-01', oneIncident, {
        victim: { kind: 'individual', vulnerable: true },
        seniorManagerOverride: override,
      }),
      eastHerts,
    );
    expect(result).toMatchObject({ outcome: 'met', route: 'override', qualifyingCount: 1, required: 3 });
    expect(result.reasons[0]).toBe(
      "The threshold is met by a senior manager's decision to safeguard a vulnerable victim.",
    );
    expect(result.reasons).toContain(
      'A senior manager (Sam Patel, Community Safety Manager) decided that a case review is needed to safeguard a vulnerable victim: The victim is at risk of harm. Confirm that this role is one the policy allows: Community Safety Manager or above; Police Inspector or above; A similar senior officer of another responsible authority.',
    );
  });

  test('not applied when the victim is not marked vulnerable', () => {
    const result = assessThreshold(
      application('2026-04-01', oneIncident, { seniorManagerOverride: override }),
      eastHerts,
    );
    expect(result.outcome).toBe('not-met');
    expect(result.reasons).toContain(
      "A senior manager's override was recorded (Sam Patel, Community Safety Manager), but the victim is not marked as vulnerable, so it was not applied: the override is only to safeguard a vulnerable victim.",
    );
  });

  test.each(['statutory', 'erewash'])('%s does not enable it', (id) => {
    const result = assessThreshold(
      application('2026-04-01', oneIncident, {
        victim: { kind: 'individual', vulnerable: true },
        seniorManagerOverride: override,
      }),
      getPolicy(id),
    );
    expect(result.outcome).toBe('not-met');
    expect(result.reasons).toContain(
      "A senior manager's override was recorded (Sam Patel, Community Safety Manager), but this policy does not provide for one, so it was not applied.",
    );
  });

  test('the count route wins when it is also met', () => {
    const result = assessThreshold(
      application(
        '2026-04-01',
        ['1', '2', '3'].map((id) => incident(id, '2026-03-01', [report('ehc', '2026-03-02')])),
        { victim: { kind: 'individual', vulnerable: true }, seniorManagerOverride: override },
      ),
      eastHerts,
    );
    expect(result).toMatchObject({ outcome: 'met', route: 'count' });
  });
});

describe('hate route (a custom policy: 1 hate incident within 3 months)', () => {
  test('one hate incident reported in time, on the last day of 3 months, meets it', () => {
    const result = assessThreshold(
      application('2026-05-28', [
        incident('h', '2026-02-27', [report('police', '2026-02-28')], { hate: true }),
      ]),
      hatePolicy,
    );
    expect(result).toMatchObject({ outcome: 'met', route: 'hate', qualifyingCount: 1 });
    expect(result.reasons).toEqual([
      'The threshold is met by the hate incident route.',
      'The one incident counts as a qualifying complaint; the policy needs 3.',
      'The hate incident route is met: 1 hate incident was reported within 1 month of happening and no more than 3 months before the application (the route needs 1).',
    ]);
  });

  test("the hate route's own look-back: 3 months and a day after the report is too old", () => {
    // 2026-02-28 + 3 months = 2026-05-28; the count route's 6 months still lets the incident qualify.
    const result = assessThreshold(
      application('2026-05-29', [
        incident('h', '2026-02-27', [report('police', '2026-02-28')], { hate: true }),
      ]),
      hatePolicy,
    );
    expect(result).toMatchObject({ outcome: 'not-met', qualifyingCount: 1 });
    expect(result.reasons[2]).toMatch(/^The hate incident route is not met: 0 hate incidents were reported/);
  });

  test('a hate incident reported late does not count', () => {
    const result = assessThreshold(
      application('2026-04-30', [
        incident('h', '2026-02-01', [report('police', '2026-03-15')], { hate: true }),
      ]),
      hatePolicy,
    );
    expect(result.outcome).toBe('not-met');
  });

  test('an incident not marked as hate does not count for the route', () => {
    const result = assessThreshold(
      application('2026-04-30', [incident('h', '2026-03-01', [report('police', '2026-03-02')])]),
      hatePolicy,
    );
    expect(result.outcome).toBe('not-met');
    expect(result.reasons).toContain(
      'The hate incident route is not met: no incident is marked as a hate incident or crime.',
    );
  });

  test('needs as many hate incidents as the policy says', () => {
    const two = withThreshold('statutory', (t) => {
      t.hate = { enabled: true, incidents: 2, lookBack: { amount: 6, unit: 'calendar-months' } };
    });
    const h = (id: string) => incident(id, '2026-03-01', [report('police', '2026-03-02')], { hate: true });
    expect(assessThreshold(application('2026-04-30', [h('1')]), two).outcome).toBe('not-met');
    expect(assessThreshold(application('2026-04-30', [h('1'), h('2')]), two)).toMatchObject({
      outcome: 'met',
      route: 'hate',
    });
  });

  test('the presets leave it off: a hate incident is counted like any other', () => {
    for (const id of ['statutory', 'east-herts', 'erewash']) {
      const result = assessThreshold(
        application('2026-04-30', [
          incident('h', '2026-03-01', [report('police', '2026-03-02')], { hate: true }),
        ]),
        getPolicy(id),
      );
      expect(result.outcome).toBe('not-met');
      expect(result.reasons.join(' ')).not.toContain('hate');
    }
  });

  test('the count route is evaluated first and wins', () => {
    const h = (id: string) => incident(id, '2026-03-01', [report('police', '2026-03-02')], { hate: true });
    const result = assessThreshold(application('2026-04-30', [h('1'), h('2'), h('3')]), hatePolicy);
    expect(result).toMatchObject({ outcome: 'met', route: 'count' });
    expect(result.reasons).toContain(
      'The hate incident route is met: 3 hate incidents were reported within 1 month of happening and no more than 3 months before the application (the route needs 1).',
    );
  });
});

describe('community route (a custom policy: 5 individuals or households within 6 months)', () => {
  const group = { victim: { kind: 'community-group' as const, vulnerable: false } };
  const byReporters = (...ids: string[]) =>
    ids.map((who, i) =>
      incident(`i${i}`, '2026-03-01', [report('council', '2026-03-05', { reportedBy: who })]),
    );

  test('five distinct reporters meet it for a community group', () => {
    const result = assessThreshold(
      application('2026-04-30', byReporters('H-1', 'H-2', 'H-3', 'H-4', 'H-5'), group),
      communityPolicy,
    );
    expect(result).toMatchObject({ outcome: 'met', route: 'count', qualifyingCount: 5 }); // count wins
    // Fewer incidents, same reporters: only the community route meets it.
    const two = [
      incident('a', '2026-03-01', [
        report('council', '2026-03-02', { reportedBy: 'H-1' }),
        report('police', '2026-03-02', { reportedBy: 'H-2' }),
        report('housing', '2026-03-03', { reportedBy: 'H-3' }),
      ]),
      incident('b', '2026-03-10', [
        report('council', '2026-03-12', { reportedBy: 'H-4' }),
        report('police', '2026-03-12', { reportedBy: 'H-5' }),
      ]),
    ];
    const community = assessThreshold(application('2026-04-30', two, group), communityPolicy);
    expect(community).toMatchObject({ outcome: 'met', route: 'community', qualifyingCount: 2 });
    expect(community.reasons).toContain(
      'The community route is met: 5 different individuals or households reported incidents within 1 month of them and no more than 6 months before the application (the route needs 5).',
    );
  });

  test('the same reporter twice counts once', () => {
    const incidents = [
      incident('a', '2026-03-01', [
        report('council', '2026-03-02', { reportedBy: 'H-1' }),
        report('police', '2026-03-02', { reportedBy: 'H-1' }),
        report('housing', '2026-03-03', { reportedBy: 'H-2' }),
      ]),
      incident('b', '2026-03-10', [
        report('council', '2026-03-12', { reportedBy: 'H-3' }),
        report('police', '2026-03-12', { reportedBy: 'H-4' }),
      ]),
    ];
    const result = assessThreshold(application('2026-04-30', incidents, group), communityPolicy);
    expect(result.outcome).toBe('not-met');
    expect(result.reasons).toContain(
      'The community route is not met: 4 different individuals or households reported incidents within 1 month of them and no more than 6 months before the application (the route needs 5).',
    );
  });

  test('late reports and reports too old for the look-back do not count', () => {
    const incidents = [
      incident('a', '2026-03-01', [
        report('council', '2026-03-02', { reportedBy: 'H-1' }),
        report('council', '2026-03-02', { reportedBy: 'H-2' }),
        report('council', '2026-03-02', { reportedBy: 'H-3' }),
        report('council', '2026-03-02', { reportedBy: 'H-4' }),
        report('council', '2026-04-15', { reportedBy: 'H-5' }), // late
      ]),
      incident('old', '2025-09-01', [report('council', '2025-09-02', { reportedBy: 'H-6' })]), // > 6 months
    ];
    expect(assessThreshold(application('2026-04-30', incidents, group), communityPolicy).outcome).toBe(
      'not-met',
    );
  });

  test('only for a community group', () => {
    const result = assessThreshold(
      application('2026-04-30', [
        incident('a', '2026-03-01', [
          ...['H-1', 'H-2', 'H-3', 'H-4', 'H-5'].map((who) =>
            report('council', '2026-03-02', { reportedBy: who }),
          ),
        ]),
      ]),
      communityPolicy,
    );
    expect(result.outcome).toBe('not-met');
    expect(result.reasons.join(' ')).not.toContain('community route');
  });
});

describe("the seeds' scenarios", () => {
  test('East Herts s.5: three separate incidents reported to council, police or housing within 30 days each, within 6 months', () => {
    const incidents = [
      incident('noise-1', '2026-01-05', [report('ehc', '2026-01-20')]),
      incident('criminal-damage', '2026-02-14', [
        report('herts-police', '2026-02-14'),
        report('ehc', '2026-02-16'),
      ]),
      incident('noise-2', '2026-03-30', [report('social-housing', '2026-04-28')]),
    ];
    const met = assessThreshold(application('2026-07-20', incidents), eastHerts);
    expect(met).toMatchObject({ outcome: 'met', route: 'count', qualifyingCount: 3, required: 3 });
    // Received a day after 6 months from the first report (2026-01-20): only two qualify.
    const late = assessThreshold(application('2026-07-21', incidents), eastHerts);
    expect(late).toMatchObject({ outcome: 'not-met', qualifyingCount: 2 });
    // The third reported on day 31 instead: not a qualifying complaint.
    const day31 = incidents
      .slice(0, 2)
      .concat(incident('noise-2', '2026-03-30', [report('social-housing', '2026-04-30')]));
    expect(assessThreshold(application('2026-07-20', day31), eastHerts).outcome).toBe('not-met');
    // The third only on diary sheets: not a qualifying complaint in East Herts.
    const diary = incidents
      .slice(0, 2)
      .concat(incident('noise-2', '2026-03-30', [report('ehc', '2026-04-02', { kind: 'diary-sheet' })]));
    expect(assessThreshold(application('2026-07-20', diary), eastHerts).outcome).toBe('not-met');
  });

  test('Erewash: three or more related incidents within the last six months', () => {
    const incidents = [
      incident('1', '2026-02-01', [report('erewash-bc', '2026-02-02')]),
      incident('2', '2026-03-01', [report('derbyshire-police', '2026-03-01')]),
      incident('3', '2026-04-01', [report('social-housing', '2026-04-20')]),
      incident('4', '2026-05-01', [report('erewash-bc', '2026-05-03', { kind: 'diary-sheet' })]),
    ];
    expect(assessThreshold(application('2026-06-01', incidents), erewash)).toMatchObject({
      outcome: 'met',
      route: 'count',
      qualifyingCount: 4, // Erewash counts diary sheets
    });
    expect(assessThreshold(application('2026-06-01', incidents.slice(0, 2)), erewash).outcome).toBe(
      'not-met',
    );
  });
});

describe('validation', () => {
  const valid = application('2026-04-01', [incident('a', '2026-03-01', [report('police', '2026-03-02')])]);

  function problems(input: unknown) {
    const result = safeAssessThreshold(input, statutory);
    if (result.success) throw new Error('expected problems');
    return result.problems;
  }

  test('a valid application passes', () => {
    expect(safeAssessThreshold(valid, statutory)).toEqual({
      success: true,
      assessment: assessThreshold(valid, statutory),
    });
  });

  test('assessThreshold throws an ApplicationError listing problems by path', () => {
    const bad = { ...valid, receivedOn: '2026-02-30' };
    expect(() => assessThreshold(bad, statutory)).toThrow(ApplicationError);
    expect(() => assessThreshold(bad, statutory)).toThrow(
      'The application is not valid (1 problem):\n  - receivedOn: "2026-02-30" is not a real date; enter the date the application was received as YYYY-MM-DD, for example 2026-03-02.',
    );
  });

  test('not an object at all', () => {
    expect(problems(null)).toEqual([{ path: '', message: 'Fill in the details of the application.' }]);
    expect(problems('x')).toHaveLength(1);
  });

  test('missing fields say what to enter', () => {
    expect(problems({})).toEqual([
      { path: 'receivedOn', message: 'Enter the date the application was received (YYYY-MM-DD).' },
      { path: 'applicant', message: 'Fill in the details of the applicant.' },
      { path: 'victim', message: 'Fill in the details of the victim.' },
      { path: 'incidents', message: 'List the incidents (an empty list while you are entering them).' },
    ]);
  });

  test('wrong values name the path and the choices', () => {
    const bad = application('2026-04-01', [incident('a', '2026-03-01', [report('police', '2026-03-02')])], {
      applicant: {
        relationship: 'friend' as 'victim',
        consentGiven: 'yes' as unknown as boolean,
        anonymous: false,
      },
    });
    expect(problems(bad)).toEqual([
      { path: 'applicant.relationship', message: 'Choose who is applying: "victim" or "third-party".' },
      {
        path: 'applicant.consentGiven',
        message: "Say whether the victim has given consent to a third party's application: true or false.",
      },
    ]);
  });

  test('duplicate incident ids point at the duplicate', () => {
    const bad = application('2026-04-01', [
      incident('a', '2026-03-01', [report('police', '2026-03-02')]),
      incident('b', '2026-03-01', []),
      incident('a', '2026-03-05', []),
    ]);
    expect(problems(bad)).toEqual([
      {
        path: 'incidents[2].id',
        message: 'Incident id "a" is already used by incident 1 in the list; give each incident its own id.',
      },
    ]);
  });

  test('a report before its incident', () => {
    const bad = application('2026-04-01', [incident('a', '2026-03-05', [report('police', '2026-03-02')])]);
    expect(problems(bad)).toEqual([
      {
        path: 'incidents[0].reports[0].reportedOn',
        message:
          'The report is dated 2026-03-02, before the incident it reports (2026-03-05); correct the report date or the incident date.',
      },
    ]);
  });

  test('dates after the application was received', () => {
    const bad = application('2026-04-01', [incident('a', '2026-04-02', [report('police', '2026-04-03')])]);
    expect(problems(bad)).toEqual([
      {
        path: 'incidents[0].occurredOn',
        message:
          'The incident date (2026-04-02) is after the application was received (2026-04-01); correct this date or the date the application was received.',
      },
      {
        path: 'incidents[0].reports[0].reportedOn',
        message:
          'The report date (2026-04-03) is after the application was received (2026-04-01); correct this date or the date the application was received.',
      },
    ]);
  });

  test('cross-field checks still run while other fields have errors', () => {
    const bad = {
      ...application('2026-04-01', [
        incident('a', '2026-03-01', [report('police', '2026-03-02', { kind: 'phone' as 'report' })]),
        incident('a', '2026-03-01', [report('police', '2026-02-02')]),
      ]),
      victim: undefined,
    };
    expect(problems(bad).map((p) => p.path)).toEqual([
      'victim',
      'incidents[0].reports[0].kind',
      'incidents[1].reports[0].reportedOn',
      'incidents[1].id',
    ]);
  });

  test('dates must be real calendar dates', () => {
    const bad = application('2026-04-01', [incident('a', '2026-3-1', [report('police', '2026-02-29')])]);
    expect(problems(bad)).toEqual([
      {
        path: 'incidents[0].occurredOn',
        message:
          '"2026-3-1" is not a real date; enter the date the incident happened as YYYY-MM-DD, for example 2026-03-02.',
      },
      {
        path: 'incidents[0].reports[0].reportedOn',
        message:
          '"2026-02-29" is not a real date; enter the date of the report as YYYY-MM-DD, for example 2026-03-02.',
      },
    ]);
  });

  test('at most 200 incidents and 20 reports an incident', () => {
    const many = Array.from({ length: 201 }, (_, i) => incident(`i${i}`, '2026-03-01', []));
    expect(problems(application('2026-04-01', many))).toEqual([
      {
        path: 'incidents',
        message: 'An application can list at most 200 incidents; leave out older or repeated ones.',
      },
    ]);
    expect(safeAssessThreshold(application('2026-04-01', many.slice(0, 200)), statutory).success).toBe(true);
    const reports = Array.from({ length: 21 }, () => report('police', '2026-03-02'));
    expect(problems(application('2026-04-01', [incident('a', '2026-03-01', reports)]))).toEqual([
      {
        path: 'incidents[0].reports',
        message: 'An incident can list at most 20 reports; keep the earliest report to each agency.',
      },
    ]);
  });

  test('a misspelt field is reported, not ignored', () => {
    const bad = { ...valid, seniorManagerOveride: { by: 'x', role: 'y', reason: 'z' } };
    expect(problems(bad)).toEqual([
      {
        path: '',
        message: expect.stringMatching(
          /^"seniorManagerOveride" is not a field of the application; check the spelling \(the fields are receivedOn, applicant, victim, incidents, exclusions, seniorManagerOverride\)\.$/,
        ),
      },
    ]);
  });

  test('reportedBy must be a pseudonymous reference, not a name or email address', () => {
    for (const who of ['jane@example.org', 'Jane Smith']) {
      const bad = application('2026-04-01', [
        incident('a', '2026-03-01', [report('police', '2026-03-02', { reportedBy: who })]),
      ]);
      expect(problems(bad)).toEqual([
        {
          path: 'incidents[0].reports[0].reportedBy',
          message: expect.stringContaining('pseudonymous reference'),
        },
      ]);
    }
    const ok = application('2026-04-01', [
      incident('a', '2026-03-01', [report('police', '2026-03-02', { reportedBy: 'household-12' })]),
    ]);
    expect(safeAssessThreshold(ok, statutory).success).toBe(true);
  });

  test('blank text and unknown exclusions', () => {
    const bad = application('2026-04-01', [incident(' ', '2026-03-01', [report('', '2026-03-02')])], {
      exclusions: ['Nuisance!'],
      seniorManagerOverride: { by: 'A', role: '', reason: 'r' },
    });
    expect(problems(bad)).toEqual([
      { path: 'incidents[0].id', message: 'Enter an id for the incident; it cannot be blank.' },
      {
        path: 'incidents[0].reports[0].agency',
        message: 'Enter the agency the incident was reported to; it cannot be blank.',
      },
      {
        path: 'exclusions[0]',
        message:
          '"Nuisance!" is not an exclusion ground id; use the id of one of the policy\'s grounds, for example "vexatious".',
      },
      { path: 'seniorManagerOverride.role', message: "Enter the senior manager's role; it cannot be blank." },
    ]);
  });
});
