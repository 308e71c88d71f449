/** assessThreshold: the application checked at the boundary: each problem by path, with what to enter. */
import { ApplicationError, assessThreshold, safeAssessThreshold } from '../../../shared/threshold';
import { application, incident, report, statutory } from './fixtures';

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
