/**
 * The victim's own front door (issue 17): `/apply`, the online application, and `/voice`, the victim's link.
 * Server-rendered GOV.UK Design System pages (govuk-frontend's Nunjucks macros) that work with JavaScript
 * off. Safe on the internet without sign-in: rate limits per address and per session, a honeypot, body
 * size limits, a CSRF token on every form, scripts from this app only, and no framing by anyone.
 *
 * This file puts the rooms together and lays out the routes: the doors (doors.ts), the page kit that renders
 * and translates (page-kit.ts), the questions (apply-pages.ts), the incidents (incident-pages.ts), check and
 * send (check-pages.ts) and the victim's link (voice-pages.ts).
 */
import express from 'express';
import type { Policy } from '../../shared';
import type { CaseService, ServiceActor } from '../app/case-service';
import type { CaseFiles } from '../store/case-files';
import type { CaseLog } from '../store/case-log';
import { ApplyPages } from './apply-pages';
import type { PublicAssets } from './assets';
import { CheckPages } from './check-pages';
import { Doors, wrap, type PublicLimits } from './doors';
import type { Messages } from './i18n';
import { incidentIndex, IncidentPages } from './incident-pages';
import { PageKit } from './page-kit';
import { RepeatFinder } from './repeat-check';
import { SessionStore } from './sessions';
import { VoicePages } from './voice-pages';
import type { VoiceLinks } from './voice-links';

export type { PublicLimits } from './doors';

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

export class PublicDoor {
  readonly assets: PublicAssets;
  private readonly kit: PageKit;
  private readonly doors: Doors;
  private readonly apply: ApplyPages;
  private readonly incidents: IncidentPages;
  private readonly checkPages: CheckPages;
  private readonly voicePages: VoicePages;

  constructor(deps: PublicDoorDeps) {
    this.kit = new PageKit(deps);
    this.assets = this.kit.assets;
    const sessions = new SessionStore({
      idleMs: 60 * 60_000,
      max: 20_000,
      secure: deps.secure,
      now: () => deps.now().getTime(),
    });
    this.doors = new Doors(this.kit, { sessions, secure: deps.secure, limits: deps.limits, log: deps.log });
    this.apply = new ApplyPages(this.kit);
    this.incidents = new IncidentPages(this.kit);
    this.checkPages = new CheckPages(this.kit, {
      service: deps.service,
      repeats: new RepeatFinder({ cases: deps.cases, policy: deps.policy }),
      spoc: deps.spoc,
      actor: ONLINE_FORM,
    });
    this.voicePages = new VoicePages(this.kit, { ...deps, sessions, doors: this.doors, actor: ONLINE_FORM });
  }

  /** Registers the public pages on the app (before its "not found" and error handlers). */
  register(app: express.Express): void {
    const { doors, apply, incidents, checkPages, voicePages } = this;
    app.use(this.assets.handler);
    const { perAddress, perSession, submissions } = doors.limiters();
    const form = express.urlencoded({ extended: false, limit: '64kb', parameterLimit: 100 });
    const router = express.Router();
    const paths = ['/apply', '/apply/*rest', '/voice', '/voice/*rest'];
    router.use(paths, doors.headers(), perAddress, doors.session(), perSession);
    // Multipart (the impact statement) is read by its own handler, within its own limits.
    router.post(['/apply', '/apply/*rest', '/voice/attendance', '/voice/comment'], form, doors.checked());

    const n = incidentIndex;
    router.get('/apply', (req, res) => apply.start(req, res));
    router.get('/apply/confirmation', (req, res) => checkPages.confirmation(req, res));
    router.get('/apply/check', (req, res) => checkPages.check(req, res));
    router.post(
      '/apply/check',
      submissions,
      wrap((req, res) => checkPages.submit(req, res)),
    );
    router.get('/apply/incidents', (req, res) => incidents.list(req, res));
    router.post('/apply/incidents', (req, res) => incidents.listAnswer(req, res));
    router.get('/apply/incidents/add', (req, res) => incidents.incident(req, res, undefined));
    router.post('/apply/incidents/add', (req, res) => incidents.incidentAnswer(req, res, undefined));
    router.get('/apply/incidents/:n', (req, res) => incidents.incident(req, res, n(req)));
    router.post('/apply/incidents/:n', (req, res) => incidents.incidentAnswer(req, res, n(req)));
    router.get('/apply/incidents/:n/remove', (req, res) => incidents.remove(req, res, n(req)));
    router.post('/apply/incidents/:n/remove', (req, res) => incidents.removeAnswer(req, res, n(req)));
    router.get('/apply/:step', (req, res) => apply.question(req, res, String(req.params.step)));
    router.post('/apply/:step', (req, res) => apply.answer(req, res, String(req.params.step)));

    router.get(
      '/voice',
      wrap((req, res) => voicePages.voice(req, res)),
    );
    router.get(
      '/voice/:token',
      wrap((req, res) => voicePages.openLink(req, res)),
    );
    router.post(
      '/voice/attendance',
      wrap((req, res) => voicePages.attendance(req, res)),
    );
    router.post(
      '/voice/comment',
      wrap((req, res) => voicePages.comment(req, res)),
    );
    router.post(
      '/voice/statement',
      wrap((req, res) => voicePages.statement(req, res)),
    );
    router.use(paths, doors.notFound());
    router.use(paths, doors.failed());
    app.use(router);
  }
}
