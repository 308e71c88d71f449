/**
 * What the per-preset letter tests share: each preset's facts the letters must carry, a fresh world for
 * each test, and a letter's text read back from its .docx.
 */
import { randomUUID } from 'node:crypto';
import mammoth from 'mammoth';
import type { LetterService } from '../../bot/app/letter-service';
import type { LetterOptions } from '../../bot/letters/compose-letter';
import type { LetterKind } from '../../bot/letters/letter-kinds';
import { createWorld, lettersOf, type PresetId, type World } from './case-world';

/** The preset-specific facts each letter must carry, straight from the policies (and the councils' pages). */
export const expected: Record<
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

/** The letter as the recipient reads it: the text of its .docx, white space folded. */
export async function text(w: World, fileId: string): Promise<string> {
  const file = await w.stores.files.getFile(fileId);
  expect(file).not.toBeNull();
  const { value } = await mammoth.extractRawText({ buffer: file!.bytes });
  return value.replace(/\s+/g, ' ');
}

/**
 * A fresh world for `preset` before each test (closed after it), handed to `use`; returns `issue`, which
 * issues a letter in the current world, as the SPOC, and reads it back as text.
 */
export function eachWorld(preset: PresetId, use: (world: { w: World; letters: LetterService }) => void) {
  let w: World;
  let letters: LetterService;
  beforeEach(() => {
    w = createWorld(preset);
    letters = lettersOf(w);
    use({ w, letters });
  });
  afterEach(() => w.close());
  return async (caseId: string, kind: LetterKind, options: LetterOptions = {}) => {
    const issued = await letters.issue(caseId, kind, w.spoc, { ...options, requestId: randomUUID() });
    return { issued, text: await text(w, issued.fileId) };
  };
}
