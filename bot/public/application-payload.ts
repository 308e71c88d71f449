/**
 * A finished online application as the case's first event (issue 17): the same application schema and the
 * same advisory threshold rules as the SPOC's form. The advice is for the SPOC; the victim is never
 * refused here. No agency is named yet: agencies see a case only once the SPOC asks them for returns.
 */
import type { PayloadOf, Policy, PossibleRepeat } from '../../shared';
import type { Draft } from './draft';
import type { Lang } from './i18n';

export function applicationPayload(
  draft: Draft,
  ctx: { policy: Policy; receivedOn: string; spoc: string; lang: Lang; possibleRepeatOf: PossibleRepeat[] },
): PayloadOf<'application-received'> {
  const victim = draft.victim!;
  const contact = draft.contact!;
  const support = draft.support!;
  const thirdParty = draft.relationship === 'third-party';
  const agencyIds = new Set(ctx.policy.agencies.map((a) => a.id));
  const address = [victim.address1, victim.address2, victim.town, victim.postcode].filter(Boolean).join(', ');
  return {
    receivedOn: ctx.receivedOn,
    channel: 'web-form',
    application: {
      receivedOn: ctx.receivedOn,
      applicant: {
        relationship: thirdParty ? 'third-party' : 'victim',
        consentGiven: true,
        anonymous: support.anonymous,
      },
      victim: { kind: draft.victimKind!, vulnerable: support.vulnerable === 'yes' },
      incidents: draft.incidents.map((incident, i) => ({
        id: `inc-${i + 1}`,
        occurredOn: incident.occurredOn,
        ...(incident.hate !== undefined && ctx.policy.threshold.hate.enabled ? { hate: incident.hate } : {}),
        reports: incident.reportedTo.map((agency) => ({
          agency:
            agency === 'other' || !agencyIds.has(agency)
              ? (incident.otherAgency ?? 'Another organisation')
              : agency,
          reportedOn: incident.reportedOn!,
          kind: 'report' as const,
          ...(incident.reference ? { reference: incident.reference } : {}),
        })),
      })),
    },
    spoc: ctx.spoc,
    agencies: [],
    parties: {
      victim: {
        name: victim.name,
        address,
        postcode: victim.postcode,
        ...(contact.email ? { email: contact.email } : {}),
        ...(contact.mobile || contact.phone ? { phone: (contact.mobile ?? contact.phone)! } : {}),
      },
      ...(thirdParty && draft.applicant
        ? {
            applicant: {
              name: draft.applicant.name,
              ...(draft.applicant.email ? { email: draft.applicant.email } : {}),
              ...(draft.applicant.phone ? { phone: draft.applicant.phone } : {}),
            },
          }
        : {}),
    },
    // The list shows the area, never the victim's name.
    title: `Online application (${victim.postcode.split(' ')[0]})`,
    account: draft.account!,
    source: { kind: 'public' },
    contact: {
      method: contact.method,
      language: ctx.lang,
      ...(support.needs ? { accessibilityNeeds: support.needs } : {}),
      ...(thirdParty && draft.consent
        ? {
            consent: {
              how: draft.consent.how,
              recordedOn: ctx.receivedOn,
              ...(draft.consent.detail ? { detail: draft.consent.detail } : {}),
            },
          }
        : {}),
      ...(thirdParty && draft.applicant?.role ? { applicantRole: draft.applicant.role } : {}),
    },
    ...(ctx.possibleRepeatOf.length ? { possibleRepeatOf: ctx.possibleRepeatOf } : {}),
  };
}
