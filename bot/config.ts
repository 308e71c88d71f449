import { z } from 'zod';
import { formatPath } from '../shared';

/**
 * Every setting the server reads, validated once at start-up. Local mode needs none; m365 mode names each
 * missing or wrong setting in one message so an administrator can fix them all in one go.
 */

const nonEmpty = (what: string) =>
  z
    .string({ error: `set ${what}` })
    .trim()
    .min(1, `set ${what}`);
const guid = (what: string) =>
  z
    .string({ error: `set ${what} (a GUID)` })
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, `${what} must be a GUID`);

/** Issue 17: the public application form, the victim's link and GOV.UK Notify. */
const publicDoor = {
  /**
   * The public pages /apply and /voice: on by default in local mode; in m365 mode a council opts in (they
   * face the internet), with VOICE_LINK_SECRET.
   */
  PUBLIC_APPLICATIONS: z.enum(['on', 'off'], { error: 'PUBLIC_APPLICATIONS must be on or off' }).optional(),
  /** The directory id of the SPOC who receives online applications; the directory's first SPOC if not set. */
  PUBLIC_SPOC: z.string().trim().min(1).max(100).optional(),
  /** A Welsh message catalogue (the keys of bot/public/messages/en.json): the language switch appears. */
  PUBLIC_WELSH_FILE: z.string().min(1).optional(),
  PUBLIC_REQUESTS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(300),
  PUBLIC_REQUESTS_PER_SESSION: z.coerce.number().int().min(1).max(100_000).default(200),
  PUBLIC_SUBMISSIONS_PER_ADDRESS: z.coerce.number().int().min(1).max(100_000).default(10),
  /** Proxies in front of the app whose X-Forwarded-For is trusted (App Service: 1); the rate limits key on it. */
  TRUST_PROXY: z.coerce.number().int().min(0).max(5).optional(),
  /** Signs the victim's links (HS256): at least 32 random characters. Local mode keeps one in DATA_DIR. */
  VOICE_LINK_SECRET: z.string().min(32, 'VOICE_LINK_SECRET must be at least 32 characters').optional(),
  VOICE_LINK_DAYS: z.coerce.number().int().min(1).max(365).default(60),
  IMPACT_STATEMENT_MAX_MB: z.coerce.number().int().min(1).max(50).default(10),
  /**
   * Issue 15: the largest document an officer or agency may add to a case. At most 100 MB: well under
   * Graph's simple upload (PUT .../content, up to 250 MB: learn.microsoft.com/graph/api/driveitem-put-content),
   * so m365 mode needs no upload session, and the server holds one upload in memory at a time per request.
   */
  DOCUMENT_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
  /** GOV.UK Notify: the API key ({key_name}-{service id}-{secret}); without it, local mode writes to its outbox. */
  NOTIFY_API_KEY: z
    .string()
    .regex(/-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i, {
      error:
        'NOTIFY_API_KEY must be a Notify API key: its name, then the service id and the secret (two UUIDs)',
    })
    .optional(),
  NOTIFY_BASE_URL: z.url({ error: 'NOTIFY_BASE_URL must be a URL' }).optional(),
  /** Which template sends each message (docs/configuration.md). */
  NOTIFY_TEMPLATES_FILE: z.string().min(1).optional(),
  /** The bearer token Notify sends with delivery receipts (its Callbacks page). */
  NOTIFY_CALLBACK_TOKEN: z
    .string()
    .min(16, 'NOTIFY_CALLBACK_TOKEN must be at least 16 characters')
    .optional(),
  NOTIFY_EMAIL_REPLY_TO_ID: z.uuid().optional(),
  NOTIFY_SMS_SENDER_ID: z.uuid().optional(),
};

/** Issue 17: settings that only make sense together. */
function publicDoorRules(
  c: { NOTIFY_API_KEY?: string; NOTIFY_TEMPLATES_FILE?: string },
  ctx: z.RefinementCtx,
): void {
  if (c.NOTIFY_API_KEY && !c.NOTIFY_TEMPLATES_FILE)
    ctx.addIssue({
      code: 'custom',
      path: ['NOTIFY_TEMPLATES_FILE'],
      message: 'set NOTIFY_TEMPLATES_FILE (which template sends each message) with NOTIFY_API_KEY',
    });
}

const common = {
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  /**
   * The address to listen on. Local mode: 127.0.0.1 unless set (its open doors must stay on this machine);
   * m365 mode: every interface unless set (App Service forwards to the port).
   */
  HOST: z.string().trim().min(1).max(255).optional(),
  PUBLIC_URL: z.url({ error: 'PUBLIC_URL must be a URL such as https://asb.example.gov.uk' }).optional(),
  /** Issue 15: the Teams app's id (the manifest's `id`), so cards and reminders deep-link to the case. */
  TEAMS_APP_ID: z
    .uuid({ error: 'TEAMS_APP_ID must be the Teams app id (a GUID) from the app manifest' })
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  POLICY: z.string().min(1).default('statutory'),
  PEOPLE_FILE: z.string().min(1).optional(),
  REMINDER_SCHEDULE: z.string().min(1).default('0 8 * * 1-5'),
  /** The daily retention sweep (cron, Europe/London): purges closed cases past retention, not on hold. */
  RETENTION_SCHEDULE: z.string().min(1).default('15 2 * * *'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().optional(),
  ...publicDoor,
};

const localSchema = z.object({ APP_MODE: z.literal('local'), ...common }).superRefine(publicDoorRules);

const m365Schema = z
  .object({
    APP_MODE: z.literal('m365'),
    ...common,
    PUBLIC_URL: z.url({
      error: 'set PUBLIC_URL to the https address of the app, e.g. https://asb.example.gov.uk',
    }),
    TENANT_ID: guid('TENANT_ID'),
    BOT_ID: guid('BOT_ID'),
    BOT_TYPE: z.enum(['SingleTenant', 'UserAssignedMSI'], {
      error: 'BOT_TYPE must be SingleTenant or UserAssignedMSI',
    }),
    BOT_PASSWORD: z.string().optional(),
    AAD_APP_CLIENT_ID: guid('AAD_APP_CLIENT_ID'),
    AAD_APP_CLIENT_SECRET: z.string().optional(),
    GRAPH_AUTH: z.enum(['client-secret', 'managed-identity']).default('client-secret'),
    MANAGED_IDENTITY_CLIENT_ID: z.string().optional(),
    SHAREPOINT_SITE_ID: nonEmpty('SHAREPOINT_SITE_ID (the site id or URL of the community safety site)'),
    TEAM_ID: guid('TEAM_ID'),
    PANEL_ORGANISER: z.email({
      error: 'set PANEL_ORGANISER to the UPN of the mailbox that organises panels',
    }),
    MAIL_SENDER: z.email({ error: 'set MAIL_SENDER to the shared mailbox that emails partner agencies' }),
    /** Issue 16: the app's id in the organisation's app catalog; set, booking a panel adds the app to its meeting. */
    TEAMS_APP_CATALOG_ID: z.string().trim().min(1).max(100).optional(),
  })
  .superRefine((c, ctx) => {
    publicDoorRules(c, ctx);
    if (c.PUBLIC_APPLICATIONS === 'on' && !c.VOICE_LINK_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['VOICE_LINK_SECRET'],
        message:
          "set VOICE_LINK_SECRET (32+ random characters) to sign victims' links, or PUBLIC_APPLICATIONS=off",
      });
    if (c.BOT_TYPE === 'SingleTenant' && !c.BOT_PASSWORD)
      ctx.addIssue({
        code: 'custom',
        path: ['BOT_PASSWORD'],
        message: 'set BOT_PASSWORD (BOT_TYPE is SingleTenant)',
      });
    if (c.GRAPH_AUTH === 'client-secret' && !c.AAD_APP_CLIENT_SECRET)
      ctx.addIssue({
        code: 'custom',
        path: ['AAD_APP_CLIENT_SECRET'],
        message: 'set AAD_APP_CLIENT_SECRET, or GRAPH_AUTH=managed-identity with MANAGED_IDENTITY_CLIENT_ID',
      });
    if (
      (c.GRAPH_AUTH === 'managed-identity' || c.BOT_TYPE === 'UserAssignedMSI') &&
      !c.MANAGED_IDENTITY_CLIENT_ID
    )
      ctx.addIssue({
        code: 'custom',
        path: ['MANAGED_IDENTITY_CLIENT_ID'],
        message: 'set MANAGED_IDENTITY_CLIENT_ID (the user-assigned identity the app runs as)',
      });
  });

export type LocalConfig = z.infer<typeof localSchema>;
export type M365Config = z.infer<typeof m365Schema>;
export type Config = LocalConfig | M365Config;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`The configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the configuration from `env` (process.env); throws a ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const mode = env.APP_MODE?.trim() || 'local';
  if (mode !== 'local' && mode !== 'm365')
    throw new ConfigError([`APP_MODE must be "local" or "m365", not "${mode}"`]);
  const input = Object.fromEntries(Object.entries({ ...env, APP_MODE: mode }).filter(([, v]) => v !== ''));
  const result = (mode === 'local' ? localSchema : m365Schema).safeParse(input);
  if (!result.success)
    throw new ConfigError(
      result.error.issues.map((i) => `${formatPath(i.path) || 'configuration'}: ${i.message}`),
    );
  return result.data;
}
