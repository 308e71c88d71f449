/** Issuing letters: idempotent, refused when the case or the redact list says no, previews, who may write. */
import { randomUUID } from 'node:crypto';
import { caseClocks, TransitionError } from '../../shared';
import { InvalidInputError } from '../../bot/app/errors';
import type { LetterService } from '../../bot/app/letter-service';
import { agenciesOf, createWorld, decide, openCase, record, lettersOf, type World } from './case-world';
import { text } from './preset-facts';

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
