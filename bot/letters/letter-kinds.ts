/**
 * The letters a case review sends (East Herts policy s.11-13; the 2025 guidance), with the step of the
 * process each one belongs to. File names carry the case reference and the letter, never a person's name.
 */

// The kinds are part of the API's answers, so the contract defines them (bot/api/letters.ts).
import { letterKinds, type LetterKind } from '../api/letters';
export { letterKinds, type LetterKind };

export interface LetterKindInfo {
  /** The code councils use (CT1 ...), or a short name. */
  code: string;
  /** For lists and file names: "CT4 threshold met". */
  label: string;
  /** Who it goes to unless the SPOC says otherwise. */
  defaultTo: 'victim' | 'applicant';
  /** The clock that issuing it meets by recording an event, when that event is not recorded yet. */
  meets?: 'acknowledgement' | 'outcome';
}

export const letterKindInfo: Record<LetterKind, LetterKindInfo> = {
  ct1: { code: 'CT1', label: 'CT1 acknowledgement', defaultTo: 'victim', meets: 'acknowledgement' },
  ct2: {
    code: 'CT2',
    label: 'CT2 acknowledgement to third party',
    defaultTo: 'applicant',
    meets: 'acknowledgement',
  },
  ct3: { code: 'CT3', label: 'CT3 threshold not met', defaultTo: 'victim' },
  ct3a: { code: 'CT3a', label: 'CT3a request for review form', defaultTo: 'victim' },
  ct4: { code: 'CT4', label: 'CT4 threshold met', defaultTo: 'victim' },
  invitation: { code: 'Invitation', label: 'panel meeting invitation', defaultTo: 'victim' },
  outcome: { code: 'Outcome', label: 'outcome letter', defaultTo: 'victim', meets: 'outcome' },
  'appeal-acknowledgement': { code: 'Appeal', label: 'appeal acknowledgement', defaultTo: 'victim' },
  'appeal-decision': { code: 'Appeal decision', label: 'appeal decision', defaultTo: 'victim' },
  closure: { code: 'Closure', label: 'closure letter', defaultTo: 'victim' },
  'second-report': { code: 'Information', label: 'case review information', defaultTo: 'victim' },
};

export function isLetterKind(value: string): value is LetterKind {
  return (letterKinds as readonly string[]).includes(value);
}

/** `CT-2026-0007 CT4 threshold met.docx`: the reference and the letter, no personal data. */
export function letterFileName(reference: string, kind: LetterKind): string {
  return `${reference} ${letterKindInfo[kind].label}.docx`;
}
