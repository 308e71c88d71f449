/**
 * `/apply/incidents`: the GOV.UK "add another" pattern for the incidents the victim reports, each with the
 * date it happened and to whom and when it was reported; add, change and remove, up to MAX_PUBLIC_INCIDENTS.
 */
import type { Request, Response } from 'express';
import { agencyName, type Policy } from '../../shared';
import { backFrom } from './apply-pages';
import {
  MAX_PUBLIC_INCIDENTS,
  nextStep,
  parseIncident,
  parseYesNo,
  type Draft,
  type DraftIncident,
  type FieldError,
} from './draft';
import { formatDate, type Translate } from './i18n';
import type { PageKit, Values } from './page-kit';

/** How an incident's reporting reads in the list and on the check page. */
export function reportText(incident: DraftIncident, t: Translate, policy: Policy): string {
  if (!incident.reportedTo.length || !incident.reportedOn) return t('incidents.notReported');
  const who = incident.reportedTo
    .map((a) => (a === 'other' ? (incident.otherAgency ?? '') : agencyName(policy, a)))
    .join(', ');
  return t('incidents.reportedTo', { who, date: formatDate(incident.reportedOn, t) });
}

/** The zero-based incident named by `:n` in the address, when it is a number in range. */
export function incidentIndex(req: Request): number | undefined {
  const n = Number(req.params.n);
  return Number.isInteger(n) && n >= 1 && n <= MAX_PUBLIC_INCIDENTS ? n - 1 : undefined;
}

export class IncidentPages {
  constructor(private readonly kit: PageKit) {}

  list(req: Request, res: Response, errors?: FieldError[]): void {
    const { kit } = this;
    const draft = kit.draft(res);
    const t = kit.t(res);
    if (this.notYet(res, draft)) return;
    if (draft.incidents.length === 0) return void res.redirect(303, '/apply/incidents/add');
    const hidden = (n: number) => t('incidents.item', { n, date: '' }).replace(/[:\s]+$/, '');
    kit.page(
      req,
      res,
      'incidents',
      {
        title: t('incidents.title'),
        errors,
        backHref: backFrom('incidents', draft),
        rows: draft.incidents.map((incident, i) => ({
          key: { text: t('incidents.item', { n: i + 1, date: formatDate(incident.occurredOn, t) }) },
          value: { text: reportText(incident, t, kit.policy) },
          actions: {
            items: [
              {
                href: `/apply/incidents/${i + 1}`,
                text: t('common.change'),
                visuallyHiddenText: hidden(i + 1),
              },
              {
                href: `/apply/incidents/${i + 1}/remove`,
                text: t('common.remove'),
                visuallyHiddenText: hidden(i + 1),
              },
            ],
          },
        })),
        canAdd: draft.incidents.length < MAX_PUBLIC_INCIDENTS,
        max: MAX_PUBLIC_INCIDENTS,
      },
      errors ? 400 : 200,
    );
  }

  listAnswer(req: Request, res: Response): void {
    const draft = this.kit.draft(res);
    const parsed = parseYesNo(req.body as Values, 'addAnother', 'incidents.addAnotherError');
    if (!parsed.ok) return this.list(req, res, parsed.errors);
    if (parsed.value && draft.incidents.length < MAX_PUBLIC_INCIDENTS)
      return void res.redirect(303, '/apply/incidents/add');
    res.redirect(303, `/apply/${nextStep(draft)}`);
  }

  /** One incident's page: a new one (`n` undefined) or the n-th to change. */
  incident(req: Request, res: Response, n: number | undefined, errors?: FieldError[], posted?: Values): void {
    const { kit } = this;
    const draft = kit.draft(res);
    const t = kit.t(res);
    if (this.notYet(res, draft)) return;
    if (n !== undefined && !draft.incidents[n]) return void res.redirect(303, '/apply/incidents');
    if (n === undefined && draft.incidents.length >= MAX_PUBLIC_INCIDENTS)
      return void res.redirect(303, '/apply/incidents');
    const existing = n !== undefined ? draft.incidents[n] : undefined;
    const values: Values = posted ?? (existing ? incidentValues(existing) : {});
    const chosen = new Set(([] as unknown[]).concat(values.reportedTo ?? []).map(String));
    const dateItems = (prefix: string, hasError: boolean) =>
      (['Day', 'Month', 'Year'] as const).map((p) => ({
        name: p,
        id: `${prefix}-${p}`,
        label: t(`date.${p.toLowerCase()}`),
        classes: `govuk-input--width-${p === 'Year' ? 4 : 2}${hasError ? ' govuk-input--error' : ''}`,
        value: values[`${prefix}-${p}`],
        inputmode: 'numeric',
      }));
    const fieldErrors = new Set((errors ?? []).map((e) => e.field));
    kit.page(
      req,
      res,
      'incident',
      {
        title: t('incident.title'),
        errors: errors?.map((e) =>
          e.field.endsWith('Day') ? { ...e, field: `${e.field.slice(0, -3)}-Day` } : e,
        ),
        values: { ...values, reportedOther: chosen.has('other'), reportedNone: chosen.has('none') },
        backHref: draft.incidents.length ? '/apply/incidents' : backFrom('incidents', draft),
        action: n === undefined ? '/apply/incidents/add' : `/apply/incidents/${n + 1}`,
        hateQuestion: kit.policy.threshold.hate.enabled,
        agencyItems: kit.policy.agencies.map((a) => ({
          value: a.id,
          text: a.name,
          checked: chosen.has(a.id),
        })),
        dates: {
          occurred: dateItems('occurred', fieldErrors.has('occurredDay')),
          reported: dateItems('reported', fieldErrors.has('reportedDay')),
        },
      },
      errors ? 400 : 200,
    );
  }

  incidentAnswer(req: Request, res: Response, n: number | undefined): void {
    const draft = this.kit.draft(res);
    const body = req.body as Values;
    const parsed = parseIncident(dateFields(body), this.kit.policy, this.kit.today());
    if (!parsed.ok) return this.incident(req, res, n, parsed.errors, body);
    if (n !== undefined && draft.incidents[n]) draft.incidents[n] = parsed.value;
    else if (draft.incidents.length < MAX_PUBLIC_INCIDENTS) draft.incidents.push(parsed.value);
    res.redirect(303, '/apply/incidents');
  }

  remove(req: Request, res: Response, n: number | undefined, errors?: FieldError[]): void {
    const draft = this.kit.draft(res);
    if (n === undefined || !draft.incidents[n]) return void res.redirect(303, '/apply/incidents');
    const t = this.kit.t(res);
    this.kit.page(
      req,
      res,
      'remove',
      { title: t('incidents.removeTitle', { n: n + 1 }), errors, backHref: '/apply/incidents' },
      errors ? 400 : 200,
    );
  }

  removeAnswer(req: Request, res: Response, n: number | undefined): void {
    const draft = this.kit.draft(res);
    const parsed = parseYesNo(req.body as Values, 'remove', 'incidents.removeError');
    if (!parsed.ok) return this.remove(req, res, n, parsed.errors);
    if (parsed.value && n !== undefined) draft.incidents.splice(n, 1);
    res.redirect(303, '/apply/incidents');
  }

  /** Sends the browser on (and says so) when the incident pages are not open to this draft yet or any more. */
  private notYet(res: Response, draft: Draft): boolean {
    if (res.locals.publicSession!.submitted) {
      res.redirect(303, '/apply/confirmation');
      return true;
    }
    const next = nextStep(draft);
    if (next !== 'incidents' && next !== 'account' && next !== 'check') {
      res.redirect(303, `/apply/${next}`);
      return true;
    }
    return false;
  }
}

/** govuk-frontend's date inputs post `occurred-Day`; the parser reads `occurredDay`. */
function dateFields(body: Values): Values {
  const out: Values = { ...body };
  for (const prefix of ['occurred', 'reported'])
    for (const p of ['Day', 'Month', 'Year']) out[`${prefix}${p}`] = body[`${prefix}-${p}`];
  return out;
}

function incidentValues(i: DraftIncident): Values {
  const [y, m, d] = i.occurredOn.split('-');
  const [ry, rm, rd] = (i.reportedOn ?? '').split('-');
  return {
    'occurred-Day': String(Number(d)),
    'occurred-Month': String(Number(m)),
    'occurred-Year': y,
    ...(i.reportedOn
      ? { 'reported-Day': String(Number(rd)), 'reported-Month': String(Number(rm)), 'reported-Year': ry }
      : {}),
    ...(i.hate !== undefined ? { hate: i.hate ? 'yes' : 'no' } : {}),
    reportedTo: i.reportedTo.length ? i.reportedTo : ['none'],
    otherAgency: i.otherAgency,
    reference: i.reference,
  };
}
