import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { letterKinds } from '../../bot/letters/letter-kinds';
import { TemplateError } from '../../bot/letters/render-template';
import { loadTemplates } from '../../bot/letters/templates';
import { createWorld, lettersOf, openCase } from './case-world';

describe('letter wording per council', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'asb-templates-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every letter has default wording; a preset adds its council contact details', () => {
    const eh = loadTemplates('east-herts');
    expect(Object.keys(eh.kinds).sort()).toEqual([...letterKinds].sort());
    expect(eh.contact).toMatchObject({ phone: '01279 655261', email: 'community.safety@eastherts.gov.uk' });
    expect(loadTemplates('erewash').contact).toMatchObject({ phone: '0115 907 2274' });
    expect(loadTemplates('statutory').contact).toEqual({});
  });

  it("a council's own file changes the wording of one letter and keeps the rest", async () => {
    const file = join(dir, 'council.json');
    writeFileSync(
      file,
      JSON.stringify({
        contact: { phone: '01234 567890' },
        kinds: {
          ct1: {
            heading: 'We have your Community Trigger application',
            blocks: ['Thank you. {{council}} will decide by {{decisionDueOn}}. Call {{contact}}.'],
          },
        },
      }),
    );
    const templates = loadTemplates('east-herts', file);
    expect(templates.contact).toMatchObject({
      phone: '01234 567890',
      email: 'community.safety@eastherts.gov.uk',
    });
    expect(templates.kinds.ct1.title).toBe(loadTemplates('east-herts').kinds.ct1.title);
    const w = createWorld('east-herts');
    try {
      const letters = lettersOf(w, templates);
      const { caseId } = await openCase(w);
      const preview = await letters.preview(caseId, 'ct1', w.spoc);
      expect(preview.paragraphs.map((p) => p.text)).toEqual(
        expect.arrayContaining([
          'We have your Community Trigger application',
          'Thank you. East Herts District Council will decide by 20 March 2026. Call by phone on 01234 567890 or by email at community.safety@eastherts.gov.uk.',
        ]),
      );
    } finally {
      await w.close();
    }
  });

  it('names every problem in a wrong file by its path, and a placeholder the letter lacks by its name', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        contact: { email: 'not-an-email' },
        kinds: { ct9: {}, ct1: { blocks: [{ lst: 'x' }] } },
      }),
    );
    expect(() => loadTemplates('east-herts', bad)).toThrow(/contact\.email[\s\S]*kinds/);
    const typo = join(dir, 'typo.json');
    writeFileSync(typo, JSON.stringify({ kinds: { ct1: { blocks: ['Hello {{victimNmae}}'] } } }));
    const w = createWorld('east-herts');
    try {
      const letters = lettersOf(w, loadTemplates('east-herts', typo));
      const { caseId } = await openCase(w);
      await expect(letters.preview(caseId, 'ct1', w.spoc)).rejects.toThrow(TemplateError);
      await expect(letters.preview(caseId, 'ct1', w.spoc)).rejects.toThrow('{{victimNmae}}');
    } finally {
      await w.close();
    }
  });
});
