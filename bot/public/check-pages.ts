/**
 * `/apply/check` and `/apply/confirmation`: the answers to check (each with its change link), sending the
 * application (one case whatever the double clicks; a possible repeat flagged, never refused) and the
 * confirmation with the dates the victim can expect to hear by.
 */
import type { Request, Response } from 'express';
import { windowEnd } from '../../shared';
import type { CaseService, ServiceActor } from '../app/case-service';
import { applicationPayload } from './application-payload';
import { complete, nextStep, type FieldError } from './draft';
import { formatDate } from './i18n';
import { reportText } from './incident-pages';
import type { PageKit } from './page-kit';
import { victimKey, type RepeatFinder } from './repeat-check';

export class CheckPages {
  constructor(
    private readonly kit: PageKit,
    private readonly deps: {
      service: Pick<CaseService, 'openOnlineApplication'>;
      repeats: RepeatFinder;
      /** The SPOC online applications go to. */
      spoc: string;
      /** Who the online form records as. */
      actor: ServiceActor;
    },
  ) {}

  check(req: Request, res: Response, errors?: FieldError[]): void {
    const { kit } = this;
    const draft = kit.draft(res);
    const t = kit.t(res);
    if (res.locals.publicSession!.submitted) return void res.redirect(303, '/apply/confirmation');
    if (!complete(draft)) return void res.redirect(303, `/apply/${nextStep(draft)}`);
    const third = draft.relationship === 'third-party';
    const row = (key: string, text: string, href: string) => ({
      key: { text: key },
      value: { text },
      actions: { items: [{ href: `${href}?change=1`, text: t('common.change'), visuallyHiddenText: key }] },
    });
    const v = draft.victim!;
    const c = draft.contact!;
    const s = draft.support!;
    const contactText = `${t(`contact.${c.method}`)}${c.email ? `: ${c.email}` : c.mobile ? `: ${c.mobile}` : c.phone ? `: ${c.phone}` : ''}`;
    const applicantRows = [
      row(t('check.who'), t(third ? 'who.thirdParty' : 'who.victim'), '/apply/who'),
      ...(third
        ? [
            row(
              t('check.consent'),
              t('check.consentGiven', { how: t(`consent.${draft.consent!.how}`).toLowerCase() }),
              '/apply/consent',
            ),
            row(
              t('check.yourDetails'),
              [draft.applicant!.name, draft.applicant!.role, draft.applicant!.email, draft.applicant!.phone]
                .filter(Boolean)
                .join(', '),
              '/apply/your-details',
            ),
          ]
        : []),
    ];
    kit.page(req, res, 'check', {
      title: t('check.title'),
      errors,
      backHref: '/apply/account',
      sections: [
        { heading: t('check.applicant'), rows: applicantRows },
        {
          heading: t('check.victim'),
          rows: [
            row(t('check.kind'), t(`victimKind.${draft.victimKind}`), '/apply/victim-kind'),
            row(
              t('check.nameAddress'),
              [v.name, v.address1, v.address2, v.town, v.postcode].filter(Boolean).join(', '),
              '/apply/victim-details',
            ),
            row(t('check.contact'), contactText, '/apply/contact'),
            row(
              t('check.vulnerable'),
              t(
                s.vulnerable === 'prefer-not'
                  ? 'support.prefer-not'
                  : s.vulnerable === 'yes'
                    ? 'common.yes'
                    : 'common.no',
              ),
              '/apply/support',
            ),
            row(t('check.needs'), s.needs ?? t('check.none'), '/apply/support'),
            row(t('check.anonymous'), t(s.anonymous ? 'common.yes' : 'common.no'), '/apply/support'),
          ],
        },
        {
          heading: t('check.incidents'),
          rows: draft.incidents.map((incident, i) =>
            row(
              t('incidents.item', { n: i + 1, date: formatDate(incident.occurredOn, t) }),
              reportText(incident, t, kit.policy),
              `/apply/incidents/${i + 1}`,
            ),
          ),
        },
        { heading: t('check.account'), rows: [row(t('check.account'), draft.account!, '/apply/account')] },
      ],
    });
  }

  /** Sends the application: one case, whatever the double clicks; a possible repeat is flagged, never refused. */
  async submit(_req: Request, res: Response): Promise<void> {
    const session = res.locals.publicSession!;
    if (session.submitted) return void res.redirect(303, '/apply/confirmation');
    const draft = session.draft;
    if (!complete(draft)) return void res.redirect(303, `/apply/${nextStep(draft)}`);
    const { deps } = this;
    const receivedOn = this.kit.today();
    const v = draft.victim!;
    const key = victimKey(v.name, [v.address1, v.address2, v.town, v.postcode].filter(Boolean).join(', '));
    const possibleRepeatOf = await deps.repeats.find(key, receivedOn);
    const payload = applicationPayload(draft, {
      policy: this.kit.policy,
      receivedOn,
      spoc: deps.spoc,
      lang: session.lang,
      possibleRepeatOf,
    });
    const opened = await deps.service.openOnlineApplication(session.requestId, payload, deps.actor);
    deps.repeats.remember(opened.caseId, key);
    session.submitted = { caseId: opened.caseId, reference: opened.reference, requestId: session.requestId };
    // The answers are on the case now; the session keeps only what the confirmation page shows.
    session.draft = {
      incidents: [],
      ...(draft.contact ? { contact: { method: draft.contact.method } } : {}),
    };
    res.redirect(303, '/apply/confirmation');
  }

  confirmation(req: Request, res: Response): void {
    const session = res.locals.publicSession!;
    const t = this.kit.t(res);
    if (!session.submitted) return void res.redirect(303, '/apply');
    const receivedOn = this.kit.today();
    const clocks = this.kit.policy.clocks;
    const due = (c: { amount: number; unit: 'working-days' | 'calendar-days' }) =>
      formatDate(windowEnd(receivedOn, c), t);
    const method = session.draft.contact?.method;
    this.kit.page(req, res, 'confirmation', {
      title: t('confirmation.title'),
      reference: session.submitted.reference,
      next: [
        t('confirmation.ack', { date: due(clocks.acknowledgement) }),
        t('confirmation.decision', { date: due(clocks.thresholdDecision) }),
        method === 'phone'
          ? t('confirmation.phone')
          : method
            ? t('confirmation.messages', { method: t(`confirmation.method.${method}`) })
            : '',
      ].filter(Boolean),
    });
  }
}
