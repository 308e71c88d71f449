/** Letters for each preset: the threshold decision, the review form, exclusions, third parties and second reports. */
import JSZip from 'jszip';
import type { LetterService } from '../../bot/app/letter-service';
import {
  APPLICANT,
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
  let letters: LetterService;
  const issue = eachWorld(preset, (world) => ({ w, letters } = world));

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
