import type { LetterSummary } from '../../tab/src/api/client';
import { getPolicy, reduceCase } from '../../shared';
import {
  appealChoices,
  clockMet,
  initialLetterForm,
  issuesInOneClick,
  letterFileName,
  letterFormProblems,
  letterKindLabel,
  letterNeeds,
  letterOptions,
  lettersNotNow,
  lettersNow,
  previewClass,
  previewTreatment,
  redactList,
  type LetterForm,
} from '../../tab/src/views/case/letter-logic';
import {
  blankMember,
  bookingBody,
  chairAdvice,
  defaultSearch,
  formatSlot,
  initialPanelForm,
  isChosenSlot,
  missingBodies,
  panelProblems,
  quorumOf,
  slotSearchBody,
  slotToForm,
  type PanelForm,
} from '../../tab/src/views/case/panel-logic';
import { CaseBuilder, member, sampleApplication } from '../support/case-builder';

const policy = getPolicy('east-herts');

function summary(kind: LetterSummary['kind'], extra: Partial<LetterSummary> = {}): LetterSummary {
  return { kind, code: kind, label: kind, applies: true, to: 'victim', issued: [], ...extra };
}

const victimCase = {
  application: sampleApplication('2026-03-02', ['2026-01-05', '2026-01-20', '2026-02-10']),
  appeals: [],
  closed: undefined,
};
const thirdPartyCase = {
  ...victimCase,
  application: {
    ...victimCase.application,
    applicant: { relationship: 'third-party' as const, consentGiven: true, anonymous: false },
  },
};
const appeal = (appealId: string, receivedOn: string, decidedOn?: string) => ({
  appealId,
  kind: 'appeal' as const,
  against: 'review-outcome' as const,
  receivedOn,
  grounds: [],
  ...(decidedOn ? { decidedOn, outcome: 'dismissed' as const } : {}),
});

describe('which choices a letter needs', () => {
  it('issues CT1, CT4 and the invitation in one click when the victim applied', () => {
    for (const kind of ['ct1', 'ct4', 'invitation', 'ct3', 'second-report'] as const) {
      const needs = letterNeeds(summary(kind), victimCase);
      expect({ kind, needs }).toEqual({
        kind,
        needs: { to: false, choices: false, appeal: false, closure: false },
      });
      expect(issuesInOneClick(needs)).toBe(true);
    }
  });

  it('asks who a letter goes to when a third party applied, except CT2 (always the applicant) and the forms', () => {
    expect(letterNeeds(summary('ct1'), thirdPartyCase).to).toBe(true);
    expect(letterNeeds(summary('outcome'), thirdPartyCase).to).toBe(true);
    expect(letterNeeds(summary('ct2', { to: 'applicant' }), thirdPartyCase).to).toBe(false);
    expect(letterNeeds(summary('ct3a'), thirdPartyCase).to).toBe(false);
    expect(issuesInOneClick(letterNeeds(summary('ct1'), thirdPartyCase))).toBe(false);
  });

  it('asks what the victim is told in the outcome letter only when there is something to choose', () => {
    const choices = {
      recommendations: [{ id: 'rec-1', text: 'Fit a doorbell camera' }],
      actions: [{ id: 'act-1', description: 'Patrols', ownerAgency: 'herts-police', dueOn: '2026-04-30' }],
    };
    expect(letterNeeds(summary('outcome', { choices }), victimCase).choices).toBe(true);
    expect(
      letterNeeds(summary('outcome', { choices: { recommendations: [], actions: [] } }), victimCase).choices,
    ).toBe(false);
  });

  it('asks which appeal only when there are several; the decision letter only offers decided ones', () => {
    const one = { ...victimCase, appeals: [appeal('a1', '2026-04-01')] };
    const two = {
      ...victimCase,
      appeals: [appeal('a1', '2026-04-01', '2026-04-20'), appeal('a2', '2026-05-01')],
    };
    expect(letterNeeds(summary('appeal-acknowledgement'), one).appeal).toBe(false);
    expect(letterNeeds(summary('appeal-acknowledgement'), two).appeal).toBe(true);
    expect(appealChoices('appeal-acknowledgement', two).map((a) => a.appealId)).toEqual(['a2', 'a1']);
    expect(appealChoices('appeal-decision', two).map((a) => a.appealId)).toEqual(['a1']);
    expect(letterNeeds(summary('appeal-decision'), two).appeal).toBe(false);
  });

  it('asks when and why the case will close for a closure letter written before it closes', () => {
    expect(letterNeeds(summary('closure', { applies: false }), victimCase).closure).toBe(true);
    const closed = {
      ...victimCase,
      closed: {
        closedOn: '2026-05-01',
        reason: 'actions-complete' as const,
        keepsRightsOpen: false,
        statusBefore: 'monitoring' as const,
      },
    };
    expect(letterNeeds(summary('closure'), closed).closure).toBe(false);
  });
});

describe('the letters listed now', () => {
  const letters = [
    summary('ct1'),
    summary('ct3', { applies: false, why: 'it follows a decision that the threshold is not met.' }),
    summary('invitation'),
    summary('closure', { applies: false, why: 'the case is not closed' }),
  ];

  it('lists those that apply, and the closure letter in advance while the case is open', () => {
    const open = { closed: undefined, status: 'panel-booked' as const };
    expect(lettersNow(letters, open).map((l) => l.kind)).toEqual(['ct1', 'invitation', 'closure']);
    expect(lettersNotNow(letters, open).map((l) => l.kind)).toEqual(['ct3']);
  });

  it('offers the invitation only before the review is held', () => {
    const held = { closed: undefined, status: 'review-held' as const };
    expect(lettersNow(letters, held).map((l) => l.kind)).toEqual(['ct1', 'closure']);
    const closed = {
      closed: {
        closedOn: '2026-05-01',
        reason: 'withdrawn' as const,
        keepsRightsOpen: false,
        statusBefore: 'monitoring' as const,
      },
      status: 'closed' as const,
    };
    expect(lettersNow(letters, closed).map((l) => l.kind)).toEqual(['ct1']);
  });
});

describe('the letter options sent to the server', () => {
  const form = (patch: Partial<LetterForm> = {}): LetterForm => ({
    ...initialLetterForm(summary('outcome'), victimCase, '2026-03-12', 'actions-complete'),
    ...patch,
  });
  const none = { to: false, choices: false, appeal: false, closure: false };

  it('starts with nothing shared with the victim, the latest appeal, and today as the closing date', () => {
    expect(form()).toEqual({
      to: 'victim',
      recommendations: [],
      actions: [],
      appealId: '',
      closesOn: '2026-03-12',
      closureReason: 'actions-complete',
      closureDetail: '',
      redact: '',
      victimConsultedOn: '',
      notConsultedReason: '',
    });
    const withAppeals = { ...victimCase, appeals: [appeal('a1', '2026-04-01'), appeal('a2', '2026-05-01')] };
    expect(
      initialLetterForm(summary('appeal-acknowledgement'), withAppeals, '2026-05-02', 'withdrawn').appealId,
    ).toBe('a2');
  });

  // 2025 statutory guidance: the victim is consulted on the action plan before it is final, or we say why not.
  it('sends why the victim was not consulted only when no consultation date is given', () => {
    const choices = { ...none, choices: true };
    expect(letterOptions(form({ notConsultedReason: ' Declined ' }), choices)).toMatchObject({
      notConsultedReason: 'Declined',
    });
    expect(
      letterOptions(form({ victimConsultedOn: '2026-03-11', notConsultedReason: 'Declined' }), choices),
    ).not.toHaveProperty('notConsultedReason');
  });

  it('sends only the options the letter needs', () => {
    const f = form({ to: 'applicant', recommendations: ['rec-1'], actions: [], appealId: 'a1' });
    expect(letterOptions(f, none)).toEqual({});
    expect(letterOptions(f, { ...none, choices: true })).toEqual({ recommendations: ['rec-1'], actions: [] });
    // The outcome letter carries when the victim was consulted, into the "outcome sent" it records.
    expect(letterOptions({ ...f, victimConsultedOn: '2026-03-11' }, { ...none, choices: true })).toEqual({
      recommendations: ['rec-1'],
      actions: [],
      victimConsultedOn: '2026-03-11',
    });
    expect(letterOptions(f, { ...none, to: true, appeal: true })).toEqual({
      to: 'applicant',
      appealId: 'a1',
    });
    expect(
      letterOptions(form({ closureReason: 'other', closureDetail: '  moved away  ' }), {
        ...none,
        closure: true,
      }),
    ).toEqual({ closure: { closesOn: '2026-03-12', reason: 'other', detail: 'moved away' } });
  });

  it('sends the names that must not appear, one a line, trimmed and without repeats', () => {
    expect(redactList(' John  Smith \n\nj. smith, John Smith;Mrs X ')).toEqual([
      'John Smith',
      'j. smith',
      'Mrs X',
    ]);
    expect(letterOptions(form({ redact: 'John Smith' }), none)).toEqual({ redact: ['John Smith'] });
  });

  it('finds what it can before asking the server', () => {
    expect(letterFormProblems(form({ closesOn: '' }), { ...none, closure: true })).toEqual([
      { path: 'closure.closesOn', message: 'Enter the date the case will close.' },
    ]);
    expect(
      letterFormProblems(form({ closureReason: 'other' }), { ...none, closure: true }).map((p) => p.path),
    ).toEqual(['closure.detail']);
    expect(letterFormProblems(form({ redact: 'X' }), none).map((p) => p.path)).toEqual(['redact']);
    expect(letterFormProblems(form(), none)).toEqual([]);
  });
});

describe('letters in the case', () => {
  it('finds the clock a letter meets, and the file it was stored as', () => {
    const clocks = [
      {
        clock: 'acknowledgement',
        label: 'Acknowledge',
        dueOn: '2026-03-05',
        metOn: '2026-03-03',
        late: false,
      },
      { clock: 'outcome', label: 'Outcome', dueOn: '2026-03-19', late: false },
    ] as Parameters<typeof clockMet>[1];
    expect(clockMet('acknowledgement', clocks)?.metOn).toBe('2026-03-03');
    expect(clockMet('outcome', clocks)?.metOn).toBeUndefined();
    expect(clockMet(undefined, clocks)).toBeUndefined();
    const files = [{ fileId: 'f1', name: 'CT-2026-0001 CT4 threshold met.docx' }] as Parameters<
      typeof letterFileName
    >[1];
    expect(letterFileName('f1', files, 'CT-2026-0001', 'CT4 threshold met')).toBe(
      'CT-2026-0001 CT4 threshold met.docx',
    );
    expect(letterFileName('f2', files, 'CT-2026-0001', 'outcome letter')).toBe(
      'CT-2026-0001 outcome letter.docx',
    );
    expect(letterKindLabel('ct4')).toBe('CT4 threshold met');
    expect(letterKindLabel('something-new')).toBe('something-new');
  });

  it('rebuilds only allowed elements of the preview: scripts and frames go, with what is in them', () => {
    for (const tag of ['article', 'P', 'h2', 'ul', 'li', 'table', 'td', 'br', 'span'])
      expect({ tag, t: previewTreatment(tag) }).toEqual({ tag, t: 'keep' });
    for (const tag of [
      'script',
      'SCRIPT',
      'style',
      'iframe',
      'object',
      'img',
      'svg',
      'form',
      'a'.replace('a', 'input'),
    ])
      expect({ tag, t: previewTreatment(tag) }).toEqual({ tag, t: 'drop' });
    // Anything else unknown keeps its text only (a link becomes plain words).
    expect(previewTreatment('a')).toBe('unwrap');
    expect(previewTreatment('marquee')).toBe('unwrap');
    expect(previewClass('letterhead')).toBe('letterhead');
    expect(previewClass('field answer')).toBe('field answer');
    expect(previewClass('x" onclick="alert(1)')).toBeUndefined();
    expect(previewClass(null)).toBeUndefined();
  });
});

describe('the panel form', () => {
  let n = 0;
  const key = () => `k${++n}`;
  const state = {
    agencies: ['herts-pcc', 'ehc', 'herts-police'],
    victimContact: { contactedOn: '2026-03-10', choice: 'attend-online' as const },
  };

  it('proposes one member per agency on the case, the bodies that make up the panel (East Herts s.12) first, and the victim’s recorded choice', () => {
    const form = initialPanelForm(state, policy, key);
    expect(form.members.map((m) => m.agencyId)).toEqual(['ehc', 'herts-police', 'herts-pcc']);
    expect(form.victimParticipation).toBe('attend-online');
    expect(form.chairIndependent).toBe(true);
  });

  it('starts a reschedule from the booking, in UK time', () => {
    const booked = {
      ...state,
      panel: {
        bookingId: 'b1',
        start: '2026-06-10T09:00:00.000Z',
        end: '2026-06-10T10:30:00.000Z',
        members: [{ name: 'Priya Shah', agencyId: 'ehc', role: 'member' as const }],
        chair: { name: 'Jordan Lee', organisation: 'North Herts Council', independent: true },
        victimParticipation: 'impact-statement' as const,
        status: 'booked' as const,
      },
    };
    const form = initialPanelForm(booked, policy, key);
    expect([form.date, form.startTime, form.endTime]).toEqual(['2026-06-10', '10:00', '11:30']);
    expect(form.members[0]).toMatchObject({ name: 'Priya Shah', agencyId: 'ehc', email: '' });
    expect(form.victimParticipation).toBe('impact-statement');
    // After a cancellation: the same people, no time, and the victim's latest choice.
    const again = initialPanelForm(
      { ...booked, panel: { ...booked.panel, status: 'cancelled' } },
      policy,
      key,
    );
    expect([again.date, again.startTime, again.endTime]).toEqual(['', '', '']);
    expect(again.members.map((m) => m.name)).toEqual(['Priya Shah']);
    expect(again.chairName).toBe('Jordan Lee');
    expect(again.victimParticipation).toBe('attend-online');
  });

  // East Herts s.12: "As a minimum, the panel must include three representatives from" its community safety
  // team, the police SNT inspector, a social housing provider and the CCG: the PCC and HCC do not count.
  it('counts the quorum from the policy’s panel list (East Herts s.12) and names the ones to add', () => {
    const rows = [
      blankMember('a', 'ehc'),
      blankMember('b', 'ehc'),
      blankMember('c', 'herts-pcc'),
      blankMember('d'),
    ];
    expect(quorumOf(rows, policy)).toEqual({
      bodies: ['ehc'],
      required: 3,
      met: false,
      others: ['herts-pcc'],
      counting: ['ehc', 'herts-police', 'social-housing', 'icb'],
    });
    expect(missingBodies(rows, policy).map((a) => a.id)).toEqual(['herts-police', 'social-housing', 'icb']);
  });

  it('warns (never refuses) about a chair who is not independent, or "independent" but from an agency', () => {
    const chair = {
      chairName: 'Jordan Lee',
      chairOrganisation: 'North Herts Council',
      chairIndependent: true,
    };
    expect(chairAdvice(chair, policy)).toEqual([]);
    expect(chairAdvice({ ...chair, chairIndependent: false }, policy)[0]).toMatch(/not independent/);
    expect(chairAdvice({ ...chair, chairOrganisation: 'Hertfordshire Constabulary' }, policy)[0]).toMatch(
      /marked independent but comes from Hertfordshire Constabulary/,
    );
    expect(chairAdvice({ ...chair, chairName: '' }, policy)).toEqual([]);
  });

  const complete = (): PanelForm => ({
    ...initialPanelForm({ agencies: ['ehc', 'herts-police', 'social-housing'] }, policy, key),
    date: '2026-03-11',
    startTime: '09:00',
    endTime: '10:30',
    chairName: 'Jordan Lee',
    chairOrganisation: 'North Herts Council',
  });

  it('finds missing names, a short panel, bad emails and times before asking the server', () => {
    const form = complete();
    expect(panelProblems(form, policy, { needTime: true }).map((p) => p.path)).toEqual([
      'members[0].name',
      'members[1].name',
      'members[2].name',
    ]);
    form.members = form.members.map((m, i) => ({ ...m, name: `Member ${i}` }));
    expect(panelProblems(form, policy, { needTime: true })).toEqual([]);
    form.members[2] = { ...form.members[2]!, agencyId: 'herts-pcc', email: 'not an email' };
    form.endTime = '08:00';
    expect(panelProblems(form, policy, { needTime: true }).map((p) => p.path)).toEqual([
      'end',
      'members[2].email',
      'members',
    ]);
    expect(panelProblems({ ...form, date: '' }, policy, { needTime: false }).map((p) => p.path)).toEqual([
      'members[2].email',
      'members',
    ]);
  });

  it('books with UK times as instants, emails only when given, and no blank location', () => {
    const form = complete();
    form.members = form.members.map((m, i) => ({
      ...m,
      name: ` Member ${i} `,
      email: i === 1 ? ' a@b.example ' : '',
    }));
    const body = bookingBody({ ...form, date: '2026-06-10' }, '00000000-0000-4000-8000-000000000000');
    expect(body).toEqual({
      requestId: '00000000-0000-4000-8000-000000000000',
      start: '2026-06-10T09:00:00+01:00',
      end: '2026-06-10T10:30:00+01:00',
      members: [
        { name: 'Member 0', agencyId: 'ehc', role: 'member' },
        { name: 'Member 1', agencyId: 'herts-police', role: 'member', email: 'a@b.example' },
        { name: 'Member 2', agencyId: 'social-housing', role: 'member' },
      ],
      chair: { name: 'Jordan Lee', organisation: 'North Herts Council', independent: true },
      victimParticipation: 'undecided',
    });
  });

  it('searches two weeks from today for everyone named, the chair included', () => {
    const form = complete();
    form.members[0] = { ...form.members[0]!, name: 'Priya Shah' };
    expect(defaultSearch('2026-03-09')).toEqual({
      from: '2026-03-09',
      to: '2026-03-23',
      durationMinutes: 90,
    });
    expect(slotSearchBody(form, defaultSearch('2026-03-09'))).toEqual({
      from: '2026-03-09',
      to: '2026-03-23',
      durationMinutes: 90,
      stepMinutes: 60,
      limit: 20,
      attendees: [{ name: 'Priya Shah', agencyId: 'ehc' }, { name: 'Jordan Lee' }],
    });
  });
});

describe('proposed times', () => {
  it('shows a slot in UK time, in winter and in summer', () => {
    expect(formatSlot({ start: '2026-03-11T09:00:00.000Z', end: '2026-03-11T10:30:00.000Z' })).toBe(
      'Wed 11 Mar 2026, 09:00 to 10:30',
    );
    expect(formatSlot({ start: '2026-06-10T09:00:00.000Z', end: '2026-06-10T10:30:00.000Z' })).toBe(
      'Wed 10 Jun 2026, 10:00 to 11:30',
    );
    expect(formatSlot({ start: '2026-06-10T22:30:00.000Z', end: '2026-06-11T00:30:00.000Z' })).toBe(
      'Wed 10 Jun 2026, 23:30 to Thu 11 Jun 2026, 01:30',
    );
  });

  it('puts a chosen slot into the form and knows which one is chosen', () => {
    const slot = { start: '2026-03-29T09:00:00.000Z', end: '2026-03-29T10:00:00.000Z' };
    // 29 March 2026: the clocks go forward at 01:00 UTC, so 09:00 UTC is 10:00 BST.
    expect(slotToForm(slot)).toEqual({ date: '2026-03-29', startTime: '10:00', endTime: '11:00' });
    expect(isChosenSlot({ date: '2026-03-29', startTime: '10:00', endTime: '11:00' }, slot)).toBe(true);
    expect(isChosenSlot({ date: '2026-03-29', startTime: '10:00', endTime: '11:30' }, slot)).toBe(false);
  });
});

describe('with a real case state', () => {
  it('needs no choices for CT4 on a case built with the shared rules, and offers its invitation once booked', () => {
    const b = new CaseBuilder('j')
      .received('2026-03-02', ['ehc', 'herts-police', 'social-housing'])
      .decided('2026-03-03');
    const state = reduceCase(b.events, policy);
    expect(issuesInOneClick(letterNeeds(summary('ct4'), state))).toBe(true);
    expect(initialPanelForm(state, policy, () => 'k').members.map((m) => m.agencyId)).toEqual([
      'ehc',
      'herts-police',
      'social-housing',
    ]);
    b.add('panel-booked', '2026-03-04', {
      bookingId: 'b1',
      start: '2026-03-11T09:00:00.000Z',
      end: '2026-03-11T10:30:00.000Z',
      members: [member('ehc'), member('herts-police'), member('social-housing')],
      chair: { name: 'Jordan Lee', organisation: 'North Herts Council', independent: true },
      victimParticipation: 'attend-online',
    });
    const booked = reduceCase(b.events, policy);
    expect(lettersNow([summary('invitation')], booked).map((l) => l.kind)).toEqual(['invitation']);
  });
});
