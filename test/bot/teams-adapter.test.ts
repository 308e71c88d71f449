/**
 * The botbuilder adapter layer: the Messenger on a real CloudAdapter against a loopback connector, the
 * /api/messages endpoint, and the activity handler through botbuilder's TestAdapter.
 */
import { TestAdapter, type Activity } from 'botbuilder';
import { createBotAdapter, type BotAuth } from '../../bot/adapters/teams/bot-endpoint';
import { returnCardRoutes } from '../../bot/adapters/teams/card-actions';
import { rememberConversation } from '../../bot/adapters/teams/conversation-refs';
import { SendPolicy } from '../../bot/adapters/teams/send-policy';
import { AsbTeamsBot } from '../../bot/adapters/teams/teams-bot';
import { TeamsMessenger } from '../../bot/adapters/teams/teams-messenger';
import { commandDeps } from '../../bot/app/bot-commands';
import { SAMPLE_TENANT_ID } from '../../bot/app/directory';
import { UnreachableError } from '../../bot/ports/messenger';
import { startConnectorDouble, type ConnectorDouble } from './support/connector-double';
import { serveBotEndpoint, type BotEndpointServer } from './support/bot-endpoint-server';
import { createBotWorld, filledForm, openCase, requestReturns, type BotWorld } from './support/bot-world';

const TEAM_AAD = '00000000-0000-4000-8000-0000000c5a1e';
/** Local mode's bot: the Agents Playground sends no token. */
const unauthenticated: BotAuth = { kind: 'unauthenticated' };

function teamInstall(serviceUrl: string): Partial<Activity> {
  return {
    type: 'installationUpdate',
    action: 'add',
    channelId: 'msteams',
    serviceUrl,
    recipient: { id: '28:bot', name: 'ASB Case Review' },
    from: { id: '29:spoc', name: 'Sam Patel', aadObjectId: '00000000-0000-4000-8000-000000000001' },
    conversation: {
      id: '19:team@thread.tacv2',
      isGroup: true,
      conversationType: 'channel',
      tenantId: SAMPLE_TENANT_ID,
      name: '',
    },
    channelData: {
      tenant: { id: SAMPLE_TENANT_ID },
      team: { id: '19:team@thread.tacv2', aadGroupId: TEAM_AAD },
      channel: { id: '19:team@thread.tacv2' },
    },
  };
}

function personal(serviceUrl: string, aadObjectId: string, extra: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    channelId: 'msteams',
    serviceUrl,
    id: 'activity-1',
    recipient: { id: '28:bot', name: 'ASB Case Review' },
    from: { id: `29:${aadObjectId}`, name: 'Someone', aadObjectId },
    conversation: {
      id: `a:chat-${aadObjectId}`,
      conversationType: 'personal',
      tenantId: SAMPLE_TENANT_ID,
      isGroup: false,
      name: '',
    },
    channelData: { tenant: { id: SAMPLE_TENANT_ID } },
    ...extra,
  };
}

describe('the Teams messenger (CloudAdapter, loopback connector)', () => {
  let world: BotWorld;
  let connector: ConnectorDouble;
  let messenger: TeamsMessenger;
  const sleeps: number[] = [];

  beforeEach(async () => {
    world = createBotWorld();
    connector = await startConnectorDouble();
    const { adapter } = createBotAdapter({ kind: 'unauthenticated' }, () => {});
    messenger = new TeamsMessenger({
      adapter,
      botAppId: '',
      conversations: world.stores.conversations,
      teamId: TEAM_AAD,
      log: () => {},
      policy: new SendPolicy({ sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 }),
    });
    connector.members.push(
      { id: '29:police', aadObjectId: world.person('police-1').aadObjectId!, name: 'Priya Shah' },
      { id: '29:icb', aadObjectId: world.person('icb-1').aadObjectId!, name: 'Tom Evans' },
    );
  });
  afterEach(async () => {
    await connector.close();
    await world.close();
  });

  const card = { type: 'AdaptiveCard' as const, version: '1.5', body: [] };

  it('cannot post before the app is installed in the team', async () => {
    await expect(
      messenger.send({ kind: 'channel', channelId: '19:case@thread.tacv2' }, { card }),
    ).rejects.toBeInstanceOf(UnreachableError);
  });

  it('keeps the team reference on install (by team id and Entra group id), with no names', async () => {
    const keys = await rememberConversation(world.stores.conversations, teamInstall(connector.serviceUrl));
    expect(keys).toEqual(['team:19:team@thread.tacv2', `team:${TEAM_AAD}`, 'channel:19:team@thread.tacv2']);
    expect(
      JSON.stringify(await world.stores.conversations.getConversationRef(`team:${TEAM_AAD}`)),
    ).not.toContain('Sam Patel');
  });

  it('starts a new thread in a channel, and updates it', async () => {
    await rememberConversation(world.stores.conversations, teamInstall(connector.serviceUrl));
    const delivery = await messenger.send(
      { kind: 'channel', channelId: '19:case@thread.tacv2' },
      { card, summary: 'Case' },
    );
    expect(delivery).toEqual({ conversationId: '19:case@thread.tacv2;messageid=1001', activityId: '1001' });
    const create = connector.calls.find((c) => c.path === '/v3/conversations')!;
    expect(create.body).toMatchObject({
      isGroup: true,
      channelData: { channel: { id: '19:case@thread.tacv2' } },
    });
    expect(JSON.stringify(create.body)).toContain('application/vnd.microsoft.card.adaptive');

    await messenger.update(delivery, { card });
    expect(connector.calls.at(-1)).toMatchObject({
      method: 'PUT',
      path: '/v3/conversations/19:case@thread.tacv2;messageid=1001/activities/1001',
    });
  });

  it('says a deleted message or channel is unreachable', async () => {
    await rememberConversation(world.stores.conversations, teamInstall(connector.serviceUrl));
    connector.failNext.push({ status: 404, match: /^PUT/ });
    await expect(messenger.update({ conversationId: 'x', activityId: '1' }, { card })).rejects.toBeInstanceOf(
      UnreachableError,
    );
  });

  it('sends to a person through their stored 1:1 reference', async () => {
    await rememberConversation(world.stores.conversations, teamInstall(connector.serviceUrl));
    const aad = world.person('police-1').aadObjectId!;
    await rememberConversation(world.stores.conversations, personal(connector.serviceUrl, aad));
    const delivery = await messenger.send({ kind: 'person', aadObjectId: aad }, { text: 'hello' });
    expect(delivery.conversationId).toBe(`a:chat-${aad}`);
    // A proactive turn replies to its continuation activity: POST .../activities/<id>.
    expect(connector.calls.at(-1)!.path).toMatch(new RegExp(`^/v3/conversations/a:chat-${aad}/activities`));
  });

  it('opens a 1:1 chat through the team roster when there is no reference, and keeps it', async () => {
    await rememberConversation(world.stores.conversations, teamInstall(connector.serviceUrl));
    const aad = world.person('icb-1').aadObjectId!;
    await messenger.send({ kind: 'person', aadObjectId: aad }, { text: 'hello' });
    const create = connector.calls.find((c) => c.path === '/v3/conversations')!;
    expect(create.body).toMatchObject({ isGroup: false, members: [{ id: '29:icb' }] });
    expect((await world.stores.conversations.getConversationRef(`user:${aad}`))?.ref).toMatchObject({
      ref: { conversation: { id: 'a:personal-1' } },
    });
  });

  it('drops a stale reference on 403/404 and opens the chat again', async () => {
    await rememberConversation(world.stores.conversations, teamInstall(connector.serviceUrl));
    const aad = world.person('police-1').aadObjectId!;
    await rememberConversation(world.stores.conversations, personal(connector.serviceUrl, aad));
    connector.failNext.push({ status: 403, match: new RegExp(`chat-${aad}`) });
    const delivery = await messenger.send({ kind: 'person', aadObjectId: aad }, { text: 'hello' });
    expect(delivery.conversationId).toMatch(/^a:personal-/);
    expect((await world.stores.conversations.getConversationRef(`user:${aad}`))?.ref).toMatchObject({
      ref: { conversation: { id: delivery.conversationId } },
    });
  });

  it('cannot reach someone outside the team with no reference', async () => {
    await rememberConversation(world.stores.conversations, teamInstall(connector.serviceUrl));
    await expect(
      messenger.send({ kind: 'person', aadObjectId: 'not-a-member' }, { text: 'x' }),
    ).rejects.toBeInstanceOf(UnreachableError);
  });

  it('retries a throttled send with backoff', async () => {
    await rememberConversation(world.stores.conversations, teamInstall(connector.serviceUrl));
    connector.failNext.push({ status: 429 }, { status: 429 });
    const delivery = await messenger.send(
      { kind: 'channel', channelId: '19:case@thread.tacv2' },
      { text: 'x' },
    );
    expect(delivery.activityId).toBeTruthy();
    expect(messenger.policy.stats.retries).toBe(2);
    expect(sleeps.filter((ms) => ms >= 500)).toEqual([500, 1000]);
  });

  it('maps Entra object ids to Teams user ids from the roster, and mentions people by them', async () => {
    await rememberConversation(world.stores.conversations, teamInstall(connector.serviceUrl));
    const police = world.person('police-1');
    expect(await messenger.teamsUserIds([police.aadObjectId!, 'unknown'])).toEqual(
      new Map([[police.aadObjectId!, '29:police']]),
    );
    await messenger.send(
      { kind: 'channel', channelId: '19:case@thread.tacv2' },
      {
        text: '<at>Priya Shah</at>: a reminder',
        mentions: [{ aadObjectId: police.aadObjectId!, name: 'Priya Shah' }],
      },
    );
    const create = connector.calls.filter((c) => c.path === '/v3/conversations').at(-1)!;
    expect(JSON.stringify(create.body)).toContain('"mentioned":{"id":"29:police","name":"Priya Shah"}');
  });
});

describe('POST /api/messages', () => {
  let world: BotWorld;
  let connector: ConnectorDouble;
  let endpoint: BotEndpointServer | undefined;

  async function serve(auth: BotAuth) {
    endpoint = await serveBotEndpoint(world, auth);
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

  it('answers 400 to a body that is not an activity, and keeps serving', async () => {
    await serve(unauthenticated);
    expect((await post({})).status).toBe(400);
    expect((await post({ type: 42 })).status).toBe(400);
    expect((await post([1, 2])).status).toBe(400);
    const aad = world.person('police-1').aadObjectId!;
    expect((await post(personal(connector.serviceUrl, aad, { text: 'help' }))).status).toBe(200);
  });

  it('in local mode accepts the Playground’s unauthenticated traffic, answers commands and keeps the chat reference', async () => {
    await serve(unauthenticated);
    const aad = world.person('police-1').aadObjectId!;
    const res = await post(personal(connector.serviceUrl, aad, { text: 'help' }));
    expect(res.status).toBe(200);
    const reply = connector.calls.find(
      (c) => c.method === 'POST' && c.path.startsWith(`/v3/conversations/a:chat-${aad}/activities`),
    )!;
    expect(JSON.stringify(reply.body)).toContain('ASB Case Review bot');
    expect(await world.stores.conversations.getConversationRef(`user:${aad}`)).not.toBeNull();
  });

  it('in m365 mode rejects an activity without a Bot Framework token', async () => {
    await serve({
      kind: 'single-tenant',
      appId: '22222222-2222-4222-8222-222222222222',
      password: 'secret',
      tenantId: '11111111-1111-4111-8111-111111111111',
    });
    const errors = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const res = await post(
        personal(connector.serviceUrl, world.person('police-1').aadObjectId!, { text: 'help' }),
      );
      expect(res.status).toBe(401);
      expect(connector.calls).toHaveLength(0);
    } finally {
      errors.mockRestore();
    }
  });

  it('sets up a user-assigned managed identity bot', () => {
    const msi: BotAuth = {
      kind: 'managed-identity',
      appId: '33333333-3333-4333-8333-333333333333',
      botId: '33333333-3333-4333-8333-333333333333',
      tenantId: '11111111-1111-4111-8111-111111111111',
    };
    expect(createBotAdapter(msi, () => {}).botAppId).toBe('33333333-3333-4333-8333-333333333333');
  });
});

describe('the activity handler (botbuilder TestAdapter)', () => {
  let world: BotWorld;
  let adapter: TestAdapter;
  let caseId: string;

  beforeEach(async () => {
    world = createBotWorld();
    ({ caseId } = await openCase(world));
    await requestReturns(world, caseId);
    const bot = new AsbTeamsBot({
      conversations: world.stores.conversations,
      directory: world.directory,
      cardActions: returnCardRoutes(world.returnCards),
      commands: commandDeps(world.service, world.stores.cases, (r, by) =>
        world.caseWorkspace.openByReference(r, by),
      ),
      log: () => {},
    });
    // Teams names the tenant on every activity; the sample people are the Playground tenant's.
    adapter = new TestAdapter(async (context) => bot.run(context), {
      conversation: {
        id: 'Convo1',
        tenantId: SAMPLE_TENANT_ID,
        isGroup: false,
        conversationType: 'personal',
        name: '',
      },
    });
  });
  afterEach(() => world.close());

  const from = (id: string) => ({ id: `29:${id}`, name: id, aadObjectId: world.person(id).aadObjectId! });
  const invoke = (person: string, verb: string, data: Record<string, unknown>, id?: string) =>
    adapter.processActivity({
      ...(id ? { id } : {}),
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: from(person),
      replyToId: 'card-activity',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
    });
  const invokeResponse = () => {
    const r = adapter.activeQueue.find((a) => a.type === 'invokeResponse')!;
    adapter.activeQueue.splice(0);
    return r.value as { status: number; body: { statusCode: number; type: string; value: unknown } };
  };

  it('answers a refresh with the person’s own view of the return card', async () => {
    await invoke('police-1', 'refreshReturn', { caseId, requestId: 'req-police' });
    const res = invokeResponse();
    expect(res.status).toBe(200);
    expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(JSON.stringify(res.body.value)).toContain('"id":"holds_1"');
  });

  it('records a submitted return once, however often the invoke arrives', async () => {
    for (let i = 0; i < 3; i++) {
      await invoke('police-1', 'submitReturn', filledForm(caseId));
      expect(JSON.stringify(invokeResponse().body.value)).toContain('Returned by Priya Shah (Police)');
    }
    const events = (await world.stores.cases.getCase(caseId))!.events.filter(
      (e) => e.type === 'return-received',
    );
    expect(events).toHaveLength(1);
  });

  it('names the submission from the invoke when the card carried no id', async () => {
    const { submissionId: _drop, ...data } = filledForm(caseId);
    await invoke('police-1', 'submitReturn', data, 'invoke-7');
    await invoke('police-1', 'submitReturn', data, 'invoke-7'); // the same invoke, delivered again
    invokeResponse();
    expect(
      (await world.stores.cases.getCase(caseId))!.events.filter((e) => e.type === 'return-received'),
    ).toHaveLength(1);
  });

  it('tells someone outside the directory so', async () => {
    await adapter.processActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: { id: '29:stranger', name: 'Stranger', aadObjectId: 'nobody' },
      value: {
        action: { type: 'Action.Execute', verb: 'refreshReturn', data: { caseId, requestId: 'req-police' } },
      },
    });
    const res = invokeResponse();
    expect(res.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(res.body.value).toMatch(/not set up/);
  });

  it('matches people by Entra object id and tenant only: the same object id from another tenant is nobody', async () => {
    await adapter.processActivity({
      type: 'invoke',
      name: 'adaptiveCard/action',
      from: from('police-1'),
      channelData: { tenant: { id: '99999999-9999-4999-8999-999999999999' } },
      value: {
        action: { type: 'Action.Execute', verb: 'refreshReturn', data: { caseId, requestId: 'req-police' } },
      },
    });
    expect(invokeResponse().body.value).toMatch(/not set up/);
  });

  it('handles the Action.Submit fallback of older clients by updating the card in place', async () => {
    adapter.activeQueue.push({ type: 'message', id: 'card-1', text: 'the card' });
    await adapter.processActivity({
      type: 'message',
      from: from('police-1'),
      replyToId: 'card-1',
      value: { verb: 'refreshReturn', caseId, requestId: 'req-police' },
    });
    const updated = adapter.activeQueue.find((a) => a.id === 'card-1')!;
    expect(JSON.stringify(updated.attachments)).toContain('"id":"holds_1"');
  });

  it('answers commands in personal chat', async () => {
    await adapter.processActivity({ type: 'message', text: 'due', from: from('police-1') });
    expect(JSON.stringify(adapter.activeQueue.at(-1)!.attachments)).toContain(
      'Returns and actions Police owes',
    );
    await adapter.processActivity({
      type: 'message',
      text: 'open case CT-2026-0001',
      from: from('police-1'),
    });
    expect(adapter.activeQueue.at(-1)!.text).toBe('Only a SPOC can set up a case channel.');
  });

  it('keeps references on install and forgets them on uninstall', async () => {
    const install = teamInstall('https://smba.example/');
    await adapter.processActivity({ ...install, from: from('spoc-1') });
    expect(await world.stores.conversations.getConversationRef(`team:${TEAM_AAD}`)).not.toBeNull();
    await adapter.processActivity({ ...install, action: 'remove', from: from('spoc-1') });
    expect(await world.stores.conversations.getConversationRef(`team:${TEAM_AAD}`)).toBeNull();
  });
});
