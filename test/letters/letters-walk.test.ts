/** Letters for each preset: a case from application to closure, one letter at each step. */
import { randomUUID } from 'node:crypto';
import {
  agenciesOf,
  decide,
  openCase,
  record,
  VICTIM,
  expectToSay,
  type PresetId,
  type World,
} from './case-world';
import { eachWorld, expected } from './preset-facts';

describe.each<PresetId>(['east-herts', 'erewash', 'statutory'])('letters for %s', (preset) => {
  const x = expected[preset];
  let w: World;
  const issue = eachWorld(preset, (world) => (w = world.w));

  it('walks a case from application to closure, one letter at each step, each read back from its .docx', async () => {
    const a = agenciesOf[preset];
    const { caseId, reference } = await openCase(w);

    // CT1: acknowledges the application and meets the acknowledgement clock.
    const ct1 = await issue(caseId, 'ct1');
    expect(ct1.issued.recorded).toEqual(['letter-issued', 'acknowledged']);
    expect(ct1.issued.name).toBe(`${reference} CT1 acknowledgement.docx`);
    expectToSay(ct1.text, [
      x.council,
      reference,
      VICTIM.name,
      '12 Sample Road',
      '2 March 2026',
      x.decisionDue,
      '14 working days',
      '28 days',
      x.phone,
      'Sam Patel',
      ...x.support,
    ]);
    for (const s of x.notSupport) expect(ct1.text).not.toContain(s);
    expect(ct1.text).toMatch(x.chair);
    const detail = await w.service.getCase(caseId, w.spoc);
    expect(detail.clocks.find((c) => c.clock === 'acknowledgement')).toMatchObject({
      metOn: '2026-03-02',
      late: false,
    });
    expect(detail.files.find((f) => f.fileId === ct1.issued.fileId)).toMatchObject({ kind: 'letter' });

    // CT4: threshold met, support services, and how the victim's voice will be heard.
    await decide(w, caseId, '2026-03-10', 'met', [
      'Three qualifying complaints were made within six months.',
    ]);
    const ct4 = await issue(caseId, 'ct4');
    expect(ct4.issued.recorded).toEqual(['letter-issued']);
    expectToSay(ct4.text, [
      '10 March 2026',
      'meets the threshold',
      'attend the start of the case review meeting',
      'victim impact statement',
      '7 working days',
      ...x.support,
    ]);
    expect(ct4.text).toMatch(x.chair);

    // The meeting invitation: members, date, time and place.
    w.at('2026-03-20');
    await w.service.recordEvent(
      caseId,
      {
        id: randomUUID(),
        type: 'panel-booked',
        payload: {
          bookingId: 'bk-1',
          start: '2026-04-14T09:00:00Z', // 10:00 in London (BST)
          end: '2026-04-14T11:00:00Z',
          members: [
            { name: 'Pat Council', agencyId: a.council, role: 'member' },
            { name: 'Inspector Ray', agencyId: a.police, role: 'member' },
            { name: 'Lee Housing', agencyId: a.housing, role: 'member' },
          ],
          chair: { name: 'Jordan Lee', organisation: 'North Herts Council', independent: true },
          victimParticipation: 'attend-online',
          joinUrl: 'https://teams.microsoft.com/l/meetup-join/abc',
        },
      },
      w.spoc,
    );
    const invitation = await issue(caseId, 'invitation');
    expectToSay(invitation.text, [
      'Tuesday 14 April 2026',
      '10:00 to 12:00 (UK time)',
      'Online, on Microsoft Teams',
      'https://teams.microsoft.com/l/meetup-join/abc',
      'Jordan Lee (North Herts Council)',
      'Inspector Ray',
      'Lee Housing',
      'attend the start of the meeting',
    ]);

    // The review: one action names the alleged perpetrator; it is never chosen for the victim's letter.
    await record(w, caseId, '2026-04-14', 'review-held', {
      heldOn: '2026-04-14',
      attendees: [
        { name: 'Pat Council', agencyId: a.council, role: 'member' },
        { name: 'Inspector Ray', agencyId: a.police, role: 'member' },
        { name: 'Lee Housing', agencyId: a.housing, role: 'member' },
      ],
      victimParticipation: 'attended',
      recommendations: [
        { id: 'r1', text: 'Install CCTV covering the shared entrance.', ownerAgency: a.housing },
        { id: 'r2', text: 'Consider a civil injunction against Dave Perpetrator.', ownerAgency: a.council },
      ],
      actions: [
        {
          id: 'a1',
          description: 'Fit a door entry system',
          ownerAgency: a.housing,
          dueOn: '2026-05-29',
          status: 'open',
        },
        {
          id: 'a2',
          description: 'Warn Dave Perpetrator about his conduct',
          ownerAgency: a.police,
          dueOn: '2026-04-30',
          status: 'open',
        },
      ],
    });
    w.at('2026-04-16');
    const redact = ['Dave Perpetrator'];
    const outcome = await issue(caseId, 'outcome', {
      recommendations: ['r1'],
      actions: ['a1'],
      redact,
      victimConsultedOn: '2026-04-15',
    });
    expect(outcome.issued.recorded).toEqual(['letter-issued', 'outcome-sent']);
    expectToSay(outcome.text, [
      '14 April 2026',
      'Install CCTV covering the shared entrance.',
      'Fit a door entry system',
      '29 May 2026',
      x.monitoring,
      '15 working days',
      '5 working days',
    ]);
    expect(outcome.text).toMatch(x.appealHearer);
    expect(outcome.text).not.toMatch(/Dave|Perpetrator|civil injunction|Warn/);
    const afterOutcome = await w.service.getCase(caseId, w.spoc);
    // The victim was consulted on the action plan before it was final, and the case says when.
    expect(afterOutcome.state.reviews.at(-1)?.victimConsultedOn).toBe('2026-04-15');
    expect(afterOutcome.clocks.find((c) => c.clock === 'outcome')).toMatchObject({
      metOn: '2026-04-16',
      late: false,
    });

    // Appeal against the outcome: acknowledgement and decision name the policy's appeal route.
    await record(w, caseId, '2026-04-20', 'appeal-lodged', {
      appealId: 'ap-1',
      receivedOn: '2026-04-20',
      against: 'review-outcome',
      grounds: ['facts-not-considered'],
    });
    const ack = await issue(caseId, 'appeal-acknowledgement');
    expectToSay(ack.text, [
      'your appeal against the outcome of your case review',
      '20 April 2026',
      '15 working days',
      '12 May 2026',
    ]);
    expect(ack.text).toMatch(x.appealHearer);
    await record(w, caseId, '2026-04-28', 'appeal-heard', {
      appealId: 'ap-1',
      heardOn: '2026-04-28',
      by: 'Hearer',
    });
    await record(w, caseId, '2026-04-30', 'appeal-decided', {
      appealId: 'ap-1',
      decidedOn: '2026-04-30',
      outcome: 'dismissed',
      reasons: ['All the reported incidents were considered by the panel.'],
      notifiedOn: '2026-04-30',
    });
    const decision = await issue(caseId, 'appeal-decision');
    expectToSay(decision.text, [
      'decided to not uphold it',
      '30 April 2026',
      'the original decision stands',
      'All the reported incidents were considered by the panel.',
    ]);

    // Closure: when and why.
    await record(w, caseId, '2026-05-01', 'case-closed', {
      closedOn: '2026-05-01',
      reason: 'appeal-dismissed',
      detail: 'The agreed actions continue under the monitoring group.',
      victimToldOn: '2026-05-01',
    });
    const closure = await issue(caseId, 'closure', { actions: ['a1'] }); // issue 15: what was done
    expectToSay(closure.text, ['closed on 1 May 2026', 'your appeal was not upheld', 'still under way']);
    expect(closure.text).toContain('The agreed actions continue under the monitoring group.');

    // Every letter is in the case's timeline and files, and each file name is free of personal data.
    const final = await w.service.getCase(caseId, w.spoc);
    expect(final.state.letters.map((l) => l.kind)).toEqual([
      'ct1',
      'ct4',
      'invitation',
      'outcome',
      'appeal-acknowledgement',
      'appeal-decision',
      'closure',
    ]);
    const names = final.files.filter((f) => f.kind === 'letter').map((f) => f.name);
    expect(names).toHaveLength(7);
    for (const n of names) expect(n).toMatch(new RegExp(`^${reference} [\\w ]+\\.docx$`));
    for (const n of names) expect(n).not.toMatch(/Alice|Example|Sample/);
  });
});
