/**
 * The victim's own front door (issue 17): `/apply`, the online application, and `/voice`, the victim's link.
 * Server-rendered GOV.UK Design System pages (govuk-frontend's Nunjucks macros) that work with JavaScript
 * off. Safe on the internet without sign-in: rate limits per address and per session, a honeypot, body
 * size limits, a CSRF token on every form, scripts from this app only, and no framing by anyone.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import { rateLimit, ipKeyGenerator } from 'express-rate-limit';
import nunjucks from 'nunjucks';
import {
  agencyName,
  londonDate,
  TransitionError,
  windowEnd,
  type CaseState,
  type Policy,
} from '../../shared';
import type { CaseService, ServiceActor } from '../app/case-service';
import { stableUuid } from '../app/stable-uuid';
import type { CaseFiles } from '../store/case-files';
import type { CaseLog } from '../store/case-log';
import { applicationPayload } from './application-payload';
import { publicAssets, sendHtml, type PublicAssets } from './assets';
import {
  complete,
  MAX_ACCOUNT,
  MAX_PUBLIC_INCIDENTS,
  nextStep,
  parseAccount,
  parseConsent,
  parseContact,
  parseIncident,
  parseSupport,
  parseVictimDetails,
  parseVictimKind,
  parseWho,
  parseYesNo,
  parseYourDetails,
  type Draft,
  type DraftIncident,
  type FieldError,
  type StepId,
} from './draft';
import { guidance } from './guidance';
import { formatDate, type Lang, type Messages, type Translate } from './i18n';
import { RepeatFinder, victimKey } from './repeat-check';
import { sameToken, SessionStore, type PublicSession } from './sessions';
import { ACCEPTED, readUpload } from './upload';
import type { VoiceLinks } from './voice-links';

/** The online form as an actor: it opens cases and records the victim's own answers, nothing else. */
export const ONLINE_FORM: ServiceActor = {
  id: 'online-form',
  name: 'Online application form',
  records: [
    'application-received',
    'victim-attendance-answered',
    'impact-statement-received',
    'action-plan-commented',
  ],
};

export interface PublicLimits {
  /** Requests to the public pages per address per window. */
  perAddress: number;
  /** Applications sent per address per hour. */
  submissionsPerAddress: number;
  /** Requests per session per window. */
  perSession: number;
  windowMs: number;
}

export interface PublicDoorDeps {
  service: CaseService;
  cases: Pick<CaseLog, 'listCases' | 'getCase'>;
  files: Pick<CaseFiles, 'putFile'>;
  policy: Policy;
  now: () => Date;
  log: (message: string) => void;
  messages: Messages;
  links: VoiceLinks;
  /** The SPOC online applications go to. */
  spoc: string;
  /** Cookies marked Secure (https, m365 mode). */
  secure: boolean;
  limits: PublicLimits;
  maxUploadBytes: number;
}

type Values = Record<string, unknown>;

interface PageContext {
  title: string;
  errors?: FieldError[];
  values?: Values;
  backHref?: string;
  action?: string;
  [key: string]: unknown;
}

declare module 'express-serve-static-core' {
  interface Locals {
    publicSession?: PublicSession;
    nonce?: string;
  }
}

export class PublicDoor {
  readonly assets: PublicAssets;
  private readonly env: nunjucks.Environment;
  private readonly sessions: SessionStore;
  private readonly repeats: RepeatFinder;

  constructor(private readonly deps: PublicDoorDeps) {
    this.assets = publicAssets();
    const govuk = join(require.resolve('govuk-frontend/package.json'), '../dist');
    this.env = nunjucks.configure([join(__dirname, 'views'), govuk], {
      autoescape: true,
      throwOnUndefined: false,
    });
    this.sessions = new SessionStore({
      idleMs: 60 * 60_000,
      max: 20_000,
      secure: deps.secure,
      now: () => deps.now().getTime(),
    });
    this.repeats = new RepeatFinder({ cases: deps.cases, policy: deps.policy });
  }

  /** Registers the public pages on the app (before its "not found" and error handlers). */
  register(app: express.Express): void {
    const { limits } = this.deps;
    app.use(this.assets.handler);
    const perAddress = rateLimit({
      windowMs: limits.windowMs,
      limit: limits.perAddress,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => `a:${ipKeyGenerator(req.ip ?? '')}`,
      handler: (req, res) => this.tooMany(req, res),
    });
    const perSession = rateLimit({
      windowMs: limits.windowMs,
      limit: limits.perSession,
      standardHeaders: false,
      legacyHeaders: false,
      keyGenerator: (_req, res) => `s:${res.locals.publicSession!.id}`,
      handler: (req, res) => this.tooMany(req, res),
    });
    const submissions = rateLimit({
      windowMs: 60 * 60_000,
      limit: limits.submissionsPerAddress,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      keyGenerator: (req) => `x:${ipKeyGenerator(req.ip ?? '')}`,
      handler: (req, res) => this.tooMany(req, res),
    });
    const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 });
    const router = express.Router();
    const paths = ['/apply', '/apply/*rest', '/voice', '/voice/*rest'];
    router.use(paths, this.doors(), perAddress, this.session(), perSession);
    // Multipart (the impact statement) is read by its own handler, within its own limits.
    router.post(['/apply', '/apply/*rest', '/voice/attendance', '/voice/comment'], form, this.checked());

    router.get('/apply', (req, res) => this.start(req, res));
    router.get('/apply/confirmation', (req, res) => this.confirmation(req, res));
    router.get('/apply/check', (req, res) => this.check(req, res));
    router.post(
      '/apply/check',
      submissions,
      this.wrap((req, res) => this.submit(req, res)),
    );
    router.get('/apply/incidents', (req, res) => this.incidents(req, res));
    router.post('/apply/incidents', (req, res) => this.incidentsAnswer(req, res));
    router.get('/apply/incidents/add', (req, res) => this.incident(req, res, undefined));
    router.post('/apply/incidents/add', (req, res) => this.incidentAnswer(req, res, undefined));
    router.get('/apply/incidents/:n', (req, res) => this.incident(req, res, index(req)));
    router.post('/apply/incidents/:n', (req, res) => this.incidentAnswer(req, res, index(req)));
    router.get('/apply/incidents/:n/remove', (req, res) => this.remove(req, res, index(req)));
    router.post('/apply/incidents/:n/remove', (req, res) => this.removeAnswer(req, res, index(req)));
    router.get('/apply/:step', (req, res) => this.question(req, res, String(req.params.step)));
    router.post('/apply/:step', (req, res) => this.answer(req, res, String(req.params.step)));

    router.get(
      '/voice',
      this.wrap((req, res) => this.voice(req, res)),
    );
    router.get(
      '/voice/:token',
      this.wrap((req, res) => this.openLink(req, res)),
    );
    router.post(
      '/voice/attendance',
      this.wrap((req, res) => this.attendance(req, res)),
    );
    router.post(
      '/voice/comment',
      this.wrap((req, res) => this.comment(req, res)),
    );
    router.post(
      '/voice/statement',
      this.wrap((req, res) => this.statement(req, res)),
    );
    router.use(paths, (req: Request, res: Response) => {
      const t = this.t(res);
      this.page(req, res, 'message', { title: t('notFound.title'), body: [t('notFound.body')] }, 404);
    });
    router.use(paths, (err: unknown, req: Request, res: Response, _next: NextFunction) =>
      this.failed(err, req, res),
    );
    app.use(router);
  }

  // ----- the doors -----

  /** Public pages are framed by no one; scripts come from this app, and the one inline snippet carries a nonce. */
  private doors(): express.RequestHandler {
    return (_req, res, next) => {
      const nonce = randomBytes(16).toString('base64');
      res.locals.nonce = nonce;
      res.setHeader(
        'Content-Security-Policy',
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${nonce}'`,
          "style-src 'self'",
          "img-src 'self' data:",
          "font-src 'self'",
          "connect-src 'self'",
          "form-action 'self'",
          "frame-ancestors 'none'",
          "base-uri 'none'",
          "object-src 'none'",
          ...(this.deps.secure ? ['upgrade-insecure-requests'] : []),
        ].join('; '),
      );
      res.setHeader('X-Frame-Options', 'DENY');
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
      next();
    };
  }

  private session(): express.RequestHandler {
    return (req, res, next) => {
      const asked = typeof req.query.lang === 'string' ? req.query.lang : undefined;
      const { session } = this.sessions.load(req, res, 'en');
      if (asked && this.deps.messages.has(asked)) session.lang = asked;
      res.locals.publicSession = session;
      next();
    };
  }

  /** Every form post: the session's token must come back, and the field people never see must be empty. */
  private checked(): express.RequestHandler {
    return (req, res, next) => {
      const body = (req.body ?? {}) as Values;
      if (!sameToken(body._csrf, res.locals.publicSession!.csrf)) return this.csrfFailed(req, res);
      if (typeof body.website === 'string' && body.website.trim()) return this.honeypot(req, res);
      next();
    };
  }

  private csrfFailed(req: Request, res: Response): void {
    const t = this.t(res);
    this.page(req, res, 'message', { title: t('csrf.title'), body: [t('csrf.body')] }, 403);
  }

  private honeypot(req: Request, res: Response): void {
    this.deps.log('public form: a post filled the honeypot field and was not recorded');
    this.csrfFailed(req, res);
  }

  private tooMany(req: Request, res: Response): void {
    const t = this.t(res);
    this.page(req, res, 'message', { title: t('tooMany.title'), body: [t('tooMany.body')] }, 429);
  }

  private failed(err: unknown, req: Request, res: Response): void {
    const t = this.t(res);
    const e = err as { type?: string; status?: number; name?: string; message?: string };
    if (e.type === 'entity.too.large' || e.status === 413)
      return this.page(req, res, 'message', { title: t('tooLarge.title'), body: [t('tooLarge.body')] }, 413);
    if (e.status && e.status >= 400 && e.status < 500)
      return this.page(req, res, 'message', { title: t('csrf.title'), body: [t('csrf.body')] }, 400);
    // The name and message only: never a body or an answer.
    this.deps.log(`public door: ${e.name}: ${e.message}`);
    this.page(req, res, 'message', { title: t('error.title'), body: [t('error.body')] }, 500);
  }

  private wrap(fn: (req: Request, res: Response) => Promise<void>): express.RequestHandler {
    return (req, res, next) => void fn(req, res).catch(next);
  }

  // ----- rendering -----

  private t(res: Response): Translate {
    return this.deps.messages.translator(res.locals.publicSession?.lang ?? 'en');
  }

  private page(req: Request, res: Response, view: string, ctx: PageContext, status = 200): void {
    const session = res.locals.publicSession;
    const lang: Lang = session?.lang ?? 'en';
    const t = this.deps.messages.translator(lang);
    const errors = ctx.errors ?? [];
    const path = req.path;
    const languageItems = this.deps.messages.languages.map((l) => ({
      text: this.deps.messages.translator(l)('language.name'),
      lang: l,
      ...(l === lang ? { current: true } : { href: `${path}?lang=${l}` }),
    }));
    const html = this.env.render(`${view}.njk`, {
      ...ctx,
      t,
      lang,
      council: this.deps.policy.council,
      serviceUrl: '/apply',
      csrf: session?.csrf ?? '',
      assets: this.assets,
      cspNonce: res.locals.nonce,
      languageItems,
      values: ctx.values ?? {},
      errorList: errors.map((e) => ({ text: t(e.key, e.params), href: `#${e.field}` })),
      fe: Object.fromEntries(errors.map((e) => [e.field, { text: t(e.key, e.params) }])),
      action: ctx.action ?? path,
    });
    sendHtml(req, res, status, html);
  }

  private draft(res: Response): Draft {
    return res.locals.publicSession!.draft;
  }

  private today(): string {
    return londonDate(this.deps.now());
  }

  // ----- /apply -----

  private start(req: Request, res: Response): void {
    const t = this.t(res);
    this.page(req, res, 'start', {
      title: t('start.title'),
      guidance: guidance(this.deps.policy, t),
      startHref: '/apply/who',
    });
  }

  /** The page before `step` in this draft's order (the back link). */
  private before(step: StepId | 'check', draft: Draft): string {
    const order: (StepId | 'check')[] = [
      'who',
      'consent',
      'your-details',
      'victim-kind',
      'victim-details',
      'contact',
      'support',
      'incidents',
      'account',
      'check',
    ];
    const at = order.indexOf(step);
    for (let i = at - 1; i >= 0; i--) {
      const s = order[i]!;
      if ((s === 'consent' || s === 'your-details') && draft.relationship !== 'third-party') continue;
      return `/apply/${s}`;
    }
    return '/apply';
  }

  private question(req: Request, res: Response, step: string, errors?: FieldError[], posted?: Values): void {
    const draft = this.draft(res);
    const t = this.t(res);
    const session = res.locals.publicSession!;
    if (session.submitted) return void res.redirect(303, '/apply/confirmation');
    const known: string[] = [
      'who',
      'consent',
      'your-details',
      'victim-kind',
      'victim-details',
      'contact',
      'support',
      'account',
    ];
    if (!known.includes(step)) return void res.redirect(303, '/apply');
    const third = draft.relationship === 'third-party';
    if ((step === 'consent' || step === 'your-details') && !third)
      return void res.redirect(303, `/apply/${nextStep(draft)}`);
    // A page is shown once the pages before it are answered (no jumping ahead by address).
    const order = [
      'who',
      'consent',
      'your-details',
      'victim-kind',
      'victim-details',
      'contact',
      'support',
      'incidents',
      'account',
    ];
    const next = nextStep(draft);
    if (next !== 'check' && order.indexOf(step) > order.indexOf(next))
      return void res.redirect(303, `/apply/${next}`);
    const values: Values = posted ?? this.valuesOf(step, draft);
    const change = req.query.change === '1' ? '?change=1' : '';
    const common = {
      errors,
      values,
      backHref: change ? '/apply/check' : this.before(step as StepId, draft),
      action: `/apply/${step}${change}`,
      thirdParty: third,
    };
    switch (step) {
      case 'who':
        return this.page(req, res, 'who', { ...common, title: t('who.title') }, errors ? 400 : 200);
      case 'consent':
        return this.page(
          req,
          res,
          'consent',
          {
            ...common,
            title: t('consent.title'),
            consentItems: (['in-writing', 'email', 'phone', 'in-person', 'other'] as const).map((v) => ({
              value: v,
              text: t(`consent.${v}`),
              checked: values.consentHow === v,
            })),
          },
          errors ? 400 : 200,
        );
      case 'your-details':
        return this.page(
          req,
          res,
          'your-details',
          { ...common, title: t('yourDetails.title') },
          errors ? 400 : 200,
        );
      case 'victim-kind':
        return this.page(
          req,
          res,
          'victim-kind',
          { ...common, title: t(third ? 'victimKind.titleThirdParty' : 'victimKind.title') },
          errors ? 400 : 200,
        );
      case 'victim-details':
        return this.page(
          req,
          res,
          'victim-details',
          {
            ...common,
            title: t(third ? 'victim.titleThirdParty' : 'victim.title'),
            nameLabel: t(
              draft.victimKind && draft.victimKind !== 'individual' ? 'victim.nameBusiness' : 'victim.name',
            ),
          },
          errors ? 400 : 200,
        );
      case 'contact':
        return this.page(
          req,
          res,
          'contact',
          { ...common, title: t(third ? 'contact.titleThirdParty' : 'contact.title') },
          errors ? 400 : 200,
        );
      case 'support':
        return this.page(
          req,
          res,
          'support',
          {
            ...common,
            title: t('support.title'),
            vulnerableQuestion: t(third ? 'support.vulnerableThirdParty' : 'support.vulnerable'),
            needsQuestion: t(third ? 'support.needsThirdParty' : 'support.needs'),
          },
          errors ? 400 : 200,
        );
      default:
        return this.page(
          req,
          res,
          'account',
          { ...common, title: t('account.title'), max: MAX_ACCOUNT },
          errors ? 400 : 200,
        );
    }
  }

  private valuesOf(step: string, d: Draft): Values {
    switch (step) {
      case 'who':
        return { relationship: d.relationship };
      case 'consent':
        return d.consent
          ? { consent: 'yes', consentHow: d.consent.how, consentDetail: d.consent.detail }
          : {};
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

  private answer(req: Request, res: Response, step: string): void {
    const draft = this.draft(res);
    const body = req.body as Values;
    if (res.locals.publicSession!.submitted) return void res.redirect(303, '/apply/confirmation');
    const parsed = ((): { ok: true; apply: () => void } | { ok: false; errors: FieldError[] } => {
      const wrap = <T>(
        p: { ok: true; value: T } | { ok: false; errors: FieldError[] },
        set: (v: T) => void,
      ) => (p.ok ? { ok: true as const, apply: () => set(p.value) } : p);
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
    })();
    if (!parsed.ok) {
      if (!parsed.errors.length) return void res.redirect(303, '/apply');
      return this.question(req, res, step, parsed.errors, body);
    }
    parsed.apply();
    const next = nextStep(draft);
    res.redirect(303, req.query.change === '1' && next === 'check' ? '/apply/check' : `/apply/${next}`);
  }

  // ----- incidents: add another -----

  private incidents(req: Request, res: Response, errors?: FieldError[]): void {
    const draft = this.draft(res);
    const t = this.t(res);
    if (res.locals.publicSession!.submitted) return void res.redirect(303, '/apply/confirmation');
    const next = nextStep(draft);
    if (next !== 'incidents' && next !== 'account' && next !== 'check')
      return void res.redirect(303, `/apply/${next}`);
    if (draft.incidents.length === 0) return void res.redirect(303, '/apply/incidents/add');
    this.page(
      req,
      res,
      'incidents',
      {
        title: t('incidents.title'),
        errors,
        backHref: this.before('incidents', draft),
        rows: draft.incidents.map((incident, i) => ({
          key: { text: t('incidents.item', { n: i + 1, date: formatDate(incident.occurredOn, t) }) },
          value: { text: this.reportText(incident, t) },
          actions: {
            items: [
              {
                href: `/apply/incidents/${i + 1}`,
                text: t('common.change'),
                visuallyHiddenText: t('incidents.item', { n: i + 1, date: '' }).replace(/[:\s]+$/, ''),
              },
              {
                href: `/apply/incidents/${i + 1}/remove`,
                text: t('common.remove'),
                visuallyHiddenText: t('incidents.item', { n: i + 1, date: '' }).replace(/[:\s]+$/, ''),
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

  private reportText(incident: DraftIncident, t: Translate): string {
    if (!incident.reportedTo.length || !incident.reportedOn) return t('incidents.notReported');
    const who = incident.reportedTo
      .map((a) => (a === 'other' ? (incident.otherAgency ?? '') : agencyName(this.deps.policy, a)))
      .join(', ');
    return t('incidents.reportedTo', { who, date: formatDate(incident.reportedOn, t) });
  }

  private incidentsAnswer(req: Request, res: Response): void {
    const draft = this.draft(res);
    const parsed = parseYesNo(req.body as Values, 'addAnother', 'incidents.addAnotherError');
    if (!parsed.ok) return this.incidents(req, res, parsed.errors);
    if (parsed.value && draft.incidents.length < MAX_PUBLIC_INCIDENTS)
      return void res.redirect(303, '/apply/incidents/add');
    res.redirect(303, `/apply/${nextStep(draft)}`);
  }

  private incident(
    req: Request,
    res: Response,
    n: number | undefined,
    errors?: FieldError[],
    posted?: Values,
  ): void {
    const draft = this.draft(res);
    const t = this.t(res);
    if (res.locals.publicSession!.submitted) return void res.redirect(303, '/apply/confirmation');
    const next = nextStep(draft);
    if (next !== 'incidents' && next !== 'account' && next !== 'check')
      return void res.redirect(303, `/apply/${next}`);
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
    this.page(
      req,
      res,
      'incident',
      {
        title: t('incident.title'),
        errors: errors?.map((e) =>
          e.field.endsWith('Day') ? { ...e, field: `${e.field.slice(0, -3)}-Day` } : e,
        ),
        values: { ...values, reportedOther: chosen.has('other'), reportedNone: chosen.has('none') },
        backHref: draft.incidents.length ? '/apply/incidents' : this.before('incidents', draft),
        action: n === undefined ? '/apply/incidents/add' : `/apply/incidents/${n + 1}`,
        hateQuestion: this.deps.policy.threshold.hate.enabled,
        agencyItems: this.deps.policy.agencies.map((a) => ({
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

  private incidentAnswer(req: Request, res: Response, n: number | undefined): void {
    const draft = this.draft(res);
    const body = req.body as Values;
    const parsed = parseIncident(dateFields(body), this.deps.policy, this.today());
    if (!parsed.ok) return this.incident(req, res, n, parsed.errors, body);
    if (n !== undefined && draft.incidents[n]) draft.incidents[n] = parsed.value;
    else if (draft.incidents.length < MAX_PUBLIC_INCIDENTS) draft.incidents.push(parsed.value);
    res.redirect(303, '/apply/incidents');
  }

  private remove(req: Request, res: Response, n: number | undefined, errors?: FieldError[]): void {
    const draft = this.draft(res);
    if (n === undefined || !draft.incidents[n]) return void res.redirect(303, '/apply/incidents');
    const t = this.t(res);
    this.page(
      req,
      res,
      'remove',
      { title: t('incidents.removeTitle', { n: n + 1 }), errors, backHref: '/apply/incidents' },
      errors ? 400 : 200,
    );
  }

  private removeAnswer(req: Request, res: Response, n: number | undefined): void {
    const draft = this.draft(res);
    const parsed = parseYesNo(req.body as Values, 'remove', 'incidents.removeError');
    if (!parsed.ok) return this.remove(req, res, n, parsed.errors);
    if (parsed.value && n !== undefined) draft.incidents.splice(n, 1);
    res.redirect(303, '/apply/incidents');
  }

  // ----- check, send, confirmation -----

  private check(req: Request, res: Response, errors?: FieldError[]): void {
    const draft = this.draft(res);
    const t = this.t(res);
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
    this.page(req, res, 'check', {
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
              this.reportText(incident, t),
              `/apply/incidents/${i + 1}`,
            ),
          ),
        },
        { heading: t('check.account'), rows: [row(t('check.account'), draft.account!, '/apply/account')] },
      ],
    });
  }

  /** Sends the application: one case, whatever the double clicks; a possible repeat is flagged, never refused. */
  private async submit(_req: Request, res: Response): Promise<void> {
    const session = res.locals.publicSession!;
    if (session.submitted) return void res.redirect(303, '/apply/confirmation');
    const draft = session.draft;
    if (!complete(draft)) return void res.redirect(303, `/apply/${nextStep(draft)}`);
    const receivedOn = this.today();
    const v = draft.victim!;
    const key = victimKey(v.name, [v.address1, v.address2, v.town, v.postcode].filter(Boolean).join(', '));
    const possibleRepeatOf = await this.repeats.find(key, receivedOn);
    const payload = applicationPayload(draft, {
      policy: this.deps.policy,
      receivedOn,
      spoc: this.deps.spoc,
      lang: session.lang,
      possibleRepeatOf,
    });
    const opened = await this.deps.service.openOnlineApplication(session.requestId, payload, ONLINE_FORM);
    this.repeats.remember(opened.caseId, key);
    session.submitted = { caseId: opened.caseId, reference: opened.reference, requestId: session.requestId };
    // The answers are on the case now; the session keeps only what the confirmation page shows.
    session.draft = {
      incidents: [],
      ...(draft.contact ? { contact: { method: draft.contact.method } } : {}),
    };
    res.redirect(303, '/apply/confirmation');
  }

  private confirmation(req: Request, res: Response): void {
    const session = res.locals.publicSession!;
    const t = this.t(res);
    if (!session.submitted) return void res.redirect(303, '/apply');
    const receivedOn = this.today();
    const clocks = this.deps.policy.clocks;
    const due = (c: { amount: number; unit: 'working-days' | 'calendar-days' }) =>
      formatDate(windowEnd(receivedOn, c), t);
    const method = session.draft.contact?.method;
    this.page(req, res, 'confirmation', {
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

  // ----- /voice: the victim's link -----

  private async openLink(req: Request, res: Response): Promise<void> {
    const found = await this.deps.links.verify(String(req.params.token));
    const session = res.locals.publicSession!;
    const record = found ? await this.deps.cases.getCase(found.caseId) : null;
    if (!found || !record) return this.linkExpired(req, res);
    session.voice = { caseId: found.caseId, until: found.until };
    this.sessions.rotate(session, res);
    res.redirect(303, '/voice');
  }

  private linkExpired(req: Request, res: Response): void {
    const t = this.t(res);
    this.page(
      req,
      res,
      'message',
      { title: t('voice.expired.title'), body: [t('voice.expired.body', { days: this.deps.links.days })] },
      410,
    );
  }

  private async voiceCase(
    res: Response,
  ): Promise<{ caseId: string; reference: string; state: CaseState } | null> {
    const voice = res.locals.publicSession!.voice;
    if (!voice || voice.until < this.deps.now().getTime()) return null;
    const record = await this.deps.cases.getCase(voice.caseId);
    if (!record) return null;
    return {
      caseId: voice.caseId,
      reference: record.projection.reference,
      state: this.deps.service.reduce(record),
    };
  }

  private async voice(req: Request, res: Response, errors?: FieldError[], posted?: Values): Promise<void> {
    const found = await this.voiceCase(res);
    if (!found) return this.linkExpired(req, res);
    const t = this.t(res);
    const { state, reference } = found;
    const canAttend = state.status === 'threshold-met' || state.status === 'panel-booked';
    const canComment = state.status === 'review-held';
    const booked = state.panel?.status === 'booked' ? state.panel : undefined;
    const attendance = state.victimVoice?.attendance;
    const values = posted ?? {};
    this.page(
      req,
      res,
      'voice',
      {
        title: t('voice.title', { reference }),
        errors,
        values,
        statusText: t(`voice.status.${state.status}`),
        meeting:
          booked && canAttend
            ? t('voice.meeting', { date: formatDate(londonDate(booked.start), t) })
            : undefined,
        canAttend,
        canComment,
        formId: randomUUID(),
        attendanceNow: attendance
          ? t('voice.attend.current', {
              choice: t(`voice.attend.${attendance.choice}`),
              date: formatDate(attendance.answeredOn, t),
            })
          : undefined,
        attendItems: (
          ['attend-in-person', 'attend-online', 'impact-statement', 'no-involvement'] as const
        ).map((c) => ({
          value: c,
          text: t(`voice.attend.${c}`),
          checked: (values.choice ?? attendance?.choice) === c,
        })),
        statements: state.victimVoice?.statements.length ?? 0,
        comments: state.victimVoice?.comments.length ?? 0,
        maxMb: Math.round(this.deps.maxUploadBytes / 1_048_576),
        accept: ACCEPTED,
        actionRows: canComment
          ? state.actions.map((a, i) => ({
              key: { text: String(i + 1) },
              value: {
                text: t('voice.plan.action', {
                  description: a.description,
                  agency: agencyName(this.deps.policy, a.ownerAgency),
                  date: formatDate(a.dueOn, t),
                }),
              },
            }))
          : [],
      },
      errors ? 400 : 200,
    );
  }

  private async recordVoice(
    req: Request,
    res: Response,
    event: { id: string; type: string; payload: unknown },
    thanks: string,
  ): Promise<void> {
    const found = await this.voiceCase(res);
    if (!found) return this.linkExpired(req, res);
    const t = this.t(res);
    try {
      await this.deps.service.recordAsService(found.caseId, [event], ONLINE_FORM);
    } catch (err) {
      if (!(err instanceof TransitionError)) throw err;
      return this.page(
        req,
        res,
        'message',
        {
          title: t('voice.title', { reference: found.reference }),
          body: [t('voice.closedForAnswers')],
          link: { href: '/voice', text: t('voice.thanks.back') },
        },
        409,
      );
    }
    this.page(req, res, 'message', {
      title: t('voice.thanks.title'),
      body: [t(thanks)],
      link: { href: '/voice', text: t('voice.thanks.back') },
    });
  }

  private formId(body: Values): string {
    const id = typeof body.formId === 'string' ? body.formId : '';
    return /^[0-9a-f-]{36}$/.test(id) ? id : randomUUID();
  }

  private async attendance(req: Request, res: Response): Promise<void> {
    const body = req.body as Values;
    const choice = String(body.choice ?? '');
    const note = String(body.note ?? '')
      .trim()
      .slice(0, 2000);
    if (!['attend-in-person', 'attend-online', 'impact-statement', 'no-involvement'].includes(choice))
      return this.voice(req, res, [{ field: 'choice', key: 'voice.attend.error' }], body);
    const id = this.formId(body);
    await this.recordVoice(
      req,
      res,
      {
        id,
        type: 'victim-attendance-answered',
        payload: { answerId: id, answeredOn: this.today(), choice, ...(note ? { note } : {}) },
      },
      'voice.thanks.attendance',
    );
  }

  private async comment(req: Request, res: Response): Promise<void> {
    const body = req.body as Values;
    const text = String(body.comment ?? '').trim();
    if (!text || text.length > 5000)
      return this.voice(req, res, [{ field: 'comment', key: 'voice.plan.error' }], body);
    const id = this.formId(body);
    await this.recordVoice(
      req,
      res,
      {
        id,
        type: 'action-plan-commented',
        payload: { commentId: id, receivedOn: this.today(), text },
      },
      'voice.thanks.comment',
    );
  }

  private async statement(req: Request, res: Response): Promise<void> {
    const found = await this.voiceCase(res);
    if (!found) return this.linkExpired(req, res);
    const upload = await readUpload(req, this.deps.maxUploadBytes);
    const body = upload.fields as Values;
    if (!sameToken(body._csrf, res.locals.publicSession!.csrf)) return this.csrfFailed(req, res);
    if (typeof body.website === 'string' && body.website.trim()) return this.honeypot(req, res);
    const text = String(body.text ?? '').trim();
    const mb = Math.round(this.deps.maxUploadBytes / 1_048_576);
    if (upload.problem)
      return this.voice(req, res, [{ field: 'document', key: upload.problem, params: { mb } }], { text });
    if (!text && !upload.file)
      return this.voice(req, res, [{ field: 'text', key: 'voice.statement.error' }], {});
    if (text.length > 20_000)
      return this.voice(req, res, [{ field: 'text', key: 'voice.statement.error' }], { text });
    const id = this.formId(body);
    let file: { fileId: string; name: string; contentType: string; size: number } | undefined;
    if (upload.file) {
      const ext = /\.[a-z]+$/i.exec(upload.file.name)?.[0]?.toLowerCase() ?? '';
      const stored = await this.deps.files.putFile(
        found.caseId,
        {
          fileId: stableUuid('impact-statement', found.caseId, id),
          kind: 'victim-statement',
          // Shown to officers and the panel: the reference, never the victim's file name.
          name: `${found.reference} impact statement${ext}`,
          contentType: upload.file.contentType,
          storedBy: ONLINE_FORM.id,
        },
        upload.file.bytes,
      );
      file = { fileId: stored.fileId, name: stored.name, contentType: stored.contentType, size: stored.size };
    }
    await this.recordVoice(
      req,
      res,
      {
        id,
        type: 'impact-statement-received',
        payload: {
          statementId: id,
          receivedOn: this.today(),
          ...(text ? { text } : {}),
          ...(file ? { file } : {}),
        },
      },
      'voice.thanks.statement',
    );
  }
}

function index(req: Request): number | undefined {
  const n = Number(req.params.n);
  return Number.isInteger(n) && n >= 1 && n <= MAX_PUBLIC_INCIDENTS ? n - 1 : undefined;
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
