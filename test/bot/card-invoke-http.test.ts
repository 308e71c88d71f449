/**
 * Card actions through the bot's HTTP endpoint: an `adaptiveCard/action` invoke is answered from the
 * activity once botbuilder's own authentication has passed, without a turn context (bot-endpoint.ts).
 * What a person notices must not change: the return is recorded once, bad invokes get botbuilder's
 * answers, and in m365 mode nothing happens without a Bot Framework token. Each test runs as the server
 * serves it (the lane before express: bot/server/bot-lane.ts) and through the express route alone.
 */
import { type BotAuth } from '../../bot/adapters/teams/bot-endpoint';
import { SAMPLE_TENANT_ID } from '../../bot/app/directory';
import { startConnectorDouble, type ConnectorDouble } from './support/connector-double';
import { serveBotEndpoint, type BotEndpointServer } from './support/bot-endpoint-server';
import { createBotWorld, filledForm, openCase, requestReturns, type BotWorld } from './support/bot-world';

const unauthenticated: BotAuth = { kind: 'unauthenticated' };
let world: BotWorld;
let connector: ConnectorDouble;
let endpoint: BotEndpointServer | undefined;
let via: 'lane' | 'express' = 'lane';

async function serve(auth: BotAuth) {
  endpoint = await serveBotEndpoint(world, auth, via);
}
const post = (body: unknown, headers: Record<string, string> = {}) => endpoint!.post(body, headers);

beforeEach(async () => {
  world = createBotWorld();
  connector = await startConnectorDouble();
});
afterEach(async () => {
  await endpoint?.close();
  endpoint = undefined;
  await connector.close();
  await world.close();
});

describe.each([
  ['the lane before express', 'lane'],
  ['the express route alone', 'express'],
] as const)('POST /api/messages: card actions, through %s', (_name, way) => {
  beforeEach(() => {
    via = way;
  });
  const cardInvoke = (action: Record<string, unknown>) => ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: 'invoke-1',
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    replyToId: 'card-1',
    recipient: { id: '28:asb-case-review-bot' },
    from: { id: '29:police', aadObjectId: world.person('police-1').aadObjectId },
    conversation: { id: '19:cases@thread.tacv2', isGroup: true, tenantId: SAMPLE_TENANT_ID },
    channelData: { tenant: { id: SAMPLE_TENANT_ID } },
    value: { trigger: 'manual', action },
  });
  const returns = async (caseId: string) =>
    (await world.stores.cases.getCase(caseId))!.events.filter((e) => e.type === 'return-received');

  it('records a return from the card over HTTP once, however often Teams delivers the invoke', async () => {
    await serve(unauthenticated);
    const { caseId } = await openCase(world);
    await requestReturns(world, caseId);
    const body = cardInvoke({
      type: 'Action.Execute',
      verb: 'submitReturn',
      data: filledForm(caseId),
    });
    for (let i = 0; i < 2; i++) {
      const res = await post(body);
      expect(res.status).toBe(200);
      const answer = (await res.json()) as { statusCode: number; type: string; value: unknown };
      expect(answer.type).toBe('application/vnd.microsoft.card.adaptive');
      expect(JSON.stringify(answer.value)).toContain('Returned by Priya Shah (Police)');
    }
    expect(await returns(caseId)).toHaveLength(1);
  });

  it('answers an invoke that is not Action.Execute as botbuilder does, and records nothing', async () => {
    await serve(unauthenticated);
    const { caseId } = await openCase(world);
    await requestReturns(world, caseId);
    const res = await post(
      cardInvoke({ type: 'Action.Submit', verb: 'submitReturn', data: filledForm(caseId) }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      statusCode: 400,
      type: 'application/vnd.microsoft.error',
      value: { code: 'NotSupported' },
    });
    expect(await returns(caseId)).toHaveLength(0);
  });

  it('in m365 mode refuses a card action without a Bot Framework token, and records nothing', async () => {
    await serve({
      kind: 'single-tenant',
      appId: '22222222-2222-4222-8222-222222222222',
      password: 'secret',
      tenantId: '11111111-1111-4111-8111-111111111111',
    });
    const { caseId } = await openCase(world);
    await requestReturns(world, caseId);
    const body = cardInvoke({
      type: 'Action.Execute',
      verb: 'submitReturn',
      data: filledForm(caseId),
    });
    expect((await post(body)).status).toBe(401);
    expect((await post(body, { authorization: 'Bearer not-a-token' })).status).toBe(401);
    expect(await returns(caseId)).toHaveLength(0);
    expect(connector.calls).toHaveLength(0);
  });
});
