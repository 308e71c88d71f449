/**
 * The agency return card: one per request, in the case channel. Everyone in the channel sees a summary
 * (which incidents, when it is due, who returned and when); the requested agency's members and the SPOC
 * get their own views through `refresh` (the form, or the answers). The answers themselves are visible
 * only to the agency that gave them and the SPOC, as in the tab. Pure: views in, card JSON out, and the
 * form's submission parsed with the same schema the server records with.
 *
 * Size: Teams refuses a message over about 100 KB (413 MessageSizeTooBig, counted in UTF-16) and the
 * largest return the schemas accept (200 incidents, 4,000 characters of action each, 20,000 of other
 * information) is megabytes. So a card over CARD_BUDGET_BYTES is cut - long answers shortened, then fewer
 * incidents shown - with a line saying so and an "Open in the tab" link to the whole return; a form too
 * big for a card is answered in the tab instead.
 */
import { z } from 'zod';
import {
  eventPayloads,
  isIsoDate,
  type IncidentReturn,
  type IsoDate,
  type PayloadOf,
  type ValidationProblem,
} from '../../shared';
import type { CardJson } from '../ports/messenger';
import { withRefresh } from './expand-card';
import { longDate, plural } from './format';
import { returnCardLayout } from './return-card-layout';

export const RETURN_VERBS = { refresh: 'refreshReturn', submit: 'submitReturn', edit: 'editReturn' } as const;

/** The request a return card is about: what every verb of the card sends back. */
const target = z.object({ caseId: z.string().min(1).max(200), requestId: z.string().min(1).max(200) });
export type ReturnCardTarget = z.infer<typeof target>;

/**
 * What each verb of the return card sends back in `Action.Execute`'s data (or the `Action.Submit`
 * fallback's value), parsed before any handler runs: the card's ids, and with `submitReturn` the form's
 * inputs (checked field by field by `parseReturnSubmission`). A submission id that is not one the card
 * gave is ignored (the invoke then names the submission).
 */
export const returnCardData = {
  [RETURN_VERBS.refresh]: target,
  [RETURN_VERBS.edit]: target,
  [RETURN_VERBS.submit]: target
    .extend({
      submissionId: z
        .string()
        .regex(/^[\w-]{1,100}$/)
        .optional()
        .catch(undefined),
    })
    .catchall(z.unknown()),
} as const;
export type ReturnSubmission = z.infer<(typeof returnCardData)['submitReturn']>;

export interface ReturnIncident {
  incidentId: string;
  occurredOn: IsoDate;
}

export interface ReceivedReturn {
  receivedOn: IsoDate;
  byName: string;
  /** 0 when on time. */
  workingDaysLate: number;
  incidents: IncidentReturn[];
  otherInformation?: string;
}

/** One request to one agency, as the card shows it. No victim or perpetrator data: incidents are dates. */
export interface ReturnRequestView {
  caseId: string;
  reference: string;
  requestId: string;
  agencyId: string;
  agencyName: string;
  requestedOn: IsoDate;
  dueOn: IsoDate;
  today: IsoDate;
  /** Working days from the due date to today, when overdue and not yet returned. */
  workingDaysOverdue: number;
  incidents: ReturnIncident[];
  /** Oldest first; the last is the current return (an agency may correct it). */
  returns: ReceivedReturn[];
  /** Where the whole request and its return open outside the card (the return page), for long ones. */
  openUrl?: string;
}

/**
 * The most a return card may weigh, in UTF-16 bytes as Teams counts: well under Teams' limit of about
 * 100 KB a message (and under 80 KB with the activity around it).
 */
export const CARD_BUDGET_BYTES = 70 * 1024;

/** A card's size as Teams counts it: its JSON in UTF-16. */
export function cardBytes(card: unknown): number {
  return JSON.stringify(card).length * 2;
}

/** How much of a long return a card shows. */
interface Cut {
  /** Incidents listed (summary) or answered (detail). */
  incidents: number;
  /** Characters of each answer and of the other information. */
  text: number;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`);

/** What is typed into the form, by input id; kept when the card comes back with errors. */
export type ReturnFormValues = Record<string, string>;
/** An error per input id, shown under the input. */
export type ReturnFormErrors = Record<string, string>;

export type ReturnCardState =
  /**
   * Everyone in the channel: read-only, no answers, and a button that gives each person their own view
   * (for hosts without user-specific refresh: the Agents Playground, older clients). `note` says why a
   * person sees it read-only.
   */
  | { mode: 'summary'; note?: string }
  /** The requested agency and the SPOC: who returned what, and when; the agency may correct it. */
  | { mode: 'detail'; canAmend: boolean }
  /** The requested agency's members, before they return (or to correct it). */
  | {
      mode: 'form';
      submissionId: string;
      values?: ReturnFormValues;
      errors?: ReturnFormErrors;
      formError?: string;
    };

export const OTHER_INFORMATION = 'otherInformation';
const fieldIds = (n: number) => ({
  holds: `holds_${n}`,
  reference: `reference_${n}`,
  reportedOn: `reportedOn_${n}`,
  actionTaken: `actionTaken_${n}`,
});

export function incidentLabel(n: number, incident: ReturnIncident): string {
  return `Incident ${n}: ${longDate(incident.occurredOn)}`;
}

export function returnCard(
  view: ReturnRequestView,
  state: ReturnCardState,
  refreshUserIds: readonly string[] = [],
): CardJson {
  const all: Cut = { incidents: view.incidents.length, text: Infinity };
  const full = buildCard(view, state, refreshUserIds, all);
  if (cardBytes(full) <= CARD_BUDGET_BYTES) return full;
  // A form cannot be cut (every incident must be answered, and a clipped value would be sent back
  // clipped): one too big for a card is answered in the tab, and that card is cut like the others.
  const inTab = state.mode === 'form';
  const build = (cut: Cut) => buildCard(view, state, refreshUserIds, cut, inTab);
  for (const text of inTab ? [Infinity] : [500, 160]) {
    const card = build({ incidents: all.incidents, text });
    if (cardBytes(card) <= CARD_BUDGET_BYTES) return card;
  }
  const text = inTab ? Infinity : 160;
  let fits = 0;
  let low = 1;
  let high = all.incidents;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (cardBytes(build({ incidents: mid, text })) <= CARD_BUDGET_BYTES) {
      fits = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return build({ incidents: fits, text });
}

function buildCard(
  view: ReturnRequestView,
  state: ReturnCardState,
  refreshUserIds: readonly string[],
  cut: Cut,
  formInTab = false,
): CardJson {
  const current = view.returns[view.returns.length - 1];
  const form = state.mode === 'form' && !formInTab ? state : undefined;
  const shownIncidents = view.incidents.slice(0, cut.incidents);
  const hidden = view.incidents.length - shownIncidents.length;
  const clipped = cut.text !== Infinity;
  const cutText = formInTab
    ? `This request covers ${plural(view.incidents.length, 'incident')}: too many to answer in a Teams card. Answer it in the tab.${hidden > 0 ? ` (${plural(hidden, 'more incident')} not listed here.)` : ''}`
    : hidden > 0
      ? `${plural(hidden, 'more incident')} ${hidden === 1 ? 'is' : 'are'} not shown here${clipped ? ', and long answers are shortened' : ''}: open the tab to see all of it.`
      : clipped
        ? 'Long answers are shortened here: open the tab to read them in full.'
        : '';
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
  const field = (id: string) => ({ value: values[id] ?? '', error: errors[id] ?? '' });
  const card = returnCardLayout({
    caseId: view.caseId,
    requestId: view.requestId,
    reference: view.reference,
    agencyName: view.agencyName,
    ...dueLine(view),
    isForm: !!form,
    submissionId: form?.submissionId ?? '',
    formError: form?.formError ?? '',
    incidents: shownIncidents.map((incident, i) => ({ label: incidentLabel(i + 1, incident) })),
    formIncidents: form
      ? view.incidents.map((incident, i) => {
          const ids = fieldIds(i + 1);
          const holds = field(ids.holds);
          const reference = field(ids.reference);
          const reportedOn = field(ids.reportedOn);
          const actionTaken = field(ids.actionTaken);
          return {
            label: incidentLabel(i + 1, incident),
            holdsId: ids.holds,
            holds: holds.value,
            holdsError: holds.error,
            referenceId: ids.reference,
            reference: reference.value,
            referenceError: reference.error,
            reportedOnId: ids.reportedOn,
            reportedOn: reportedOn.value,
            reportedOnError: reportedOn.error,
            actionTakenId: ids.actionTaken,
            actionTaken: actionTaken.value,
            actionTakenError: actionTaken.error,
          };
        })
      : [],
    otherInformation: field(OTHER_INFORMATION).value,
    otherInformationError: field(OTHER_INFORMATION).error,
    awaiting: !form && view.returns.length === 0,
    returns: view.returns.map((r, i) => {
      const isCurrent = r === current;
      const showAnswers = state.mode === 'detail' && isCurrent;
      return {
        line: `${i === 0 ? 'Returned' : 'Corrected'} by ${r.byName} on ${longDate(r.receivedOn)}${
          i === 0
            ? r.workingDaysLate > 0
              ? `: received ${plural(r.workingDaysLate, 'working day')} late`
              : ': on time'
            : ''
        }`,
        color: i === 0 && r.workingDaysLate > 0 ? 'Warning' : 'Good',
        showAnswers: showAnswers && r.incidents.length > 0 && cut.incidents > 0,
        answers: showAnswers ? answers(view, r, cut) : [],
        showOther: showAnswers && !!r.otherInformation,
        other: showAnswers ? clip(r.otherInformation ?? '', cut.text) : '',
      };
    }),
    canAmend: state.mode === 'detail' && state.canAmend,
    isSummary: state.mode === 'summary',
    openTitle: view.returns.length > 0 ? 'See the return' : `Answer for ${view.agencyName}`,
    note: state.mode === 'summary' ? (state.note ?? '') : '',
    cutText: cutText && !view.openUrl ? `${cutText} (ASB Case Review in Teams)` : cutText,
    openUrl: view.openUrl ?? '',
  });
  return withRefresh(
    card,
    RETURN_VERBS.refresh,
    { caseId: view.caseId, requestId: view.requestId },
    refreshUserIds,
  );
}

function dueLine(view: ReturnRequestView): { dueText: string; dueColor: string } {
  const first = view.returns[0];
  if (first)
    return {
      dueText: `Asked for on ${longDate(view.requestedOn)}, due by ${longDate(view.dueOn)}.`,
      dueColor: 'Default',
    };
  if (view.workingDaysOverdue > 0)
    return {
      dueText: `Was due by ${longDate(view.dueOn)}: now ${plural(view.workingDaysOverdue, 'working day')} late. A late return is still accepted.`,
      dueColor: 'Attention',
    };
  return {
    dueText: `Due by ${longDate(view.dueOn)}${view.dueOn === view.today ? ' (today)' : ''}. Asked for on ${longDate(view.requestedOn)}.`,
    dueColor: view.dueOn === view.today ? 'Warning' : 'Default',
  };
}

function answers(view: ReturnRequestView, r: ReceivedReturn, cut: Cut): { name: string; value: string }[] {
  return view.incidents.slice(0, cut.incidents).map((incident, i) => {
    const a = r.incidents.find((x) => x.incidentId === incident.incidentId);
    const parts = !a
      ? ['Not answered']
      : !a.holdsRecord
        ? ['No record held']
        : [
            'Record held',
            ...(a.reference ? [`ref ${a.reference}`] : []),
            ...(a.reportedOn ? [`reported ${longDate(a.reportedOn)}`] : []),
            ...(a.actionTaken ? [`action: ${a.actionTaken}`] : []),
          ];
    return { name: `Incident ${i + 1}`, value: clip(parts.join('; '), cut.text) };
  });
}

/** The form prefilled with a return, to correct it. */
export function valuesFromReturn(view: ReturnRequestView, r: ReceivedReturn | undefined): ReturnFormValues {
  const values: ReturnFormValues = {};
  if (!r) return values;
  view.incidents.forEach((incident, i) => {
    const a = r.incidents.find((x) => x.incidentId === incident.incidentId);
    if (!a) return;
    const ids = fieldIds(i + 1);
    values[ids.holds] = a.holdsRecord ? 'yes' : 'no';
    if (a.reference) values[ids.reference] = a.reference;
    if (a.reportedOn) values[ids.reportedOn] = a.reportedOn;
    if (a.actionTaken) values[ids.actionTaken] = a.actionTaken;
  });
  if (r.otherInformation) values[OTHER_INFORMATION] = r.otherInformation;
  return values;
}

export type ReturnPayload = PayloadOf<'return-received'>;

export type ParsedSubmission =
  | { ok: true; payload: ReturnPayload; values: ReturnFormValues }
  | { ok: false; errors: ReturnFormErrors; values: ReturnFormValues };

/**
 * Reads the form's inputs (Action.Execute merges them into `data`) into a `return-received` payload, or
 * the errors to show beside each input. The card-level checks come first (a choice made, dates real and
 * plausible), then the shared event schema, the one the server records with.
 */
export function parseReturnSubmission(
  view: ReturnRequestView,
  data: Record<string, unknown>,
  context: { receivedOn: IsoDate; submittedBy: string },
): ParsedSubmission {
  const values: ReturnFormValues = {};
  const text = (id: string): string => {
    const raw = data[id];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (value) values[id] = value;
    return value;
  };
  const errors: ReturnFormErrors = {};
  const incidents: IncidentReturn[] = view.incidents.map((incident, i) => {
    const ids = fieldIds(i + 1);
    const holds = text(ids.holds);
    const reference = text(ids.reference);
    const reportedOn = text(ids.reportedOn);
    const actionTaken = text(ids.actionTaken);
    if (holds !== 'yes' && holds !== 'no')
      errors[ids.holds] = 'Say whether you hold a record of this incident.';
    if (holds === 'no' && (reference || reportedOn))
      errors[ids.holds] =
        'You said you hold no record but gave a reference or date: choose Yes, or clear them.';
    if (reportedOn && !isIsoDate(reportedOn))
      errors[ids.reportedOn] = 'Enter the date as YYYY-MM-DD, for example 2026-03-02.';
    else if (reportedOn && reportedOn > context.receivedOn)
      errors[ids.reportedOn] = `The date reported cannot be after today (${longDate(context.receivedOn)}).`;
    else if (reportedOn && reportedOn < incident.occurredOn)
      errors[ids.reportedOn] =
        `The date reported is before the incident itself (${longDate(incident.occurredOn)}).`;
    return {
      incidentId: incident.incidentId,
      holdsRecord: holds === 'yes',
      ...(reference ? { reference } : {}),
      ...(reportedOn ? { reportedOn } : {}),
      ...(actionTaken ? { actionTaken } : {}),
    };
  });
  const otherInformation = text(OTHER_INFORMATION);
  const payload: ReturnPayload = {
    requestId: view.requestId,
    agencyId: view.agencyId,
    receivedOn: context.receivedOn,
    incidents,
    ...(otherInformation ? { otherInformation } : {}),
    submittedBy: context.submittedBy,
  };
  const checked = eventPayloads['return-received'].safeParse(payload);
  if (!checked.success)
    for (const issue of checked.error.issues) {
      const id = fieldForPath(issue.path.map(String));
      if (id && !errors[id]) errors[id] = issue.message;
    }
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, payload, values };
}

const payloadFields: Record<string, keyof ReturnType<typeof fieldIds>> = {
  holdsRecord: 'holds',
  reference: 'reference',
  reportedOn: 'reportedOn',
  actionTaken: 'actionTaken',
};

/** The input a payload path points at: `incidents.0.reportedOn` or `incidents[0].reportedOn` -> `reportedOn_1`. */
export function fieldForPath(path: readonly string[] | string): string | undefined {
  const parts = typeof path === 'string' ? path.split(/[.[\]]+/).filter(Boolean) : path;
  if (parts[0] === OTHER_INFORMATION) return OTHER_INFORMATION;
  if (parts[0] !== 'incidents' || parts[1] === undefined) return undefined;
  const field = payloadFields[parts[2] ?? ''];
  const n = Number(parts[1]) + 1;
  return field && Number.isInteger(n) ? fieldIds(n)[field] : undefined;
}

/** Server-side problems (an InvalidInputError's) as errors beside the inputs, and the rest for the top. */
export function errorsFromProblems(problems: readonly ValidationProblem[]): {
  errors: ReturnFormErrors;
  rest: string[];
} {
  const errors: ReturnFormErrors = {};
  const rest: string[] = [];
  for (const p of problems) {
    const id = fieldForPath(p.path);
    if (id) errors[id] ??= p.message;
    else rest.push(p.message);
  }
  return { errors, rest };
}
