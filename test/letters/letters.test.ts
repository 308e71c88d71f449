import { randomUUID } from 'node:crypto';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { caseClocks, TransitionError } from '../../shared';
import { InvalidInputError } from '../../bot/app/errors';
import type { LetterService } from '../../bot/app/letter-service';
import type { LetterKind } from '../../bot/letters/letter-kinds';
import type { LetterOptions } from '../../bot/letters/compose-letter';
import {
  agenciesOf,
  APPLICANT,
  createWorld,
  decide,
  openCase,
  record,
  VICTIM,
  type PresetId,
  type World,
  expectToSay,
  lettersOf,
} from './case-world';

/** The preset-specific facts each letter must carry, straight from the policies (and the councils' pages). */
const expected: Record<
  PresetId,
  {
    council: string;
    ackTime: string;
    phone: string;
    decisionDue: string;
    support: string[];
    notSupport: string[];
    reviewer: RegExp;
    appealHearer: RegExp;
    chair: RegExp;
    monitoring: string;
  }
> = {
  'east-herts': {
    council: 'East Herts District Council',
    ackTime: 'within 3 working days',
    phone: '01279 655261',
    decisionDue: '20 March 2026', // 14 working days from Monday 2 March 2026
    support: ['Herts Beacon (victim support): 03000 11 55 55', 'ASB Help: asbhelp.co.uk'],
    notSupport: [],
    reviewer: /a peer at a neighbouring local authority/,
    appealHearer:
      /the Community Wellbeing and Partnerships Manager, East Herts District Council, where possible together with an independent representative/,
    chair: /an independent chair, from a neighbouring authority where possible/,
    monitoring: 'the East Herts Anti-social Behaviour Action Group (ASBAG)',
  },
  erewash: {
    council: 'Erewash Borough Council',
    ackTime: 'within 5 working days',
    phone: '0115 907 2274',
    decisionDue: '20 March 2026',
    support: ['ASB Help: asbhelp.co.uk'],
    notSupport: ['Herts Beacon'],
    reviewer: /the Office of the Police and Crime Commissioner for Derbyshire/,
    appealHearer: /the Office of the Police and Crime Commissioner for Derbyshire/,
    chair: /an independent chair\./,
    monitoring: 'the Erewash Community Safety Partnership',
  },
  // No council file: the default wording, with the SPOC's own email as the contact.
  statutory: {
    council: 'Any council in England and Wales',
    ackTime: 'within 5 working days',
    phone: 'by email at sam.patel@council.example',
    decisionDue: '20 March 2026',
    support: ['ASB Help: asbhelp.co.uk', 'Victim Support: 08 08 16 89 111'],
    notSupport: ['Herts Beacon', 'Telephone:'],
    reviewer: /a peer at a neighbouring local authority/,
    appealHearer:
      /by a neighbouring Community Safety Partnership, where possible together with an independent representative/,
    chair: /an independent chair\./,
    monitoring: 'the Community Safety Partnership ASB group',
  },
};

async function text(w: World, fileId: string): Promise<string> {
  const file = await w.stores.files.getFile(fileId);
  expect(file).not.toBeNull();
  const { value } = await mammoth.extractRawText({ buffer: file!.bytes });
  return value.replace(/\s+/g, ' ');
}

describe.each<PresetId>(['east-herts', 'erewash', 'statutory'])('letters for %s', (preset) => {
  const x = expected[preset];
  let w: World;
  let letters: LetterService;
  const issue = async (caseId: string, kind: LetterKind, options: LetterOptions = {}) => {
    const issued = await letters.issue(caseId, kind, w.spoc, { ...options, requestId: randomUUID() });
    return { issued, text: await text(w, issued.fileId) };
  };

  beforeEach(() => {
    w = createWorld(preset);
    letters = lettersOf(w);
  });
  afterEach(() => w.close());

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

  it('CT3 gives the reasons and CT3a the review form with its 28-day date and reviewer', async () => {
    const { caseId, reference } = await openCase(w);
    await decide(w, caseId, '2026-03-10', 'not-met', [
      'Only two complaints were made within a month of the behaviour.',
      'The third report was a diary sheet, which this policy does not count.',
    ]);
    const ct3 = await issue(caseId, 'ct3');
    expectToSay(ct3.text, [
      'does not meet the threshold',
      'Only two complaints were made within a month of the behaviour.',
      'The third report was a diary sheet',
      'three or more complaints',
      '6 months',
      '7 April 2026',
      'CT3a',
    ]);
    expect(ct3.text).toMatch(x.reviewer);
    expect(ct3.issued.recorded).toEqual(['letter-issued']); // the decision already carries notifiedOn

    const ct3a = await issue(caseId, 'ct3a');
    expect(ct3a.issued.name).toBe(`${reference} CT3a request for review form.docx`);
    expectToSay(ct3a.text, [
      'Request for a review',
      '10 March 2026',
      'by 7 April 2026',
      'within 28 days of the decision',
      reference,
      'Your name',
      'Your address',
      'The threshold was wrongly refused',
      'Relevant facts were not considered',
      'Signature',
    ]);
    expect(ct3a.text).toMatch(x.reviewer);
    expect(ct3a.text).not.toContain(VICTIM.name); // the applicant fills in their own details
    // A fillable form: protected except its answer boxes, with tick boxes.
    const zip = await JSZip.loadAsync((await w.stores.files.getFile(ct3a.issued.fileId))!.bytes);
    const settings = await zip.file('word/settings.xml')!.async('string');
    const body = await zip.file('word/document.xml')!.async('string');
    expect(settings).toMatch(/w:documentProtection[^>]*w:edit="readOnly"/);
    expect(body).toContain('w:permStart');
    expect(body).toContain('w14:checkbox');
  });

  // Issue 13: the council's own exclusion grounds, in the words its CT3 letter uses (East Herts s.9; Erewash:
  // "may be rejected if they are thought to be prejudicial, discriminatory, malicious, unreasonable or vexatious").
  it("CT3 gives an exclusion in the policy's own words", async () => {
    const ground = w.policy.exclusions.find((g) => g.id === 'vexatious')!;
    const { caseId } = await openCase(w, { exclusions: ['vexatious'] });
    await record(w, caseId, '2026-03-10', 'threshold-decided', {
      decidedOn: '2026-03-10',
      outcome: 'ineligible',
      advisedOutcome: 'ineligible',
      reasons: [],
      decidedBy: 'spoc-1',
    });
    const ct3 = await issue(caseId, 'ct3');
    expect(ct3.text).toContain(ground.letterText);
  });

  // Issue 13: "a duty is met by the act that meets it": the letter tells the applicant, not a default date.
  it('CT4 meets the decision clock when the decision was recorded without a "told on" date', async () => {
    const { caseId } = await openCase(w);
    await record(w, caseId, '2026-03-10', 'threshold-decided', {
      decidedOn: '2026-03-10',
      outcome: 'met',
      route: 'count',
      advisedOutcome: 'met',
      reasons: [],
      decidedBy: 'spoc-1',
    });
    const before = await w.service.getCase(caseId, w.spoc);
    expect(before.clocks.find((c) => c.clock === 'thresholdDecision')?.metOn).toBeUndefined();
    w.at('2026-03-11');
    await issue(caseId, 'ct4');
    const after = await w.service.getCase(caseId, w.spoc);
    expect(after.clocks.find((c) => c.clock === 'thresholdDecision')).toMatchObject({ metOn: '2026-03-11' });
    expect(after.state.decisions[0]?.notifiedOn).toBe('2026-03-11');
  });

  it('CT3 falls back to the advisory assessment when the decision was recorded without reasons', async () => {
    const { caseId } = await openCase(w);
    await decide(w, caseId, '2026-03-10', 'not-met', []);
    const preview = await letters.preview(caseId, 'ct3', w.spoc);
    const bullets = preview.paragraphs.filter((p) => p.type === 'bullet').map((p) => p.text);
    expect(bullets.length).toBeGreaterThan(0);
  });

  // East Herts s.11: "Where the trigger has been activated by a Third Party an acknowledgement will be sent
  // to them (CT2)": a third party's application is acknowledged only when both CT1 and CT2 have gone.
  it('CT2 goes to the third-party applicant, and the acknowledgement is met only with CT1 as well', async () => {
    const { caseId } = await openCase(w, { thirdParty: true });
    const ct2 = await issue(caseId, 'ct2');
    expect(ct2.text).toContain(`Dear ${APPLICANT.name},`);
    expect(ct2.text).toContain("the victim's consent");
    expect(ct2.issued.recorded).toEqual(['letter-issued', 'acknowledged']);
    let detail = await w.service.getCase(caseId, w.spoc);
    expect(detail.clocks.find((c) => c.clock === 'acknowledgement')?.metOn).toBeUndefined();
    expect(detail.deadlines.map((d) => d.clock)).toContain('acknowledgement');
    w.at('2026-03-03');
    const ct1 = await issue(caseId, 'ct1'); // the victim's own letter is a step of its own
    expect(ct1.text).toContain(`Dear ${VICTIM.name},`);
    expect(ct1.issued.recorded).toEqual(['letter-issued', 'acknowledged']);
    detail = await w.service.getCase(caseId, w.spoc);
    expect(detail.clocks.find((c) => c.clock === 'acknowledgement')?.metOn).toBe('2026-03-03');
    expect(detail.state.acknowledged).toEqual({ victim: '2026-03-03', thirdParty: '2026-03-02' });
  });

  it('explains the case review to a victim who reported a second time within six months (2025 guidance)', async () => {
    const { caseId } = await openCase(w);
    const info = await issue(caseId, 'second-report');
    expectToSay(info.text, [
      'more than once within 6 months',
      'Community Trigger',
      'three or more complaints',
      'in the last 6 months',
      'with your consent',
      x.council,
      x.phone,
      x.ackTime,
    ]);
    expect(info.issued.name).toMatch(/case review information\.docx$/);
  });
});

describe('issuing', () => {
  let w: World;
  let letters: LetterService;
  beforeEach(() => {
    w = createWorld('east-herts');
    letters = lettersOf(w);
  });
  afterEach(() => w.close());

  it('is idempotent: the same requestId stores one file and records one event', async () => {
    const { caseId } = await openCase(w);
    const requestId = randomUUID();
    const first = await letters.issue(caseId, 'ct1', w.spoc, { requestId });
    const again = await letters.issue(caseId, 'ct1', w.spoc, { requestId });
    expect(again).toEqual({ ...first, recorded: [] });
    const detail = await w.service.getCase(caseId, w.spoc);
    expect(detail.files.filter((f) => f.kind === 'letter')).toHaveLength(1);
    expect(detail.state.timeline.map((t) => t.type)).toEqual([
      'application-received',
      'letter-issued',
      'acknowledged',
    ]);
    expect(detail.state.timeline[1]!.eventId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('a retry after the file was stored but before the events were recorded completes the issue once', async () => {
    const { caseId } = await openCase(w);
    const requestId = randomUUID();
    const recordEvents = w.service.recordEvents.bind(w.service);
    const spy = jest.spyOn(w.service, 'recordEvents').mockRejectedValueOnce(new Error('network'));
    await expect(letters.issue(caseId, 'ct1', w.spoc, { requestId })).rejects.toThrow('network');
    spy.mockImplementation(recordEvents);
    const issued = await letters.issue(caseId, 'ct1', w.spoc, { requestId });
    expect(issued.recorded).toEqual(['letter-issued', 'acknowledged']);
    expect((await w.stores.files.caseFiles(caseId)).filter((f) => f.kind === 'letter')).toHaveLength(1);
  });

  it('refuses a letter the case does not allow yet, storing nothing', async () => {
    const { caseId } = await openCase(w);
    await expect(letters.issue(caseId, 'ct4', w.spoc, { requestId: randomUUID() })).rejects.toThrow(
      TransitionError,
    );
    await expect(letters.issue(caseId, 'outcome', w.spoc, { requestId: randomUUID() })).rejects.toThrow(
      /review first/,
    );
    expect(await w.stores.files.caseFiles(caseId)).toHaveLength(0);
  });

  it('refuses a victim letter that would carry a name on the redact list, and the preview flags it', async () => {
    const { caseId } = await openCase(w);
    await decide(w, caseId, '2026-03-10', 'not-met', [
      'The reports were about a dispute with Dave Perpetrator over parking.',
    ]);
    const redact = ['Charlie Neighbour', 'dave  PERPETRATOR'];
    const preview = await letters.preview(caseId, 'ct3', w.spoc, { redact });
    expect(preview.problems).toEqual([expect.objectContaining({ path: 'redact[1]' })]);
    expect(preview.problems[0]!.message).not.toMatch(/Dave|Perpetrator/i);
    const refused = letters.issue(caseId, 'ct3', w.spoc, { requestId: randomUUID(), redact });
    await expect(refused).rejects.toThrow(InvalidInputError);
    await expect(refused).rejects.toMatchObject({
      problems: [expect.objectContaining({ path: 'redact[1]' })],
    });
    const detail = await w.service.getCase(caseId, w.spoc);
    expect(detail.files).toHaveLength(0);
    expect(detail.state.letters).toHaveLength(0);
    // A name that is only part of a word does not match.
    const ok = await letters.preview(caseId, 'ct3', w.spoc, { redact: ['Dave Perp'] });
    expect(ok.problems).toEqual([]);
  });

  it('the outcome letter shares only the items chosen for the victim, and refuses unknown ids', async () => {
    const a = agenciesOf['east-herts'];
    const { caseId } = await openCase(w);
    await decide(w, caseId, '2026-03-10', 'met');
    await record(w, caseId, '2026-04-14', 'review-held', {
      heldOn: '2026-04-14',
      attendees: [
        { name: 'A', agencyId: a.council, role: 'member' },
        { name: 'B', agencyId: a.police, role: 'member' },
        { name: 'C', agencyId: a.housing, role: 'member' },
      ],
      victimParticipation: 'impact-statement',
      recommendations: [{ id: 'r1', text: 'Mediation between the households.' }],
      actions: [
        {
          id: 'a1',
          description: 'Visit the address of the alleged perpetrator',
          ownerAgency: a.police,
          dueOn: '2026-04-30',
          status: 'open',
        },
      ],
    });
    const none = await letters.preview(caseId, 'outcome', w.spoc);
    expect(none.html).not.toContain('Mediation');
    expect(none.html).not.toContain('alleged perpetrator');
    expect(none.html).toContain('No actions that concern you directly were agreed.');
    await expect(letters.preview(caseId, 'outcome', w.spoc, { actions: ['a9'] })).rejects.toMatchObject({
      problems: [{ path: 'actions[0]', message: expect.stringContaining('a9') }],
    });
    const list = await letters.list(caseId, w.spoc);
    expect(list.letters.find((l) => l.kind === 'outcome')).toMatchObject({
      applies: true,
      meets: 'outcome',
      choices: { recommendations: [{ id: 'r1' }], actions: [{ id: 'a1' }] },
    });
  });

  it('lists the letters that apply now, with those already issued', async () => {
    const { caseId } = await openCase(w);
    await letters.issue(caseId, 'ct1', w.spoc, { requestId: randomUUID() });
    const { letters: list } = await letters.list(caseId, w.spoc);
    const byKind = Object.fromEntries(list.map((l) => [l.kind, l]));
    expect(byKind.ct1).toMatchObject({ applies: true, issued: [{ issuedOn: '2026-03-02' }] });
    expect(byKind.ct2).toMatchObject({ applies: false, why: expect.stringContaining('third party') });
    expect(byKind.ct4).toMatchObject({ applies: false });
    expect(byKind['second-report']).toMatchObject({ applies: true });
    expect(byKind.closure).toMatchObject({ applies: false });
    expect(list.map((l) => l.kind)).toHaveLength(11);
  });

  it('previews as structured content and escaped HTML, the same content as the .docx', async () => {
    const { caseId } = await openCase(w);
    const preview = await letters.preview(caseId, 'ct1', w.spoc);
    expect(preview).toMatchObject({
      kind: 'ct1',
      title: 'Acknowledgement of your application for an ASB case review',
    });
    expect(preview.paragraphs[0]).toMatchObject({
      type: 'letterhead',
      text: expect.stringContaining('East Herts District Council'),
    });
    expect(preview.html).toContain('<article class="letter" data-kind="ct1">');
    expect(preview.html).toContain('Housing &amp; Health');
    const issued = await letters.issue(caseId, 'ct1', w.spoc, { requestId: randomUUID() });
    const docText = await text(w, issued.fileId);
    for (const p of preview.paragraphs.filter((p) => p.type === 'text'))
      expect(docText).toContain(p.text.replace(/\s+/g, ' '));
  });

  it('a closure letter can tell the victim in advance when and why the case will close', async () => {
    const { caseId } = await openCase(w);
    await expect(letters.preview(caseId, 'closure', w.spoc)).rejects.toThrow(/not closed/);
    const preview = await letters.preview(caseId, 'closure', w.spoc, {
      closure: { closesOn: '2026-06-30', reason: 'other', detail: 'All agencies have completed their work.' },
    });
    expect(preview.html).toContain('will close on 30 June 2026');
    expect(preview.html).toContain('All agencies have completed their work.');
  });

  it('writes to "Sir or Madam" when no contact details were recorded', async () => {
    const { caseId } = await openCase(w, { withParties: false });
    const preview = await letters.preview(caseId, 'ct1', w.spoc);
    expect(preview.html).toContain('Dear Sir or Madam,');
  });

  it('only a SPOC or manager writes letters', async () => {
    const { caseId } = await openCase(w);
    await expect(letters.list(caseId, w.directory.get('herts-police-1')!)).rejects.toThrow(/Only a SPOC/);
  });

  it('clocks: caseClocks sees the acknowledgement met by the CT1 letter', async () => {
    const { caseId } = await openCase(w);
    w.at('2026-03-04');
    await letters.issue(caseId, 'ct1', w.spoc, { requestId: randomUUID() });
    const record = await w.stores.cases.getCase(caseId);
    const clocks = caseClocks(w.service.reduce(record!), w.policy);
    expect(clocks.find((c) => c.clock === 'acknowledgement')).toMatchObject({
      metOn: '2026-03-04',
      dueOn: '2026-03-05',
      late: false,
    });
  });
});
