import { newApplicationSchema } from '../../bot/api/contract';
import { getPolicy, problemsOf, safeAssessThreshold } from '../../shared';
import {
  OTHER_AGENCY,
  addIncident,
  applicationFieldLabel,
  formProblems,
  initialForm,
  mergeProblems,
  previewApplication,
  titleWarning,
  toNewApplication,
  withReportAgencies,
  type ApplicationFormState,
} from '../../tab/src/lib/application-form';

const policy = getPolicy('east-herts');
const requestId = '3f2b8c1e-7a6d-4e2f-9b1a-0c5d6e7f8a9b';

function filled(): ApplicationFormState {
  let form = initialForm('2026-03-20');
  form = {
    ...form,
    receivedVia: 'phone',
    victim: { ...form.victim, name: 'Jane Example', phone: '01234 567890' },
  };
  form = addIncident(addIncident(form));
  const dates = [
    ['2026-01-05', '2026-01-06'],
    ['2026-01-20', '2026-01-21'],
    ['2026-02-10', '2026-02-12'],
  ];
  form.incidents = form.incidents.map((incident, i) => ({
    ...incident,
    occurredOn: dates[i]![0]!,
    reports: incident.reports.map((r) => ({ ...r, agency: 'herts-police', reportedOn: dates[i]![1]! })),
  }));
  return withReportAgencies({ ...form, title: 'Noise and harassment, Station Road' }, policy);
}

describe('initialForm', () => {
  it('starts received today with one empty incident', () => {
    const form = initialForm('2026-03-20');
    expect(form.receivedOn).toBe('2026-03-20');
    expect(form.incidents).toHaveLength(1);
    expect(form.incidents[0]!.id).toBe('inc-1');
    expect(form.incidents[0]!.reports).toHaveLength(1);
  });

  it('takes what an Outlook task pane knows, and never reuses an incident id', () => {
    const form = initialForm('2026-03-20', {
      emailId: 'AAMkAD=',
      application: {
        receivedOn: '2026-03-18',
        applicant: { relationship: 'third-party', consentGiven: true },
        incidents: [{ id: 'inc-4', occurredOn: '2026-03-01', reports: [] }],
      },
      parties: { applicant: { name: 'A Friend', email: 'friend@example.com' } },
      title: 'From an email',
      attachments: [{ id: 'att-1', name: 'diary.pdf', size: 2048 }],
    });
    expect(form.receivedVia).toBe('email');
    expect(form.receivedOn).toBe('2026-03-18');
    expect(form.relationship).toBe('third-party');
    expect(form.applicant.email).toBe('friend@example.com');
    expect(form.incidents.map((i) => i.id)).toEqual(['inc-4']);
    expect(addIncident(form).incidents.map((i) => i.id)).toEqual(['inc-4', 'inc-5']);
  });
});

describe('toNewApplication', () => {
  it('maps a filled form to a valid NewApplication, leaving out what is blank', () => {
    const body = toNewApplication(filled(), { requestId, policy, source: { kind: 'tab' } });
    const parsed = newApplicationSchema.safeParse(body);
    expect(parsed.success).toBe(true);
    expect(body).toMatchObject({
      requestId,
      receivedVia: 'phone',
      agencies: ['herts-police'],
      parties: { victim: { name: 'Jane Example', phone: '01234 567890' } },
      title: 'Noise and harassment, Station Road',
      source: { kind: 'tab' },
    });
    expect(body.parties?.victim).not.toHaveProperty('email');
    expect(body).not.toHaveProperty('account');
    expect(body.application.applicant).toEqual({
      relationship: 'victim',
      consentGiven: true,
      anonymous: false,
    });
    expect(body.application.incidents[0]).toEqual({
      id: 'inc-1',
      occurredOn: '2026-01-05',
      reports: [{ agency: 'herts-police', reportedOn: '2026-01-06', kind: 'report' }],
    });
    expect(safeAssessThreshold(body.application, policy)).toMatchObject({
      success: true,
      assessment: { outcome: 'met', route: 'count' },
    });
  });

  it("sends a third party's consent as given, and an agency the policy does not list by its name", () => {
    const form = filled();
    form.relationship = 'third-party';
    form.consentGiven = false;
    form.incidents[0]!.reports[0] = {
      ...form.incidents[0]!.reports[0]!,
      agency: OTHER_AGENCY,
      otherAgency: ' Parish council ',
    };
    const body = toNewApplication(form, { requestId, policy });
    expect(body.application.applicant.consentGiven).toBe(false);
    expect(body.application.incidents[0]!.reports[0]!.agency).toBe('Parish council');
  });

  it('includes the override only where the policy provides for one', () => {
    const form = {
      ...filled(),
      override: { enabled: true, by: 'R Manager', role: 'Community Safety Manager', reason: 'At risk' },
    };
    expect(toNewApplication(form, { requestId, policy }).application.seniorManagerOverride).toEqual({
      by: 'R Manager',
      role: 'Community Safety Manager',
      reason: 'At risk',
    });
    const statutory = getPolicy('statutory');
    expect(
      toNewApplication(form, {
        requestId,
        policy: {
          ...statutory,
          threshold: { ...statutory.threshold, seniorManagerOverride: { enabled: false, eligibleRoles: [] } },
        },
      }).application.seniorManagerOverride,
    ).toBeUndefined();
  });

  // Issue 13: a route the policy does not have is not offered; East Herts s.5 has no hate route.
  it('sends an incident as a hate incident only under a policy with the hate route', () => {
    const form = filled();
    form.incidents[0]!.hate = true;
    expect(toNewApplication(form, { requestId, policy }).application.incidents[0]).not.toHaveProperty('hate');
    const withHate = {
      ...policy,
      threshold: { ...policy.threshold, hate: { ...policy.threshold.hate, enabled: true } },
    };
    expect(toNewApplication(form, { requestId, policy: withHate }).application.incidents[0]?.hate).toBe(true);
  });

  it("gives problems by the paths the form's fields are keyed by", () => {
    const form = filled();
    form.receivedVia = '';
    form.incidents[2]!.reports[0]!.reportedOn = '2026-04-01'; // after the application was received
    form.incidents[1]!.occurredOn = '';
    const body = toNewApplication(form, { requestId, policy });
    const schema = newApplicationSchema.safeParse(body);
    expect(schema.success).toBe(false);
    const problems = mergeProblems(formProblems(form), schema.success ? [] : problemsOf(schema.error));
    const paths = problems.map((p) => p.path);
    expect(paths).toContain('receivedVia');
    expect(paths).toContain('application.incidents[1].occurredOn');
    expect(paths).toContain('application.incidents[2].reports[0].reportedOn');
    // the form's own words replace the schema's at the same path
    expect(problems.filter((p) => p.path === 'application.incidents[1].occurredOn')).toEqual([
      { path: 'application.incidents[1].occurredOn', message: 'Enter the date the incident happened.' },
    ]);
  });

  it('asks for a name when contact details are given without one', () => {
    const form = filled();
    form.victim = { name: '', address: '', postcode: '', email: 'not-an-email', phone: '' };
    const problems = formProblems(form);
    expect(problems.map((p) => p.path)).toEqual(['parties.victim.name', 'parties.victim.email']);
  });

  it('refuses "abc" as a phone number and sends a postcode as Royal Mail writes it (issue 15)', () => {
    const form = filled();
    form.victim = {
      name: 'Jane Example',
      address: '1 High St',
      postcode: 'sg138eq',
      email: '',
      phone: 'abc',
    };
    const parsed = newApplicationSchema.safeParse(toNewApplication(form, { requestId, policy }));
    expect(problemsOf(parsed.error!)).toEqual([
      { path: 'parties.victim.phone', message: expect.stringMatching(/^Enter a UK phone number/) },
    ]);
    form.victim.phone = '01279 655261';
    const ok = newApplicationSchema.safeParse(toNewApplication(form, { requestId, policy }));
    expect(ok.success).toBe(true);
    expect(ok.data?.parties?.victim.postcode).toBe('SG13 8EQ');
  });
});

describe('previewApplication', () => {
  it('leaves half-typed incidents and reports out of the live advice, and says so', () => {
    const form = filled();
    form.incidents = [...form.incidents, ...addIncident(form).incidents.slice(-1)];
    form.incidents[0]!.reports[0]!.reportedOn = '';
    const { application, incomplete } = previewApplication(form, policy);
    expect(application.incidents).toHaveLength(3);
    expect(application.incidents[0]!.reports).toHaveLength(0);
    expect(incomplete).toEqual([
      'Report 1 of incident 1 needs an agency and a date.',
      'Incident 4 needs the date it happened.',
    ]);
    const advice = safeAssessThreshold(application, policy);
    expect(advice.success && advice.assessment.qualifyingCount).toBe(2);
  });
});

describe('helpers', () => {
  it('ticks the agencies named in reports', () => {
    const form = filled();
    expect(withReportAgencies({ ...form, agencies: [] }, policy).agencies).toEqual(['herts-police']);
  });

  it('warns when the title names the victim', () => {
    const form = filled();
    expect(titleWarning(form)).toBeUndefined();
    expect(titleWarning({ ...form, title: 'Noise next to Jane' })).toMatch(/name/);
  });

  it('names fields for the error summary', () => {
    expect(applicationFieldLabel('application.receivedOn')).toBe('Date received');
    expect(applicationFieldLabel('application.incidents[2].occurredOn')).toBe('Incident 3: date it happened');
    expect(applicationFieldLabel('application.incidents[0].reports[1].reportedOn')).toBe(
      'Incident 1, report 2: date reported',
    );
    expect(applicationFieldLabel('application.incidents[0].reports')).toBe('Incident 1: reports');
    expect(applicationFieldLabel('parties.victim.email')).toBe("Victim's email");
    expect(applicationFieldLabel('unknown')).toBeUndefined();
  });
});
