/**
 * The CloudAdapter and POST /api/messages. In m365 mode every activity must carry a Bot Framework token
 * for this bot (single-tenant app or user-assigned managed identity); botbuilder answers 401 otherwise.
 * In local mode there is no app id, so the Agents Playground's unauthenticated traffic is accepted: the
 * start-up banner says so, and only local mode's adapter set asks for it (bot/server/mode-adapters.ts).
 */
import type { Request, Response } from 'express';
import { z } from 'zod';
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ActivityHandler,
  type AdaptiveCardInvokeResponse,
} from 'botbuilder';
import {
  AuthenticationError,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';

const identityKey = (claims: ClaimsIdentity) =>
  ['aud', 'appid', 'azp'].map((c) => claims.getClaimValue(c) ?? '').join('|');

/**
 * Reuses connector and user-token clients: botbuilder builds new ones (each with an HTTP pipeline) for
 * every turn, which cost more than the rest of a return submission. A client is bound to its app id,
 * service URL and audience; its credentials renew their own tokens, so keeping it is safe. Incoming turns
 * get their connector factory from `authenticateRequest`, proactive ones from `createConnectorFactory`:
 * both are wrapped.
 */
class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    const key = identityKey(claimsIdentity);
    let client = this.tokenClients.get(key);
    if (!client) {
      client = super.createUserTokenClient(claimsIdentity);
      client.catch(() => this.tokenClients.delete(key));
      this.tokenClients.set(key, client);
    }
    return client;
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), identityKey(claimsIdentity));
  }

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    return {
      ...result,
      connectorFactory: this.reusing(result.connectorFactory, identityKey(result.claimsIdentity)),
    };
  }

  private reusing(inner: ConnectorFactory, who: string): ConnectorFactory {
    return new ReusingConnectorFactory(inner, who, this.clients);
  }
}

/** Connector clients kept by app identity, service URL and audience (at most 100, oldest out first). */
class ReusingConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly who: string,
    private readonly clients: Map<string, Promise<ConnectorClient>>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    const key = `${this.who}|${serviceUrl}|${audience ?? ''}`;
    let client = this.clients.get(key);
    if (!client) {
      if (this.clients.size >= 100) this.clients.delete(this.clients.keys().next().value!);
      client = this.inner.create(serviceUrl, audience);
      client.catch(() => this.clients.delete(key));
      this.clients.set(key, client);
    }
    return client;
  }
}

export interface BotAdapter {
  adapter: CloudAdapter;
  /** The app id outbound calls are made as ('' in local mode). */
  botAppId: string;
  /** How incoming activities are authenticated: the adapter's own, also used for card actions. */
  auth: ConfigurationBotFrameworkAuthentication;
}

/**
 * How the Bot Framework's calls are checked: a single-tenant app (id and secret) or a user-assigned
 * managed identity in m365 mode; none in local mode (the Agents Playground sends no token).
 */
export type BotAuth =
  | { kind: 'unauthenticated' }
  | { kind: 'single-tenant'; appId: string; password: string; tenantId: string }
  /** `appId` is the identity's client id, the bot's app id; `botId` the one the bot was registered as. */
  | { kind: 'managed-identity'; appId: string; botId: string; tenantId: string };

export function createBotAdapter(botAuth: BotAuth, log: (message: string) => void): BotAdapter {
  let auth: ReusingBotFrameworkAuthentication;
  let botAppId = '';
  if (botAuth.kind === 'managed-identity') {
    // The bot's identity is the managed identity: its client id is the bot's app id.
    botAppId = botAuth.appId;
    if (botAppId !== botAuth.botId)
      log('BOT_ID differs from MANAGED_IDENTITY_CLIENT_ID; the bot uses the managed identity.');
    auth = new ReusingBotFrameworkAuthentication({
      MicrosoftAppId: botAppId,
      MicrosoftAppType: 'UserAssignedMSI',
      MicrosoftAppTenantId: botAuth.tenantId,
    });
  } else if (botAuth.kind === 'single-tenant') {
    botAppId = botAuth.appId;
    auth = new ReusingBotFrameworkAuthentication({
      MicrosoftAppId: botAuth.appId,
      MicrosoftAppPassword: botAuth.password,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: botAuth.tenantId,
    });
  } else {
    auth = new ReusingBotFrameworkAuthentication({});
  }
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    // The error's name and message only: never the activity, which may carry case details.
    log(`bot turn failed (${context.activity.type}): ${error.name}: ${error.message}`);
    if (context.activity.type === 'message')
      await context.sendActivity('Something went wrong on the server; try again.').catch(() => undefined);
  };
  return { adapter, botAppId, auth };
}

/** What answers a card's Action.Execute from the activity alone (AsbTeamsBot.answerCardAction). */
export interface CardActionAnswerer {
  answerCardAction(
    activity: Partial<Activity>,
    action: { verb?: string; data?: unknown },
  ): Promise<AdaptiveCardInvokeResponse>;
}

/**
 * An `adaptiveCard/action` invoke: the fields a card action is answered from (Teams sends more; they pass
 * through). Schema: Microsoft Learn, "Universal Actions for Adaptive Cards: Action.Execute" (the invoke's
 * `value.action` with `type`, `verb` and `data`). Plain objects: what else Teams sends is not copied into
 * the parse's result (it goes on in the activity as sent): copying it was most of the check's cost.
 */
const cardActionInvoke = z.object({
  type: z.literal('invoke'),
  name: z.literal('adaptiveCard/action'),
  id: z.string().optional(),
  replyToId: z.string().optional(),
  serviceUrl: z.string().min(1),
  from: z.object({ id: z.string().optional(), aadObjectId: z.string().optional() }),
  conversation: z.object({ id: z.string(), tenantId: z.string().optional() }),
  channelData: z.object({ tenant: z.object({ id: z.string() }).optional() }).optional(),
  value: z
    .object({
      action: z.object({ type: z.string(), verb: z.string().optional(), data: z.unknown() }),
    })
    .optional(),
});

const invokeError = (statusCode: number, code: string, message: string): AdaptiveCardInvokeResponse => ({
  statusCode,
  type: 'application/vnd.microsoft.error',
  value: { code, message },
});

/** An answer to a POST /api/messages: its status and its JSON body. */
export interface BotAnswer {
  status: number;
  body: unknown;
}

/**
 * The answer to a card action (an `adaptiveCard/action` invoke), or undefined when the activity is not
 * one (botbuilder's turn takes it). Answered without a full botbuilder turn: the token is checked by the
 * very call the CloudAdapter makes first (`authenticateRequest`: in m365 mode the Bot Framework JWT, its
 * audience and the service URL it names; 401 when it fails), and bad invokes get the answers botbuilder's
 * ActivityHandler gives (400 BadRequest / NotSupported). What is skipped is what a card action never
 * uses: the turn context, the middleware run, and a connector and user-token client for replies.
 */
export type CardActionAnswers = (
  body: unknown,
  authHeader: string | undefined,
) => Promise<BotAnswer | undefined>;

export function cardActionAnswers(
  botAdapter: BotAdapter,
  bot: CardActionAnswerer,
  log: (message: string) => void,
): CardActionAnswers {
  return async (body, authHeader) => {
    const cardAction = cardActionInvoke.safeParse(body);
    if (!cardAction.success) return undefined;
    // The body as sent (as botbuilder would pass it on); the schema only vouched for its fields.
    const activity = body as Activity;
    try {
      await botAdapter.auth.authenticateRequest(activity, authHeader ?? '');
    } catch (err) {
      const unauthorised = err instanceof AuthenticationError;
      log(`card action refused: ${(err as Error).name}`);
      return {
        status: unauthorised ? 401 : 500,
        body: {
          error: unauthorised
            ? { code: 'unauthorized', message: 'The request did not carry a valid Bot Framework token.' }
            : { code: 'internal', message: 'The request could not be authenticated; try again.' },
        },
      };
    }
    const action = cardAction.data.value?.action;
    const answer = !action
      ? invokeError(400, 'BadRequest', 'Missing value property')
      : action.type !== 'Action.Execute'
        ? invokeError(400, 'NotSupported', `The action '${action.type}' is not supported.`)
        : await bot.answerCardAction(activity, action);
    return { status: answer.statusCode, body: answer };
  };
}

/** A body that is not an activity (no type): answered 400, never handed to the adapter. */
const NOT_AN_ACTIVITY: BotAnswer = {
  status: 400,
  body: { error: { code: 'invalid', message: 'The body is not a Bot Framework activity (it has no type).' } },
};

function isActivity(body: unknown): boolean {
  const type = (body as { type?: unknown } | null | undefined)?.type;
  return typeof body === 'object' && body !== null && typeof type === 'string' && type !== '';
}

/**
 * The express handler for POST /api/messages. A body that is not an activity is answered 400 here:
 * handed to the adapter, a body without a type can take the process down. Card actions are answered by
 * `cardActions` (the server's own lane takes most of them before express: bot/server/bot-lane.ts).
 */
export function botEndpoint(
  botAdapter: BotAdapter,
  bot: ActivityHandler & CardActionAnswerer,
  log: (message: string) => void,
  cardActions: CardActionAnswers = cardActionAnswers(botAdapter, bot, log),
): (req: Request, res: Response) => Promise<void> {
  const { adapter } = botAdapter;
  return async (req, res) => {
    const body: unknown = req.body;
    if (!isActivity(body)) {
      res.status(NOT_AN_ACTIVITY.status).json(NOT_AN_ACTIVITY.body);
      return;
    }
    const header = req.headers.authorization;
    const answer = await cardActions(body, typeof header === 'string' ? header : undefined);
    if (answer) {
      res.status(answer.status).json(answer.body);
      return;
    }
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      log(`bot endpoint failed: ${(err as Error).name}: ${(err as Error).message}`);
      if (!res.headersSent)
        res.status(400).json({ error: { code: 'invalid', message: 'The activity could not be read.' } });
    }
  };
}
