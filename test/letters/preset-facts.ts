/** What the letter tests read: each preset's facts the letters must carry, and a letter's text from its .docx. */
import mammoth from 'mammoth';
import type { PresetId, World } from './case-world';

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
