import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getPolicy, reduceCase } from '../../shared';
import { composeMinutes } from '../../bot/letters/minutes';
import { loadTemplates } from '../../bot/letters/templates';
import { CaseBuilder, member } from '../support/case-builder';

/** Issue 15: a council lays out its minutes in its template file, as it words its letters. */
describe("the minutes' layout per council", () => {
  const policy = getPolicy('east-herts');
  const b = new CaseBuilder()
    .received('2026-03-02', ['ehc', 'herts-police', 'social-housing'])
    .decided('2026-03-10');
  b.add('review-held', '2026-04-14', {
    heldOn: '2026-04-14',
    attendees: [member('ehc'), member('herts-police'), member('social-housing')],
    victimParticipation: 'attended',
    recommendations: [{ id: 'rec-1', text: 'Patrols at night', ownerAgency: 'herts-police' }],
    actions: [],
  });
  const state = reduceCase(b.events, policy);
  const texts = (layout?: ReturnType<typeof loadTemplates>['minutes']) =>
    composeMinutes({ reference: 'CT-2026-0001', state }, policy, layout);
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'asb-minutes-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the built-in layout unless a council changes it', () => {
    const doc = texts(loadTemplates('east-herts').minutes);
    expect(doc).toMatchObject({ title: 'Case review minutes: CT-2026-0001', marking: 'OFFICIAL-SENSITIVE' });
    expect(doc).toEqual(texts());
  });

  it("takes a council's title, marking, headings and closing words, and keeps what the meeting recorded", () => {
    const file = join(dir, 'council.json');
    writeFileSync(
      file,
      JSON.stringify({
        minutes: {
          title: 'ASB case review {{reference}}: notes of the meeting',
          marking: 'OFFICIAL',
          headings: { actionPlan: 'Agreed actions' },
          closing: ['Questions about these notes go to the Community Safety Team.'],
        },
      }),
    );
    const doc = texts(loadTemplates('east-herts', file).minutes);
    const said = doc.paragraphs.map((p) => p.text);
    expect(doc).toMatchObject({
      title: 'ASB case review CT-2026-0001: notes of the meeting',
      marking: 'OFFICIAL',
    });
    expect(said).toEqual(
      expect.arrayContaining([
        'Attendance',
        'Agreed actions',
        'Patrols at night (Hertfordshire Constabulary)',
        'Questions about these notes go to the Community Safety Team.',
      ]),
    );
    expect(said).not.toContain('Action plan');
  });

  it('names a wrong layout by its path', () => {
    const file = join(dir, 'wrong.json');
    writeFileSync(file, JSON.stringify({ minutes: { headings: { attendance: '' }, colour: 'red' } }));
    expect(() => loadTemplates('east-herts', file)).toThrow(/minutes/);
  });
});
