import type { CaseDetail } from '../../../../bot/api/contract';
import type { ClosureReason } from '../../../../shared';
import type { LetterKind, LetterOptionsBody, LetterSummary } from '../../api/client';

/**
 * What the Letters section works out from the letters list and the case: which letters can be written now,
 * which choices each one needs before it is previewed or issued, and the body those choices make. Pure.
 */

/** The choices a letter needs; a letter with none can be issued with one click. */
export interface LetterNeeds {
  /** Choose the recipient: the victim or the third party who applied for them. */
  to: boolean;
  /** Outcome letter: the recommendations and actions the victim is told about. */
  choices: boolean;
  /** Appeal letters: which appeal. */
  appeal: boolean;
  /** Closure letter before the case closes: when and why it will close. */
  closure: boolean;
}

/** Letters whose recipient is fixed: CT2 goes to the third-party applicant; the forms and leaflets to the victim. */
const fixedRecipient: ReadonlySet<LetterKind> = new Set<LetterKind>(['ct2', 'ct3a', 'second-report']);

export function letterNeeds(
  summary: Pick<LetterSummary, 'kind' | 'choices'>,
  state: Pick<CaseDetail['state'], 'application' | 'appeals' | 'closed'>,
): LetterNeeds {
  const thirdParty = state.application.applicant.relationship === 'third-party';
  const kind = summary.kind;
  return {
    to: thirdParty && !fixedRecipient.has(kind),
    // Issue 15: the closure letter lists what was done, from the actions the SPOC chooses to share.
    choices:
      (kind === 'outcome' || kind === 'closure') &&
      !!summary.choices &&
      summary.choices.recommendations.length + summary.choices.actions.length > 0,
    appeal:
      (kind === 'appeal-acknowledgement' || kind === 'appeal-decision') &&
      appealChoices(kind, state).length > 1,
    closure: kind === 'closure' && !state.closed,
  };
}

/** Whether the letter can be issued straight from the list (it needs no choices). */
export function issuesInOneClick(needs: LetterNeeds): boolean {
  return !needs.to && !needs.choices && !needs.appeal && !needs.closure;
}

/**
 * The letters the SPOC can write now, in the process order the server lists them. A closure letter can
 * also be written before the case closes, to tell the victim when and why (2025 guidance).
 */
export function lettersNow(
  letters: readonly LetterSummary[],
  state: Pick<CaseDetail['state'], 'closed' | 'status'>,
): LetterSummary[] {
  return letters.filter(
    (l) =>
      (l.applies || (l.kind === 'closure' && !state.closed)) &&
      // The server offers the invitation while the booking stands, even after the meeting; it is only
      // useful before the review is held.
      (l.kind !== 'invitation' || state.status === 'panel-booked'),
  );
}

/** The letters that cannot be written now, each with the server's reason. */
export function lettersNotNow(
  letters: readonly LetterSummary[],
  state: Pick<CaseDetail['state'], 'closed' | 'status'>,
): LetterSummary[] {
  const now = new Set(lettersNow(letters, state).map((l) => l.kind));
  return letters.filter((l) => !now.has(l.kind));
}

/** The appeals an appeal letter can be about (the decision letter: decided ones), newest first. */
export function appealChoices(
  kind: LetterKind,
  state: Pick<CaseDetail['state'], 'appeals'>,
): CaseDetail['state']['appeals'] {
  return [...state.appeals].filter((a) => kind !== 'appeal-decision' || !!a.decidedOn).reverse();
}

/** What the SPOC chose in the letter dialog. */
export interface LetterForm {
  to: 'victim' | 'applicant';
  recommendations: string[];
  actions: string[];
  appealId: string;
  closesOn: string;
  closureReason: ClosureReason;
  closureDetail: string;
  /** Names that must not appear in the letter, one a line. */
  redact: string;
  /** Outcome letter: when the victim was consulted on the action plan (blank when not recorded). */
  victimConsultedOn: string;
  /** Outcome letter: why the victim was not consulted (the 2025 guidance duty, when not met). */
  notConsultedReason: string;
}

export function initialLetterForm(
  summary: Pick<LetterSummary, 'kind' | 'to'>,
  state: Pick<CaseDetail['state'], 'appeals' | 'closed'>,
  today: string,
  defaultClosureReason: ClosureReason,
): LetterForm {
  return {
    to: summary.to,
    // None unless chosen: the victim is told only what the SPOC picks (no perpetrator data by accident).
    recommendations: [],
    actions: [],
    appealId: appealChoices(summary.kind, state)[0]?.appealId ?? '',
    closesOn: today,
    closureReason: state.closed?.reason ?? defaultClosureReason,
    closureDetail: '',
    redact: '',
    victimConsultedOn: '',
    notConsultedReason: '',
  };
}

/** Names typed one a line (or separated by commas), trimmed, without blanks or repeats. */
export function redactList(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\n,;]/)
    .map((s) => s.trim().replace(/\s+/g, ' '))
    .filter((s) => {
      const key = s.toLowerCase();
      if (s.length === 0 || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** The options for the preview and the issue, from the choices the letter needs. */
export function letterOptions(form: LetterForm, needs: LetterNeeds): LetterOptionsBody {
  const redact = redactList(form.redact);
  return {
    ...(needs.to ? { to: form.to } : {}),
    ...(needs.choices ? { recommendations: form.recommendations, actions: form.actions } : {}),
    ...(needs.appeal && form.appealId ? { appealId: form.appealId } : {}),
    ...(needs.choices && form.victimConsultedOn ? { victimConsultedOn: form.victimConsultedOn } : {}),
    ...(needs.choices && !form.victimConsultedOn && form.notConsultedReason.trim()
      ? { notConsultedReason: form.notConsultedReason.trim() }
      : {}),
    ...(needs.closure
      ? {
          closure: {
            closesOn: form.closesOn,
            reason: form.closureReason,
            ...(form.closureDetail.trim() ? { detail: form.closureDetail.trim() } : {}),
          },
        }
      : {}),
    ...(redact.length ? { redact } : {}),
  };
}

/** Problems the form can see before asking the server, by the server's paths. */
export function letterFormProblems(
  form: LetterForm,
  needs: LetterNeeds,
): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  if (needs.closure) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(form.closesOn))
      out.push({ path: 'closure.closesOn', message: 'Enter the date the case will close.' });
    if (form.closureReason === 'other' && !form.closureDetail.trim())
      out.push({ path: 'closure.detail', message: 'Say why the case will close.' });
  }
  if (needs.appeal && !form.appealId) out.push({ path: 'appealId', message: 'Choose the appeal.' });
  if (redactList(form.redact).some((n) => n.length < 2))
    out.push({ path: 'redact', message: 'Each name needs at least two characters.' });
  return out;
}

/** The clock a letter meets, as recorded on the case (the latest one of its kind). */
export function clockMet(
  meets: LetterSummary['meets'],
  clocks: CaseDetail['clocks'],
): CaseDetail['clocks'][number] | undefined {
  if (!meets) return undefined;
  return clocks.filter((c) => c.clock === meets).at(-1);
}

/** The file name a letter was stored under (the case's files), or the server's naming as a fallback. */
export function letterFileName(
  fileId: string | undefined,
  files: CaseDetail['files'],
  reference: string,
  label: string,
): string {
  return files.find((f) => f.fileId === fileId)?.name ?? `${reference} ${label}.docx`;
}

/** The words for a letter kind in the case's lists, for kinds issued before the list loads. */
export const letterKindLabels: Record<string, string> = {
  ct1: 'CT1 acknowledgement',
  ct2: 'CT2 acknowledgement to third party',
  ct3: 'CT3 threshold not met',
  ct3a: 'CT3a request for review form',
  ct4: 'CT4 threshold met',
  invitation: 'Panel meeting invitation',
  outcome: 'Outcome letter',
  'appeal-acknowledgement': 'Appeal acknowledgement',
  'appeal-decision': 'Appeal decision',
  closure: 'Closure letter',
  'second-report': 'Case review information',
};

export function letterKindLabel(kind: string): string {
  return letterKindLabels[kind] ?? kind;
}

/** A sentence case label: the server's labels start lower case ("outcome letter"). */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * How the tab shows the server's preview HTML without handing it to innerHTML: the fragment is parsed into
 * an inert document (DOMParser runs no scripts) and rebuilt as React elements from this allowlist. The
 * server escapes every value (bot/letters/render-html.ts); this is the second line of defence.
 */
export type PreviewTreatment = 'keep' | 'unwrap' | 'drop';

const previewTags = new Set([
  'article',
  'p',
  'h2',
  'h3',
  'ul',
  'ol',
  'li',
  'div',
  'span',
  'table',
  'caption',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'br',
  'strong',
  'em',
]);
const droppedTags = new Set([
  'script',
  'style',
  'template',
  'noscript',
  'iframe',
  'frame',
  'object',
  'embed',
  'svg',
  'math',
  'link',
  'meta',
  'base',
  'form',
  'input',
  'button',
  'textarea',
  'select',
  'img',
  'video',
  'audio',
]);

/** Kept (an allowed element), unwrapped (its text kept) or dropped with everything in it. */
export function previewTreatment(tag: string): PreviewTreatment {
  const t = tag.toLowerCase();
  return previewTags.has(t) ? 'keep' : droppedTags.has(t) ? 'drop' : 'unwrap';
}

/** The only attribute kept: the class the letter's styles use, when it is a plain word list. */
export function previewClass(value: string | null): string | undefined {
  return value && /^[\w -]{1,100}$/.test(value) ? value : undefined;
}
