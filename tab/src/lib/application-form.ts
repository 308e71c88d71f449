import type { NewApplication } from '../../../bot/api/contract';
import { normalisePostcode, type ApplicationInput, type Policy } from '../../../shared';
import type { Problem } from './problems';

/**
 * The new-application form's state and its mapping to the API's NewApplication. Inputs hold strings and
 * booleans as typed; the mapping leaves out what is blank, so the shared schemas report what is missing by
 * the same paths the form's fields are keyed by (`application.incidents[0].reports[1].reportedOn`). Pure.
 */

export type ReceivedVia = NewApplication['receivedVia'];
export type ReportKind = 'report' | 'diary-sheet';
/** A report made to an agency that the policy does not list. */
export const OTHER_AGENCY = '__other__';

export interface ReportRow {
  /** React key; never sent. */
  key: string;
  agency: string;
  otherAgency: string;
  reportedOn: string;
  reference: string;
  kind: ReportKind;
  reportedBy: string;
}

export interface IncidentRow {
  key: string;
  /** Sent as the incident's id; stable while the form is open. */
  id: string;
  occurredOn: string;
  hate: boolean;
  reports: ReportRow[];
}

export interface PartyForm {
  name: string;
  address: string;
  postcode: string;
  email: string;
  phone: string;
}

export interface ApplicationFormState {
  receivedVia: ReceivedVia | '';
  receivedOn: string;
  relationship: 'victim' | 'third-party';
  consentGiven: boolean;
  anonymous: boolean;
  victimKind: 'individual' | 'business' | 'community-group';
  vulnerable: boolean;
  victim: PartyForm;
  applicant: PartyForm;
  agencies: string[];
  incidents: IncidentRow[];
  exclusions: string[];
  override: { enabled: boolean; by: string; role: string; reason: string };
  title: string;
  account: string;
  previousCase: string;
  materialChange: string;
  /** Incident ids already issued, so a removed incident's id is never reused. */
  nextIncident: number;
}

/** What an Outlook task pane (or a link) may fill in before the SPOC sees the form. */
export interface ApplicationInitial {
  receivedVia?: ReceivedVia;
  application?: Partial<Omit<ApplicationInput, 'applicant' | 'victim'>> & {
    applicant?: Partial<ApplicationInput['applicant']>;
    victim?: Partial<ApplicationInput['victim']>;
  };
  agencies?: string[];
  parties?: { victim?: Partial<PartyForm>; applicant?: Partial<PartyForm> };
  title?: string;
  account?: string;
  previousCase?: string;
  materialChange?: string;
  /** Files from the email, listed for the SPOC; the host uploads the ones kept once the case exists. */
  attachments?: AttachmentInfo[];
  /** The Outlook item the application came from; recorded as the case's source. */
  emailId?: string;
}

export interface AttachmentInfo {
  id: string;
  name: string;
  size?: number;
  contentType?: string;
}

const blankParty = (): PartyForm => ({ name: '', address: '', postcode: '', email: '', phone: '' });

let keySeq = 0;
export function nextKey(prefix: string): string {
  keySeq += 1;
  return `${prefix}-${keySeq}`;
}

export function blankReport(agency = ''): ReportRow {
  return {
    key: nextKey('report'),
    agency,
    otherAgency: '',
    reportedOn: '',
    reference: '',
    kind: 'report',
    reportedBy: '',
  };
}

/** Adds an incident with its own id (`inc-1`, `inc-2`...) and one empty report. */
export function addIncident(form: ApplicationFormState): ApplicationFormState {
  const n = form.nextIncident;
  const incident: IncidentRow = {
    key: nextKey('incident'),
    id: `inc-${n}`,
    occurredOn: '',
    hate: false,
    reports: [blankReport()],
  };
  return { ...form, incidents: [...form.incidents, incident], nextIncident: n + 1 };
}

function party(p: Partial<PartyForm> | undefined): PartyForm {
  return {
    ...blankParty(),
    ...Object.fromEntries(Object.entries(p ?? {}).filter(([, v]) => v !== undefined && v !== null)),
  };
}

/** A fresh form, received today, with one empty incident; `initial` fills in what is known. */
export function initialForm(today: string, initial: ApplicationInitial = {}): ApplicationFormState {
  const app = initial.application ?? {};
  const incidents: IncidentRow[] = (app.incidents ?? []).map((incident, i) => ({
    key: nextKey('incident'),
    id: incident.id?.trim() || `inc-${i + 1}`,
    occurredOn: incident.occurredOn ?? '',
    hate: incident.hate === true,
    reports: (incident.reports ?? []).map((r) => ({
      ...blankReport(),
      agency: r.agency ?? '',
      reportedOn: r.reportedOn ?? '',
      reference: r.reference ?? '',
      kind: r.kind === 'diary-sheet' ? 'diary-sheet' : 'report',
      reportedBy: r.reportedBy ?? '',
    })),
  }));
  const used = incidents
    .map((i) => /^inc-(\d+)$/.exec(i.id)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
  const form: ApplicationFormState = {
    receivedVia: initial.receivedVia ?? (initial.emailId ? 'email' : ''),
    receivedOn: app.receivedOn ?? today,
    relationship: app.applicant?.relationship ?? 'victim',
    consentGiven: app.applicant?.consentGiven ?? false,
    anonymous: app.applicant?.anonymous ?? false,
    victimKind: app.victim?.kind ?? 'individual',
    vulnerable: app.victim?.vulnerable ?? false,
    victim: party(initial.parties?.victim),
    applicant: party(initial.parties?.applicant),
    agencies: [...new Set(initial.agencies ?? [])],
    incidents,
    exclusions: [...(app.exclusions ?? [])],
    override: {
      enabled: !!app.seniorManagerOverride,
      by: app.seniorManagerOverride?.by ?? '',
      role: app.seniorManagerOverride?.role ?? '',
      reason: app.seniorManagerOverride?.reason ?? '',
    },
    title: initial.title ?? '',
    account: initial.account ?? '',
    previousCase: initial.previousCase ?? '',
    materialChange: initial.materialChange ?? '',
    nextIncident: Math.max(incidents.length, ...used) + 1,
  };
  return incidents.length > 0 ? form : addIncident(form);
}

function agencyOf(report: ReportRow): string {
  return report.agency === OTHER_AGENCY ? report.otherAgency.trim() : report.agency;
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

export function partyOut(p: PartyForm): NonNullable<NewApplication['parties']>['victim'] | undefined {
  const filled = Object.values(p).some((v) => v.trim() !== '');
  if (!filled) return undefined;
  return {
    name: p.name.trim(),
    ...(p.address.trim() ? { address: p.address.trim() } : {}),
    // Written as Royal Mail writes it, so a search finds "sg138eq" and "SG13 8EQ" alike.
    ...(p.postcode.trim() ? { postcode: normalisePostcode(p.postcode) } : {}),
    ...(p.email.trim() ? { email: p.email.trim() } : {}),
    ...(p.phone.trim() ? { phone: p.phone.trim() } : {}),
  };
}

/** The application as the threshold test reads it (every incident and report, as typed). */
export function toApplication(form: ApplicationFormState, policy?: Policy): ApplicationInput {
  const overrideAllowed = policy ? policy.threshold.seniorManagerOverride.enabled : true;
  return {
    receivedOn: form.receivedOn,
    applicant: {
      relationship: form.relationship,
      // A victim applying for themselves needs no one's consent.
      consentGiven: form.relationship === 'victim' ? true : form.consentGiven,
      anonymous: form.anonymous,
    },
    victim: { kind: form.victimKind, vulnerable: form.vulnerable },
    incidents: form.incidents.map((incident) => ({
      id: incident.id,
      occurredOn: incident.occurredOn,
      ...(incident.hate && (policy?.threshold.hate.enabled ?? true) ? { hate: true } : {}),
      reports: incident.reports.map((r) => ({
        agency: agencyOf(r),
        reportedOn: r.reportedOn,
        ...(r.reference.trim() ? { reference: r.reference.trim() } : {}),
        kind: r.kind,
        ...(r.reportedBy.trim() ? { reportedBy: r.reportedBy.trim() } : {}),
      })),
    })),
    ...(form.exclusions.length > 0 ? { exclusions: form.exclusions as ApplicationInput['exclusions'] } : {}),
    ...(form.override.enabled && overrideAllowed
      ? {
          seniorManagerOverride: {
            by: form.override.by,
            role: form.override.role,
            reason: form.override.reason,
          },
        }
      : {}),
  };
}

/**
 * The application for the live advice while the SPOC is still typing: incidents without a valid date and
 * reports without an agency or a valid date are left out (and listed), so one half-typed row does not hide
 * the advice for the rest.
 */
export function previewApplication(
  form: ApplicationFormState,
  policy?: Policy,
): { application: ApplicationInput; incomplete: string[] } {
  const full = toApplication(form, policy);
  const incomplete: string[] = [];
  const incidents = full.incidents.flatMap((incident, i) => {
    if (!isDate(incident.occurredOn)) {
      incomplete.push(`Incident ${i + 1} needs the date it happened.`);
      return [];
    }
    const reports = incident.reports.filter((r, j) => {
      const ok = r.agency.trim() !== '' && isDate(r.reportedOn);
      if (!ok) incomplete.push(`Report ${j + 1} of incident ${i + 1} needs an agency and a date.`);
      return ok;
    });
    return [{ ...incident, reports }];
  });
  return { application: { ...full, incidents }, incomplete };
}

/** The request body for POST /api/cases. Blank optional text is left out. */
export function toNewApplication(
  form: ApplicationFormState,
  options: { requestId: string; policy?: Policy; source?: NewApplication['source'] },
): NewApplication {
  const victim = partyOut(form.victim);
  const applicant = form.relationship === 'third-party' ? partyOut(form.applicant) : undefined;
  const agencies = [...new Set(form.agencies)];
  const body = {
    requestId: options.requestId,
    receivedVia: form.receivedVia,
    application: toApplication(form, options.policy),
    agencies,
    ...(victim || applicant
      ? { parties: { ...(victim ? { victim } : {}), ...(applicant ? { applicant } : {}) } }
      : {}),
    ...(form.title.trim() ? { title: form.title.trim() } : {}),
    ...(form.account.trim() ? { account: form.account } : {}),
    ...(form.previousCase.trim() ? { previousCase: form.previousCase.trim() } : {}),
    ...(form.materialChange.trim() ? { materialChange: form.materialChange.trim() } : {}),
    ...(options.source ? { source: options.source } : {}),
  };
  // Blank choices are sent as they are so the schema names them; the cast is the schema's job to check.
  return body as NewApplication;
}

/**
 * Checks the schema words less kindly, in the SPOC's words, by the same paths. The schema's own problems
 * at these paths are then dropped (see mergeProblems).
 */
export function formProblems(form: ApplicationFormState): Problem[] {
  const out: Problem[] = [];
  if (!form.receivedVia)
    out.push({
      path: 'receivedVia',
      message: 'Choose how the application arrived: web form, email, phone, letter, in person or other.',
    });
  const victim = partyOut(form.victim);
  if (victim && !victim.name)
    out.push({
      path: 'parties.victim.name',
      message:
        form.victimKind === 'individual'
          ? "Enter the victim's name for letters, or clear their contact details."
          : 'Enter the name of the business or group for letters, or clear its contact details.',
    });
  if (victim?.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(victim.email))
    out.push({ path: 'parties.victim.email', message: 'Enter an email address such as name@example.com.' });
  if (form.relationship === 'third-party') {
    const applicant = partyOut(form.applicant);
    if (applicant && !applicant.name)
      out.push({
        path: 'parties.applicant.name',
        message: "Enter the applicant's name, or clear their contact details.",
      });
    if (applicant?.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(applicant.email))
      out.push({
        path: 'parties.applicant.email',
        message: 'Enter an email address such as name@example.com.',
      });
  }
  if (!form.receivedOn.trim())
    out.push({ path: 'application.receivedOn', message: 'Enter the date the application was received.' });
  form.incidents.forEach((incident, i) => {
    if (!incident.occurredOn.trim())
      out.push({
        path: `application.incidents[${i}].occurredOn`,
        message: 'Enter the date the incident happened.',
      });
    incident.reports.forEach((r, j) => {
      const at = `application.incidents[${i}].reports[${j}]`;
      if (!r.agency)
        out.push({ path: `${at}.agency`, message: 'Choose the agency the incident was reported to.' });
      else if (r.agency === OTHER_AGENCY && !r.otherAgency.trim())
        out.push({
          path: `${at}.agency`,
          message: 'Enter the name of the agency the incident was reported to.',
        });
      if (!r.reportedOn.trim())
        out.push({ path: `${at}.reportedOn`, message: 'Enter the date of the report.' });
    });
  });
  return out;
}

/** A warning (not a blocker) when the title seems to contain the victim's or applicant's name. */
export function titleWarning(form: ApplicationFormState): string | undefined {
  if (!form.title.trim() || !nameInTitle(form)) return undefined;
  return "The title seems to contain the victim's or applicant's name. Lists show the title to every agency on the case: describe the problem and the place instead.";
}

function nameInTitle(form: ApplicationFormState): boolean {
  const title = form.title.toLowerCase();
  return [form.victim.name, form.applicant.name]
    .flatMap((n) => n.toLowerCase().split(/\s+/))
    .some((word) => word.length >= 3 && new RegExp(`\\b${escapeRegExp(word)}\\b`).test(title));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The form's own problems, then the schema's at other paths. */
export function mergeProblems(own: readonly Problem[], schema: readonly Problem[]): Problem[] {
  const taken = new Set(own.map((p) => p.path));
  return [...own, ...schema.filter((p) => !taken.has(p.path))];
}

/** Adds to the case's agencies each policy agency a report names, so the SPOC need not tick it twice. */
export function withReportAgencies(form: ApplicationFormState, policy: Policy): ApplicationFormState {
  const known = new Set(policy.agencies.map((a) => a.id));
  const named = form.incidents.flatMap((i) => i.reports.map((r) => r.agency)).filter((a) => known.has(a));
  const missing = named.filter((a) => !form.agencies.includes(a));
  if (missing.length === 0) return form;
  return { ...form, agencies: [...new Set([...form.agencies, ...missing])] };
}

const FIELD_LABELS: Record<string, string> = {
  receivedVia: 'How it arrived',
  'application.receivedOn': 'Date received',
  'application.applicant.relationship': 'Who is applying',
  'application.applicant.consentGiven': "Victim's consent",
  'application.applicant.anonymous': 'Anonymous',
  'application.victim.kind': 'Kind of victim',
  'application.victim.vulnerable': 'Vulnerable',
  'application.incidents': 'Incidents',
  'application.exclusions': 'Exclusions',
  'application.seniorManagerOverride': "Senior manager's override",
  'application.seniorManagerOverride.by': 'Senior manager',
  'application.seniorManagerOverride.role': "Senior manager's role",
  'application.seniorManagerOverride.reason': 'Reason for the override',
  agencies: 'Agencies involved',
  'parties.victim.name': "Victim's name",
  'parties.victim.address': "Victim's address",
  'parties.victim.email': "Victim's email",
  'parties.victim.phone': "Victim's phone",
  'parties.victim.postcode': "Victim's postcode",
  'parties.applicant.postcode': "Applicant's postcode",
  'parties.applicant.name': "Applicant's name",
  'parties.applicant.address': "Applicant's address",
  'parties.applicant.email': "Applicant's email",
  'parties.applicant.phone': "Applicant's phone",
  title: 'Short title',
  account: "Applicant's account",
  previousCase: 'Previous case',
  materialChange: 'Material change',
};

const REPORT_FIELDS: Record<string, string> = {
  agency: 'agency',
  reportedOn: 'date reported',
  reference: 'reference',
  kind: 'report or diary sheet',
  reportedBy: 'reported by',
};

/** A name for the field at a request path, for the error summary: "Incident 3, report 1: date reported". */
export function applicationFieldLabel(path: string): string | undefined {
  const direct = FIELD_LABELS[path];
  if (direct) return direct;
  const m =
    /^application\.incidents\[(\d+)\](?:\.(occurredOn|hate|id)|\.reports(?:\[(\d+)\](?:\.(\w+))?)?)?$/.exec(
      path,
    );
  if (!m) return undefined;
  const incident = `Incident ${Number(m[1]) + 1}`;
  if (m[2] === 'occurredOn') return `${incident}: date it happened`;
  if (m[2] === 'hate') return `${incident}: hate incident`;
  if (m[2] === 'id') return incident;
  if (m[3] === undefined) return `${incident}: reports`;
  const report = `${incident}, report ${Number(m[3]) + 1}`;
  return m[4] ? `${report}: ${REPORT_FIELDS[m[4]] ?? m[4]}` : report;
}
