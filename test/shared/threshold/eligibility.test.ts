/**
 * assessThreshold: who may apply (anonymous, third party, exclusions) and the senior manager's override
 * for a vulnerable victim.
 */
import { getPolicy } from '../../../shared/policy/policy';
import { assessThreshold } from '../../../shared/threshold';
import { application, eastHerts, erewash, incident, report, statutory, threeInTime } from './fixtures';

describe('eligibility', () => {
  test('an anonymous applicant is ineligible; the incidents are still assessed', () => {
    const result = assessThreshold(
      application('2026-04-01', threeInTime, {
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
      application('2026-04-01', threeInTime, {
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
      expect(assessThreshold(application('2026-04-01', threeInTime, { applicant }), statutory).outcome).toBe(
        'met',
      );
  });

  test('an exclusion the policy applies makes it ineligible', () => {
    const result = assessThreshold(
      application('2026-04-01', threeInTime, { exclusions: ['cps-decision'] }),
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
    const result = assessThreshold(application('2026-04-01', threeInTime, { exclusions: [code] }), eastHerts);
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
      application('2026-04-01', threeInTime, {
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
