/**
 * The action card (issue 15): an action of the case's action plan, as its reminder posts it and as each
 * person opens it. The owning agency's members and the officers get the form (status, a progress note,
 * a new due date) through `refresh`; what is posted says only what the reminder said (and, in the case
 * channel, not even the action itself: the channel is wider than the agency). Pure: views in, card JSON
 * out, and the form's inputs checked before the server's rules decide.
 */
import { z } from 'zod';
import {
  actionDueProblem,
  actionStatusLabels,
  dateInWords,
  eventPayloads,
  isIsoDate,
  problemsOf,
  type ActionItem,
  type IsoDate,
  type PayloadOf,
} from '../../shared';
import type { CardJson } from '../ports/messenger';
import template from './action-card.json';
import { expandCard, withRefresh } from './expand-card';
import { dueWords, longDate } from './format';
import { reminderHeadings, type ReminderKind } from './reminder-cards';

export const ACTION_VERBS = { refresh: 'refreshAction', edit: 'editAction', save: 'saveAction' } as const;

/** A short progress note: longer accounts belong in the case's notes, in the tab. */
export const ACTION_NOTE_MAX = 1000;

const statuses = Object.keys(actionStatusLabels) as [ActionItem['status'], ...ActionItem['status'][]];

/** The action a card is about: what every verb of the card sends back. */
const target = z.object({ caseId: z.string().min(1).max(200), actionId: z.string().min(1).max(200) });
export type ActionCardTarget = z.infer<typeof target>;

/**
 * What each verb sends back (Action.Execute's data with the inputs merged in, or the Action.Submit
 * fallback's value), parsed before any handler runs. A status the card does not offer, or text far past
 * anything the card's inputs allow, is not from our card; a note or a date a person can get wrong is
 * checked by `parseActionSubmission`, which answers in the card.
 */
export const actionCardData = {
  [ACTION_VERBS.refresh]: target,
  [ACTION_VERBS.edit]: target,
  [ACTION_VERBS.save]: target.extend({
    submissionId: z
      .string()
      .regex(/^[\w-]{1,100}$/)
      .optional()
      .catch(undefined),
    status: z.enum(statuses),
    note: z.string().max(20_000).optional(),
    dueOn: z.string().max(40).optional(),
  }),
} as const;
export type ActionSave = z.infer<(typeof actionCardData)['saveAction']>;

/** One action as its card shows it: no victim, no other agency, no other action. */
export interface ActionView {
  caseId: string;
  reference: string;
  actionId: string;
  description: string;
  agencyName: string;
  ownerPerson?: string;
  dueOn: IsoDate;
  today: IsoDate;
  /** Working days from today to the due date (negative when overdue). */
  workingDaysLeft: number;
  status: ActionItem['status'];
  /** The last `action-updated` for this action: who, the day, and its note. */
  lastUpdate?: { byName: string; on: IsoDate; note?: string };
  /** Where the case opens (a Teams deep link, or the web address). */
  url?: string;
}

export type ActionFormValues = { status?: string; note?: string; dueOn?: string };
export type ActionFormErrors = Partial<Record<keyof ActionFormValues, string>>;

export type ActionCardState =
  /**
   * As posted by a reminder. `private`: in a personal chat with an owning agency's member, so the action
   * itself is named; in the case channel only the agency and the case are.
   */
  | { mode: 'summary'; kind: ReminderKind; private: boolean }
  /** The action's current state; `canEdit` offers the form again. `note` says why it cannot change. */
  | { mode: 'detail'; canEdit: boolean; note?: string }
  | {
      mode: 'form';
      submissionId: string;
      values?: ActionFormValues;
      errors?: ActionFormErrors;
      formError?: string;
    };

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`);
const isOpen = (status: ActionItem['status']) => status === 'open' || status === 'in-progress';

export function actionCard(
  view: ActionView,
  state: ActionCardState,
  refreshUserIds: readonly string[] = [],
): CardJson {
  const form = state.mode === 'form' ? state : undefined;
  const summary = state.mode === 'summary' ? state : undefined;
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
  const heading = summary
    ? `${reminderHeadings[summary.kind].heading}: ${view.reference}`
    : `Action on ${view.reference}`;
  const due = dueWords(view.dueOn, view.today, view.workingDaysLeft);
  const intro = summary
    ? summary.private
      ? `Action: ${view.description}, ${due}.`
      : `An action for ${view.agencyName} is ${due.replace(/ \(.*\)$/, '')}. Members of ${view.agencyName} can update it here.`
    : '';
  const last = view.lastUpdate;
  const card = expandCard(template, {
    caseId: view.caseId,
    actionId: view.actionId,
    heading,
    headingColor: summary ? reminderHeadings[summary.kind].color : 'Default',
    hasIntro: !!intro,
    intro,
    showAction: !summary,
    description: clip(view.description, 1000),
    owner: view.ownerPerson ? `${view.agencyName}, ${view.ownerPerson}` : view.agencyName,
    // The fact is titled "Due": "Tue 31 March 2026 (10 working days left)", not "due Tue ...".
    dueText: isOpen(view.status) ? due.replace(/^due /, '') : longDate(view.dueOn),
    statusText: actionStatusLabels[view.status],
    hasLastNote: !!last?.note,
    lastNote: clip(last?.note ?? '', ACTION_NOTE_MAX),
    hasUpdatedLine: !!last,
    updatedLine: last ? `Updated by ${last.byName}, ${dateInWords(last.on)}` : '',
    hasFormError: !!form?.formError,
    formError: form?.formError ?? '',
    isForm: !!form,
    status: values.status ?? view.status,
    statusChoices: statuses.map((s) => ({ title: actionStatusLabels[s], value: s })),
    hasStatusError: !!errors.status,
    statusError: errors.status ?? '',
    noteMax: ACTION_NOTE_MAX,
    noteValue: values.note ?? '',
    hasNoteError: !!errors.note,
    noteError: errors.note ?? '',
    currentDue: longDate(view.dueOn),
    today: view.today,
    dueOn: values.dueOn ?? '',
    hasDueOnError: !!errors.dueOn,
    dueOnError: errors.dueOn ?? '',
    submissionId: form?.submissionId ?? '',
    isSummary: !!summary,
    canEdit: state.mode === 'detail' && state.canEdit,
    hasFootnote: state.mode === 'detail' && !!state.note,
    footnote: state.mode === 'detail' ? (state.note ?? '') : '',
    hasUrl: !!view.url,
    url: view.url ?? '',
  });
  return withRefresh(
    card,
    ACTION_VERBS.refresh,
    { caseId: view.caseId, actionId: view.actionId },
    refreshUserIds,
  );
}

export type ActionPayload = PayloadOf<'action-updated'>;

export type ParsedActionSave =
  | { ok: true; payload: ActionPayload; values: ActionFormValues }
  | { ok: false; errors: ActionFormErrors; values: ActionFormValues };

/**
 * The form's inputs as an `action-updated` payload, or the errors to show beside each input, in the
 * council's words. Only what changed is sent (as the tab does); the rules then decide (a due date in the
 * past is theirs to refuse too).
 */
export function parseActionSubmission(view: ActionView, data: ActionSave): ParsedActionSave {
  const note = (data.note ?? '').trim();
  const dueOn = (data.dueOn ?? '').trim();
  const values: ActionFormValues = {
    status: data.status,
    ...(note ? { note } : {}),
    ...(dueOn ? { dueOn } : {}),
  };
  const errors: ActionFormErrors = {};
  if (note.length > ACTION_NOTE_MAX)
    errors.note = `Shorten the note to ${ACTION_NOTE_MAX.toLocaleString('en-GB')} characters or fewer (it has ${note.length.toLocaleString('en-GB')}); a longer account can go in the case's notes in the tab.`;
  if (dueOn && !isIsoDate(dueOn)) errors.dueOn = 'Enter the date as YYYY-MM-DD, for example 2026-03-02.';
  else if (actionDueProblem(dueOn, view.dueOn, view.today))
    errors.dueOn = actionDueProblem(dueOn, view.dueOn, view.today);
  const newDue = dueOn && dueOn !== view.dueOn ? dueOn : undefined;
  if (!errors.note && !errors.dueOn && data.status === view.status && !note && !newDue)
    errors.status = 'Nothing has changed: choose a new status, add a note or give a new due date.';
  const payload: ActionPayload = {
    actionId: view.actionId,
    status: data.status,
    ...(newDue ? { dueOn: newDue } : {}),
    ...(note ? { note } : {}),
  };
  const checked = eventPayloads['action-updated'].safeParse(payload);
  if (!checked.success)
    for (const problem of problemsOf(checked.error)) {
      const field = problem.path.split('.')[0] as keyof ActionFormErrors;
      if (field === 'status' || field === 'note' || field === 'dueOn') errors[field] ??= problem.message;
    }
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, payload, values };
}
