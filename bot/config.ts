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

const common = {
  PORT: z.coerce.number().int().min(1).max(65535).default(3978),
  /**
   * The address to listen on. Local mode: 127.0.0.1 unless set (its open doors must stay on this machine);
   * m365 mode: every interface unless set (App Service forwards to the port).
   */
  HOST: z.string().trim().min(1).max(255).optional(),
  PUBLIC_URL: z.url({ error: 'PUBLIC_URL must be a URL such as https://asb.example.gov.uk' }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  POLICY: z.string().min(1).default('statutory'),
  PEOPLE_FILE: z.string().min(1).optional(),
  REMINDER_SCHEDULE: z.string().min(1).default('0 8 * * 1-5'),
  /** The daily retention sweep (cron, Europe/London): purges closed cases past retention, not on hold. */
  RETENTION_SCHEDULE: z.string().min(1).default('15 2 * * *'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().optional(),
};

const localSchema = z.object({ APP_MODE: z.literal('local'), ...common });

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
  })
  .superRefine((c, ctx) => {
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
