/**
 * `/apply`: the start page and the questions one a page (who, consent, your details, the victim, contact,
 * support, account), each shown only once the pages before it are answered. The incidents have their own
 * pages (incident-pages.ts), as do check, send and the confirmation (check-pages.ts).
 */
import type { Request, Response } from 'express';
import {
  MAX_ACCOUNT,
  nextStep,
  parseAccount,
  parseConsent,
  parseContact,
  parseSupport,
  parseVictimDetails,
  parseVictimKind,
  parseWho,
  parseYourDetails,
  steps,
  type Draft,
  type FieldError,
  type Parsed,
  type StepId,
} from './draft';
import { guidance } from './guidance';
import type { PageKit, Values } from './page-kit';

/** The page before `step` in this draft's order (the back link): pages that do not apply are skipped. */
export function backFrom(step: StepId | 'check', draft: Draft): string {
  const at = step === 'check' ? steps.length : steps.findIndex((s) => s.id === step);
  for (let i = at - 1; i >= 0; i--) if (steps[i]!.applies(draft)) return `/apply/${steps[i]!.id}`;
  return '/apply';
}

/** The question pages (every step but the incidents, which have pages of their own). */
const QUESTIONS: readonly string[] = steps.map((s) => s.id).filter((id) => id !== 'incidents');

export class ApplyPages {
  constructor(private readonly kit: PageKit) {}

  start(req: Request, res: Response): void {
    const t = this.kit.t(res);
    this.kit.page(req, res, 'start', {
      title: t('start.title'),
      guidance: guidance(this.kit.policy, t),
      startHref: '/apply/who',
    });
  }

  question(req: Request, res: Response, step: string, errors?: FieldError[], posted?: Values): void {
    const { kit } = this;
    const draft = kit.draft(res);
    const t = kit.t(res);
    if (res.locals.publicSession!.submitted) return void res.redirect(303, '/apply/confirmation');
    if (!QUESTIONS.includes(step)) return void res.redirect(303, '/apply');
    const third = draft.relationship === 'third-party';
    if ((step === 'consent' || step === 'your-details') && !third)
      return void res.redirect(303, `/apply/${nextStep(draft)}`);
    // A page is shown once the pages before it are answered (no jumping ahead by address).
    const next = nextStep(draft);
    const order = steps.map((s): string => s.id);
    if (next !== 'check' && order.indexOf(step) > order.indexOf(next))
      return void res.redirect(303, `/apply/${next}`);
    const values: Values = posted ?? valuesOf(step, draft);
    const change = req.query.change === '1' ? '?change=1' : '';
    const status = errors ? 400 : 200;
    const common = {
      errors,
      values,
      backHref: change ? '/apply/check' : backFrom(step as StepId, draft),
      action: `/apply/${step}${change}`,
      thirdParty: third,
    };
    const show = (view: string, ctx: Record<string, unknown> & { title: string }) =>
      kit.page(req, res, view, { ...common, ...ctx }, status);
    switch (step) {
      case 'who':
        return show('who', { title: t('who.title') });
      case 'consent':
        return show('consent', {
          title: t('consent.title'),
          consentItems: (['in-writing', 'email', 'phone', 'in-person', 'other'] as const).map((v) => ({
            value: v,
            text: t(`consent.${v}`),
            checked: values.consentHow === v,
          })),
        });
      case 'your-details':
        return show('your-details', { title: t('yourDetails.title') });
      case 'victim-kind':
        return show('victim-kind', { title: t(third ? 'victimKind.titleThirdParty' : 'victimKind.title') });
      case 'victim-details':
        return show('victim-details', {
          title: t(third ? 'victim.titleThirdParty' : 'victim.title'),
          nameLabel: t(
            draft.victimKind && draft.victimKind !== 'individual' ? 'victim.nameBusiness' : 'victim.name',
          ),
        });
      case 'contact':
        return show('contact', { title: t(third ? 'contact.titleThirdParty' : 'contact.title') });
      case 'support':
        return show('support', {
          title: t('support.title'),
          vulnerableQuestion: t(third ? 'support.vulnerableThirdParty' : 'support.vulnerable'),
          needsQuestion: t(third ? 'support.needsThirdParty' : 'support.needs'),
        });
      default:
        return show('account', { title: t('account.title'), max: MAX_ACCOUNT });
    }
  }

  answer(req: Request, res: Response, step: string): void {
    const draft = this.kit.draft(res);
    const body = req.body as Values;
    if (res.locals.publicSession!.submitted) return void res.redirect(303, '/apply/confirmation');
    const parsed = parseAnswer(step, body, draft);
    if (!parsed.ok) {
      if (!parsed.errors.length) return void res.redirect(303, '/apply');
      return this.question(req, res, step, parsed.errors, body);
    }
    parsed.apply();
    const next = nextStep(draft);
    res.redirect(303, req.query.change === '1' && next === 'check' ? '/apply/check' : `/apply/${next}`);
  }
}

/** The step's answer parsed, with what writing it into the draft does; no errors for an unknown step. */
function parseAnswer(
  step: string,
  body: Values,
  draft: Draft,
): { ok: true; apply: () => void } | { ok: false; errors: FieldError[] } {
  const wrap = <T>(p: Parsed<T>, set: (v: T) => void) =>
    p.ok ? { ok: true as const, apply: () => set(p.value) } : p;
  switch (step) {
    case 'who':
      return wrap(parseWho(body), (v) => {
        draft.relationship = v;
        if (v === 'victim') {
          delete draft.consent;
          delete draft.applicant;
          if (draft.contact?.method === 'via-applicant') delete draft.contact;
        }
      });
    case 'consent':
      return wrap(parseConsent(body), (v) => (draft.consent = v));
    case 'your-details':
      return wrap(parseYourDetails(body), (v) => (draft.applicant = v));
    case 'victim-kind':
      return wrap(parseVictimKind(body), (v) => (draft.victimKind = v));
    case 'victim-details':
      return wrap(parseVictimDetails(body), (v) => (draft.victim = v));
    case 'contact':
      return wrap(parseContact(body, draft), (v) => (draft.contact = v));
    case 'support':
      return wrap(parseSupport(body), (v) => (draft.support = v));
    case 'account':
      return wrap(parseAccount(body), (v) => (draft.account = v));
    default:
      return { ok: false, errors: [] };
  }
}

/** What a question page shows of the answer already given. */
function valuesOf(step: string, d: Draft): Values {
  switch (step) {
    case 'who':
      return { relationship: d.relationship };
    case 'consent':
      return d.consent ? { consent: 'yes', consentHow: d.consent.how, consentDetail: d.consent.detail } : {};
    case 'your-details':
      return d.applicant
        ? {
            applicantName: d.applicant.name,
            applicantRole: d.applicant.role,
            applicantEmail: d.applicant.email,
            applicantPhone: d.applicant.phone,
          }
        : {};
    case 'victim-kind':
      return { victimKind: d.victimKind };
    case 'victim-details':
      return { ...d.victim };
    case 'contact':
      return { ...d.contact };
    case 'support':
      return d.support
        ? {
            vulnerable: d.support.vulnerable,
            needs: d.support.needs ? 'yes' : 'no',
            needsDetail: d.support.needs,
            anonymous: d.support.anonymous ? 'yes' : 'no',
          }
        : {};
    default:
      return { account: d.account };
  }
}
