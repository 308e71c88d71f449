/**
 * Issue 17's composition: the public pages, the victim's link, GOV.UK Notify (or local mode's outbox) and
 * the routes the SPOC's tab and Notify call. runtime.ts calls `wirePublicDoor` once; its reactor is registered
 * with the others here, and its routes go in with the other extensions.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type express from 'express';
import { deliveryStatus, type Policy } from '../../shared';
import { LocalVictimMessenger } from '../adapters/notify/local-messenger';
import { loadNotifyTemplates } from '../adapters/notify/notify-templates';
import { NotifyMessenger } from '../adapters/notify/notify-messenger';
import type { VictimMessenger } from '../adapters/notify/victim-messenger';
import { notifyCallbackSchema, type PinnedCaseListItem, type VictimVoiceView } from '../api/public';
import { expressPath, routes } from '../api/routes';
import { hearsVictimVoice, isOfficer } from '../app/access-policy';
import type { CaseService } from '../app/case-service';
import type { Directory } from '../app/directory';
import { NotFoundError, UnauthenticatedError } from '../app/errors';
import { stableUuid } from '../app/stable-uuid';
import type { Config } from '../config';
import type { Mailer } from '../ports/mailer';
import type { Reactors } from '../app/reactors';
import type { Stores } from '../store/stores';
import { Messages } from './i18n';
import { ONLINE_FORM, PublicDoor } from './public-door';
import { NOTIFY_ACTOR, victimUpdatesReactor } from './victim-updates';
import { VoiceLinks } from './voice-links';
import { bearerToken } from '../auth/bearer';

export interface PublicDoorWiring {
  /** Registers /apply, /voice, the victim-voice API and Notify's callback (an http-app extension). */
  routes: (app: express.Express, authenticate: express.RequestHandler) => void;
  messenger: VictimMessenger;
  links: VoiceLinks;
}

export function wirePublicDoor(deps: {
  config: Config;
  policy: Policy;
  directory: Directory;
  stores: Pick<Stores, 'cases' | 'files'>;
  service: CaseService;
  /** The victim-updates reactor is registered here. */
  reactors: Pick<Reactors, 'register'>;
  now: () => Date;
  log: (message: string) => void;
  /** Local mode's outbox: victims' messages go there when no Notify key is set. */
  localMailer?: Mailer;
  publicUrl: string;
}): PublicDoorWiring {
  const { config, policy, directory, service, now, log } = deps;
  const store = deps.stores.cases;
  const messages = new Messages(config.PUBLIC_WELSH_FILE);
  const links = new VoiceLinks({
    secret: config.VOICE_LINK_SECRET ?? localSecret(config.DATA_DIR),
    days: config.VOICE_LINK_DAYS,
    publicUrl: deps.publicUrl,
    now,
  });
  const messenger: VictimMessenger = config.NOTIFY_API_KEY
    ? new NotifyMessenger({
        apiKey: config.NOTIFY_API_KEY,
        ...(config.NOTIFY_BASE_URL ? { baseUrl: config.NOTIFY_BASE_URL } : {}),
        templates: loadNotifyTemplates(config.NOTIFY_TEMPLATES_FILE!),
        ...(config.NOTIFY_EMAIL_REPLY_TO_ID ? { emailReplyToId: config.NOTIFY_EMAIL_REPLY_TO_ID } : {}),
        ...(config.NOTIFY_SMS_SENDER_ID ? { smsSenderId: config.NOTIFY_SMS_SENDER_ID } : {}),
      })
    : deps.localMailer
      ? new LocalVictimMessenger(deps.localMailer)
      : {
          via: 'notify',
          send: async () => ({
            status: 'not-sent',
            reason: 'GOV.UK Notify is not configured (NOTIFY_API_KEY).',
          }),
        };
  if (config.APP_MODE === 'm365' && !config.NOTIFY_API_KEY)
    log(
      'GOV.UK Notify is not configured (NOTIFY_API_KEY): victims are not sent updates; each is recorded as not sent.',
    );
  const spoc = config.PUBLIC_SPOC ?? directory.people.find((p) => p.roles.includes('spoc'))?.id;
  const spocPerson = spoc ? directory.get(spoc) : undefined;
  if (!spocPerson || !isOfficer(spocPerson))
    throw new Error(
      `PUBLIC_SPOC: "${spoc ?? ''}" is not a SPOC in the directory; online applications need one.`,
    );
  deps.reactors.register(
    victimUpdatesReactor({ service, policy, directory, messenger, messages, links, now }),
  );
  service.registerPublicDoor({
    services: [ONLINE_FORM, NOTIFY_ACTOR],
    pinned: async (spocFilter) => {
      // New online applications: received through the form and not yet decided.
      const items = [];
      for (const status of ['received', 'acknowledged']) {
        const page = await store.listCases({
          status,
          orderBy: 'deadline',
          limit: 50,
          ...(spocFilter ? { spoc: spocFilter } : {}),
        });
        items.push(...page.items);
      }
      const online = [];
      for (const p of items) if (await isOnline(p.caseId)) online.push(p);
      return online.sort(
        (a, b) =>
          (a.nextDeadline ?? '~').localeCompare(b.nextDeadline ?? '~') ||
          b.openedOn.localeCompare(a.openedOn),
      );
    },
  });
  // Whether a case came through the form never changes: read once per case.
  const onlineCases = new Map<string, boolean>();
  async function isOnline(caseId: string): Promise<boolean> {
    const known = onlineCases.get(caseId);
    if (known !== undefined) return known;
    const record = await store.getCase(caseId);
    const source = (record?.events[0]?.payload as { source?: { kind?: string } } | undefined)?.source?.kind;
    const online = source === 'public';
    if (onlineCases.size > 50_000) onlineCases.clear();
    onlineCases.set(caseId, online);
    return online;
  }

  const enabled = publicDoorOpen(config);
  const door = enabled
    ? new PublicDoor({
        service,
        cases: store,
        files: deps.stores.files,
        policy,
        now,
        log,
        messages,
        links,
        spoc: spocPerson.id,
        secure: config.APP_MODE === 'm365',
        limits: {
          perAddress: config.PUBLIC_REQUESTS_PER_ADDRESS,
          perSession: config.PUBLIC_REQUESTS_PER_SESSION,
          submissionsPerAddress: config.PUBLIC_SUBMISSIONS_PER_ADDRESS,
          windowMs: 10 * 60_000,
        },
        maxUploadBytes: config.IMPACT_STATEMENT_MAX_MB * 1_048_576,
      })
    : undefined;

  return {
    messenger,
    links,
    routes: (app, authenticate) => {
      const hops = config.TRUST_PROXY ?? (config.APP_MODE === 'm365' ? 1 : 0);
      if (hops) app.set('trust proxy', hops);
      door?.register(app);

      app.get(expressPath(routes.victimVoice), authenticate, (req, res, next) => {
        const person = req.person!;
        const caseId = String(req.params.caseId);
        void (async () => {
          const record = await store.getCase(caseId);
          const state = record ? service.reduce(record) : undefined;
          const access = state ? service.access(person, state) : null;
          if (!record || !state || !access || !hearsVictimVoice(access))
            throw new NotFoundError(`There is no case ${caseId}.`);
          await service.audit(person, {
            action: 'case-viewed',
            caseId,
            reference: record.projection.reference,
            detail: 'victim-voice',
          });
          const first = record.events[0]?.payload as {
            parties?: VictimVoiceView['parties'];
            source?: { kind?: string };
          };
          const view: VictimVoiceView = {
            caseId,
            reference: record.projection.reference,
            online: first?.source?.kind === 'public',
            voice: state.victimVoice ?? { statements: [], comments: [] },
            canOpenFiles: true,
            ...(access.officer
              ? {
                  ...(state.contact ? { contact: state.contact } : {}),
                  ...(first?.parties ? { parties: first.parties } : {}),
                  messages: state.messages ?? [],
                  ...(state.possibleRepeatOf ? { possibleRepeatOf: state.possibleRepeatOf } : {}),
                }
              : {}),
          };
          res.setHeader('Cache-Control', 'no-store');
          res.json(view);
        })().catch(next);
      });

      // Notify's delivery receipts: its bearer token, then the status recorded on the message's case.
      app.post(expressPath(routes.notifyCallback), (req, res, next) => {
        void (async () => {
          const token = bearerToken(req.headers.authorization) ?? '';
          const expected = config.NOTIFY_CALLBACK_TOKEN;
          if (
            !expected ||
            token.length !== expected.length ||
            !timingSafeEqual(Buffer.from(token), Buffer.from(expected))
          )
            throw new UnauthenticatedError('The callback token was not accepted.');
          const receipt = notifyCallbackSchema.parse(req.body);
          const [caseId, messageId] = (receipt.reference ?? '').split(':');
          const status = deliveryStatus.safeParse(receipt.status);
          if (!caseId || !messageId || !status.success) {
            res.status(204).end(); // not one of ours, or a status with nothing to record
            return;
          }
          await service.recordAsService(
            caseId,
            [
              {
                id: stableId(`${receipt.id}:${receipt.status}`),
                type: 'victim-message-status',
                payload: { messageId, status: status.data, at: receipt.completed_at ?? now().toISOString() },
              },
            ],
            NOTIFY_ACTOR,
          );
          res.status(204).end();
        })().catch(next);
      });
    },
  };
}

/** Whether the online form is served: `PUBLIC_APPLICATIONS`, on by default locally, off in m365 mode. */
export function publicDoorOpen(config: Pick<Config, 'PUBLIC_APPLICATIONS' | 'APP_MODE'>): boolean {
  return (config.PUBLIC_APPLICATIONS ?? (config.APP_MODE === 'local' ? 'on' : 'off')) === 'on';
}

/** A UUID from a receipt, so Notify's retried callback records its status once. */
function stableId(seed: string): string {
  return stableUuid('notify-receipt', seed);
}

/** Local mode's link key: made once, kept in DATA_DIR (0600), so links survive a restart. */
function localSecret(dataDir: string): string {
  const path = join(resolve(dataDir), 'voice-link.key');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(path, secret, { mode: 0o600 });
  return secret;
}

export type { PinnedCaseListItem };
