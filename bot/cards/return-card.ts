/**
 * The agency return card: one per request, in the case channel. Everyone in the channel sees a summary
 * (which incidents, when it is due, who returned and when); the requested agency's members and the SPOC
 * get their own views through `refresh` (the form, or the answers). The answers themselves are visible
 * only to the agency that gave them and the SPOC, as in the tab. Pure: views in, card JSON out, and the
 * form's submission parsed with the same schema the server records with.
 */
import {
  eventPayloads,
  isIsoDate,
  type IncidentReturn,
  type IsoDate,
  type PayloadOf,
  type ValidationProblem,
} from '../../shared';
import type { CardJson } from '../ports/messenger';
import { expandCard, withRefresh } from './expand-card';
import { longDate, plural } from './format';
import template from './return-card.json';

export const RETURN_VERBS = { refresh: 'refreshReturn', submit: 'submitReturn', edit: 'editReturn' } as const;

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
}

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
  const current = view.returns[view.returns.length - 1];
  const form = state.mode === 'form' ? state : undefined;
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
  const field = (id: string) => ({ value: values[id] ?? '', error: errors[id] ?? '' });
  const card = expandCard(template, {
    caseId: view.caseId,
    requestId: view.requestId,
    reference: view.reference,
    agencyName: view.agencyName,
    ...dueLine(view),
    isForm: !!form,
    submissionId: form?.submissionId ?? '',
    hasFormError: !!form?.formError,
    formError: form?.formError ?? '',
    incidents: view.incidents.map((incident, i) => ({ label: incidentLabel(i + 1, incident) })),
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
            hasHoldsError: !!holds.error,
            holdsError: holds.error,
            referenceId: ids.reference,
            reference: reference.value,
            hasReferenceError: !!reference.error,
            referenceError: reference.error,
            reportedOnId: ids.reportedOn,
            reportedOn: reportedOn.value,
            hasReportedOnError: !!reportedOn.error,
            reportedOnError: reportedOn.error,
            actionTakenId: ids.actionTaken,
            actionTaken: actionTaken.value,
            hasActionTakenError: !!actionTaken.error,
            actionTakenError: actionTaken.error,
          };
        })
      : [],
    otherInformation: field(OTHER_INFORMATION).value,
    hasOtherInformationError: !!field(OTHER_INFORMATION).error,
    otherInformationError: field(OTHER_INFORMATION).error,
    hasReturns: view.returns.length > 0,
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
        showAnswers: showAnswers && r.incidents.length > 0,
        answers: showAnswers ? answers(view, r) : [],
        showOther: showAnswers && !!r.otherInformation,
        other: showAnswers ? (r.otherInformation ?? '') : '',
      };
    }),
    canAmend: state.mode === 'detail' && state.canAmend,
    isSummary: state.mode === 'summary',
    openTitle: view.returns.length > 0 ? 'See the return' : `Answer for ${view.agencyName}`,
    hasNote: state.mode === 'summary' && !!state.note,
    note: state.mode === 'summary' ? (state.note ?? '') : '',
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

function answers(view: ReturnRequestView, r: ReceivedReturn): { name: string; value: string }[] {
  return view.incidents.map((incident, i) => {
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
    return { name: `Incident ${i + 1}`, value: parts.join('; ') };
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
