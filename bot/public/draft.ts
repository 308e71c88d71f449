/**
 * The online application's answers so far (issue 17), one page at a time, and each page's checks. Every
 * message is a catalogue key: the page shows it in the applicant's language beside the field it is about.
 * The finished draft becomes the same application the SPOC's form records (application-payload.ts).
 */
import { z } from 'zod';
import { CASE_REVIEW_COMMENCEMENT, isIsoDate, isUkPhone, isUkPostcode, type Policy } from '../../shared';

export type Relationship = 'victim' | 'third-party';
export type ConsentHow = 'in-writing' | 'email' | 'phone' | 'in-person' | 'other';
export type ContactMethod = 'email' | 'sms' | 'letter' | 'phone' | 'via-applicant';

export interface DraftIncident {
  occurredOn: string;
  hate?: boolean;
  /** Policy agency ids and `other` (then `otherAgency`); empty when not reported. */
  reportedTo: string[];
  otherAgency?: string;
  reportedOn?: string;
  reference?: string;
}

export interface Draft {
  relationship?: Relationship;
  consent?: { how: ConsentHow; detail?: string };
  applicant?: { name: string; role?: string; email?: string; phone?: string };
  victimKind?: 'individual' | 'business' | 'community-group';
  victim?: { name: string; address1: string; address2?: string; town: string; postcode: string };
  contact?: { method: ContactMethod; email?: string; mobile?: string; phone?: string };
  support?: { vulnerable: 'yes' | 'no' | 'prefer-not'; needs?: string; anonymous: boolean };
  incidents: DraftIncident[];
  account?: string;
}

/** A field's problem: the catalogue key and its parameters. */
export interface FieldError {
  field: string;
  key: string;
  params?: Record<string, string | number>;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export const MAX_PUBLIC_INCIDENTS = 50;
export const MAX_ACCOUNT = 5000;
const MAX_TEXT = 200;

type Body = Record<string, unknown>;

const str = (body: Body, name: string): string => {
  const v = body[name];
  const s = Array.isArray(v) ? v[0] : v;
  return typeof s === 'string' ? s.trim() : '';
};
const list = (body: Body, name: string): string[] => {
  const v = body[name];
  return (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === 'string',
  );
};
const optional = (s: string) => (s ? s.slice(0, MAX_TEXT) : undefined);

function result<T>(errors: FieldError[], value: () => T): Parsed<T> {
  return errors.length ? { ok: false, errors } : { ok: true, value: value() };
}

export function parseWho(body: Body): Parsed<Relationship> {
  const v = str(body, 'relationship');
  if (v === 'victim' || v === 'third-party') return { ok: true, value: v };
  return { ok: false, errors: [{ field: 'relationship', key: 'who.error' }] };
}

const consentHows: ConsentHow[] = ['in-writing', 'email', 'phone', 'in-person', 'other'];
export function parseConsent(body: Body): Parsed<NonNullable<Draft['consent']>> {
  const errors: FieldError[] = [];
  if (str(body, 'consent') !== 'yes') errors.push({ field: 'consent', key: 'consent.confirmError' });
  const how = str(body, 'consentHow') as ConsentHow;
  if (!consentHows.includes(how)) errors.push({ field: 'consentHow', key: 'consent.howError' });
  const detail = str(body, 'consentDetail').slice(0, 1000);
  return result(errors, () => ({ how, ...(detail ? { detail } : {}) }));
}

const emailOk = (s: string) => z.email().safeParse(s).success && s.length <= 254;
const digits = (s: string) => s.replace(/[\s()-]/g, '');
// The same maintained check as the SPOC's form (libphonenumber-js), so an answer the victim's door takes
// is never refused when the case is recorded.
const mobileOk = (s: string) => /^(?:\+44|0044|0)7\d{9}$/.test(digits(s)) && isUkPhone(s);
const phoneOk = (s: string) => isUkPhone(s);

export function parseYourDetails(body: Body): Parsed<NonNullable<Draft['applicant']>> {
  const errors: FieldError[] = [];
  const name = str(body, 'applicantName').slice(0, MAX_TEXT);
  const email = str(body, 'applicantEmail');
  const phone = str(body, 'applicantPhone');
  if (!name) errors.push({ field: 'applicantName', key: 'yourDetails.nameError' });
  if (email && !emailOk(email)) errors.push({ field: 'applicantEmail', key: 'contact.emailError' });
  if (phone && !phoneOk(phone)) errors.push({ field: 'applicantPhone', key: 'contact.phoneError' });
  if (!email && !phone) errors.push({ field: 'applicantEmail', key: 'yourDetails.contactError' });
  return result(errors, () => ({
    name,
    ...(optional(str(body, 'applicantRole')) ? { role: optional(str(body, 'applicantRole')) } : {}),
    ...(email ? { email } : {}),
    ...(phone ? { phone } : {}),
  }));
}

export function parseVictimKind(body: Body): Parsed<NonNullable<Draft['victimKind']>> {
  const v = str(body, 'victimKind');
  if (v === 'individual' || v === 'business' || v === 'community-group') return { ok: true, value: v };
  return { ok: false, errors: [{ field: 'victimKind', key: 'victimKind.error' }] };
}

const POSTCODE = /^(GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i;
/** "sg138eq" -> "SG13 8EQ". */
export function normalisePostcode(s: string): string {
  const compact = s.replace(/\s+/g, '').toUpperCase();
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export function parseVictimDetails(body: Body): Parsed<NonNullable<Draft['victim']>> {
  const errors: FieldError[] = [];
  const name = str(body, 'name').slice(0, MAX_TEXT);
  const address1 = str(body, 'address1').slice(0, MAX_TEXT);
  const address2 = str(body, 'address2').slice(0, MAX_TEXT);
  const town = str(body, 'town').slice(0, 100);
  const postcode = str(body, 'postcode');
  if (!name) errors.push({ field: 'name', key: 'victim.nameError' });
  if (!address1) errors.push({ field: 'address1', key: 'victim.address1Error' });
  if (!town) errors.push({ field: 'town', key: 'victim.townError' });
  if (!POSTCODE.test(postcode.replace(/\s+/g, ' ')) || !isUkPostcode(postcode))
    errors.push({ field: 'postcode', key: 'victim.postcodeError' });
  return result(errors, () => ({
    name,
    address1,
    ...(address2 ? { address2 } : {}),
    town,
    postcode: normalisePostcode(postcode),
  }));
}

export function parseContact(body: Body, draft: Draft): Parsed<NonNullable<Draft['contact']>> {
  const method = str(body, 'method') as ContactMethod;
  const allowed: ContactMethod[] = ['email', 'sms', 'letter', 'phone'];
  if (draft.relationship === 'third-party') allowed.push('via-applicant');
  if (!allowed.includes(method)) return { ok: false, errors: [{ field: 'method', key: 'contact.error' }] };
  const email = str(body, 'email');
  const mobile = str(body, 'mobile');
  const phone = str(body, 'phone');
  const errors: FieldError[] = [];
  if (method === 'email' && !emailOk(email)) errors.push({ field: 'email', key: 'contact.emailError' });
  if (method === 'sms' && !mobileOk(mobile)) errors.push({ field: 'mobile', key: 'contact.mobileError' });
  if (method === 'phone' && !phoneOk(phone)) errors.push({ field: 'phone', key: 'contact.phoneError' });
  if (method === 'via-applicant' && !draft.applicant?.email && !draft.applicant?.phone)
    errors.push({ field: 'method', key: 'contact.viaError' });
  return result(errors, () => ({
    method,
    ...(method === 'email' ? { email } : {}),
    ...(method === 'sms' ? { mobile } : {}),
    ...(method === 'phone' ? { phone } : {}),
  }));
}

export function parseSupport(body: Body): Parsed<NonNullable<Draft['support']>> {
  const errors: FieldError[] = [];
  const vulnerable = str(body, 'vulnerable');
  const needs = str(body, 'needs');
  const needsDetail = str(body, 'needsDetail').slice(0, 2000);
  const anonymous = str(body, 'anonymous');
  if (!['yes', 'no', 'prefer-not'].includes(vulnerable))
    errors.push({ field: 'vulnerable', key: 'support.vulnerableError' });
  if (needs !== 'yes' && needs !== 'no') errors.push({ field: 'needs', key: 'support.needsError' });
  if (needs === 'yes' && !needsDetail) errors.push({ field: 'needsDetail', key: 'support.needsDetailError' });
  if (anonymous !== 'yes' && anonymous !== 'no')
    errors.push({ field: 'anonymous', key: 'support.anonymousError' });
  return result(errors, () => ({
    vulnerable: vulnerable as 'yes' | 'no' | 'prefer-not',
    ...(needs === 'yes' ? { needs: needsDetail } : {}),
    anonymous: anonymous === 'yes',
  }));
}

/** A GOV.UK date input (day, month, year) as YYYY-MM-DD, or the key of what is wrong with it. */
export function parseDateInput(
  body: Body,
  prefix: string,
  today: string,
  missingKey: string,
): { ok: true; value: string } | { ok: false; key: string } {
  const [d, m, y] = ['Day', 'Month', 'Year'].map((p) => str(body, `${prefix}${p}`));
  if (!d && !m && !y) return { ok: false, key: missingKey };
  if (!/^\d{1,2}$/.test(d!) || !/^\d{1,2}$/.test(m!) || !/^\d{4}$/.test(y!))
    return { ok: false, key: 'incident.dateInvalid' };
  const iso = `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
  if (!isIsoDate(iso)) return { ok: false, key: 'incident.dateInvalid' };
  if (iso > today) return { ok: false, key: 'incident.dateFuture' };
  if (iso < CASE_REVIEW_COMMENCEMENT) return { ok: false, key: 'incident.dateTooOld' };
  return { ok: true, value: iso };
}

export function parseIncident(body: Body, policy: Policy, today: string): Parsed<DraftIncident> {
  const errors: FieldError[] = [];
  const occurred = parseDateInput(body, 'occurred', today, 'incident.whenError');
  if (!occurred.ok) errors.push({ field: 'occurredDay', key: occurred.key });
  let hate: boolean | undefined;
  if (policy.threshold.hate.enabled) {
    const h = str(body, 'hate');
    if (h !== 'yes' && h !== 'no') errors.push({ field: 'hate', key: 'incident.hateError' });
    hate = h === 'yes';
  }
  const known = new Set([...policy.agencies.map((a) => a.id), 'other', 'none']);
  const chosen = list(body, 'reportedTo').filter((a) => known.has(a));
  const notReported = chosen.includes('none');
  const reportedTo = chosen.filter((a) => a !== 'none');
  const otherAgency = str(body, 'otherAgency').slice(0, 120);
  let reportedOn: string | undefined;
  if (chosen.length === 0) errors.push({ field: 'reportedTo', key: 'incident.reportedToError' });
  else if (notReported && reportedTo.length)
    errors.push({ field: 'reportedTo', key: 'incident.notReportedConflict' });
  else if (reportedTo.length) {
    if (reportedTo.includes('other') && !otherAgency)
      errors.push({ field: 'otherAgency', key: 'incident.otherAgencyError' });
    const reported = parseDateInput(body, 'reported', today, 'incident.reportedOnError');
    if (!reported.ok) errors.push({ field: 'reportedDay', key: reported.key });
    else if (occurred.ok && reported.value < occurred.value)
      errors.push({ field: 'reportedDay', key: 'incident.reportedBefore' });
    else reportedOn = reported.value;
  }
  const reference = str(body, 'reference').slice(0, 100);
  return result(errors, () => ({
    occurredOn: (occurred as { value: string }).value,
    ...(hate !== undefined ? { hate } : {}),
    reportedTo,
    ...(reportedTo.includes('other') ? { otherAgency } : {}),
    ...(reportedOn ? { reportedOn } : {}),
    ...(reportedTo.length && reference ? { reference } : {}),
  }));
}

export function parseYesNo(body: Body, field: string, key: string): Parsed<boolean> {
  const v = str(body, field);
  if (v === 'yes' || v === 'no') return { ok: true, value: v === 'yes' };
  return { ok: false, errors: [{ field, key }] };
}

export function parseAccount(body: Body): Parsed<string> {
  const v = str(body, 'account');
  if (!v) return { ok: false, errors: [{ field: 'account', key: 'account.error' }] };
  if (v.length > MAX_ACCOUNT)
    return {
      ok: false,
      errors: [{ field: 'account', key: 'account.tooLong', params: { max: MAX_ACCOUNT } }],
    };
  return { ok: true, value: v };
}

/** The pages in order; a page that does not apply to this draft is skipped. */
export const steps = [
  { id: 'who', applies: () => true, done: (d: Draft) => !!d.relationship },
  { id: 'consent', applies: (d: Draft) => d.relationship === 'third-party', done: (d: Draft) => !!d.consent },
  {
    id: 'your-details',
    applies: (d: Draft) => d.relationship === 'third-party',
    done: (d: Draft) => !!d.applicant,
  },
  { id: 'victim-kind', applies: () => true, done: (d: Draft) => !!d.victimKind },
  { id: 'victim-details', applies: () => true, done: (d: Draft) => !!d.victim },
  { id: 'contact', applies: () => true, done: (d: Draft) => !!d.contact },
  { id: 'support', applies: () => true, done: (d: Draft) => !!d.support },
  { id: 'incidents', applies: () => true, done: (d: Draft) => d.incidents.length > 0 },
  { id: 'account', applies: () => true, done: (d: Draft) => !!d.account },
] as const;
export type StepId = (typeof steps)[number]['id'];

/** The first page not answered yet, or `check` when every page is. */
export function nextStep(draft: Draft): StepId | 'check' {
  return steps.find((s) => s.applies(draft) && !s.done(draft))?.id ?? 'check';
}

export function complete(draft: Draft): boolean {
  return nextStep(draft) === 'check';
}
