import { GraphApi } from '../../bot/adapters/graph/graph-client';
import { GraphTeamsChannels } from '../../bot/adapters/graph/teams-channels';
import { DOUBLE_TEAM_ID, GraphDouble } from '../support/graph-double/graph-double';

/** The m365 Workspace against the strict Graph double, with only what the package declares (RSC). */
describe('Graph channels (the m365 Workspace)', () => {
  let g: GraphDouble;
  let workspace: GraphTeamsChannels;

  beforeEach(async () => {
    g = await GraphDouble.start();
    const graph = new GraphApi({ baseUrl: g.baseUrl, tokens: g.tokens, sleep: async () => {} });
    workspace = new GraphTeamsChannels(graph, DOUBLE_TEAM_ID);
  });
  afterEach(() => g.stop());

  const calls = () => g.log.filter((e) => e.path.startsWith('/teams/'));

  it('creates a standard channel with an app-only token and the RSC grant Channel.Create.Group', async () => {
    const channel = await workspace.createChannel('CT-2026-0001 Noise', 'ASB case review CT-2026-0001');
    expect(channel).toEqual({ channelId: expect.stringMatching(/^19:/), name: 'CT-2026-0001 Noise' });
    expect(g.channels().find((c) => c.id === channel.channelId)).toMatchObject({
      displayName: 'CT-2026-0001 Noise',
      description: 'ASB case review CT-2026-0001',
      membershipType: 'standard',
    });
    expect(calls().at(-1)).toMatchObject({
      method: 'POST',
      path: `/teams/${DOUBLE_TEAM_ID}/channels`,
      status: 201,
      permission: 'Channel.Create.Group',
    });
  });

  it('finds a channel by its exact name with the RSC grant ChannelSettings.Read.Group', async () => {
    const made = await workspace.createChannel('CT-2026-0002 Brook Court', 'x');
    expect(await workspace.findChannel('CT-2026-0002 Brook Court')).toEqual(made);
    expect(await workspace.findChannel('CT-2026-0003')).toBeNull();
    // A quote is escaped in the filter (Teams allows none in a name, so nothing is found).
    expect(await workspace.findChannel("CT-2026-0002 O'Brien Court")).toBeNull();
    expect(calls().at(-1)).toMatchObject({
      method: 'GET',
      status: 200,
      permission: 'ChannelSettings.Read.Group',
    });
  });

  it('is refused the lookup (403) if the package declared only Channel.Create.Group, as Graph would', async () => {
    g.revoke('ChannelSettings.Read.Group');
    await expect(workspace.findChannel('CT-2026-0001')).rejects.toMatchObject({
      status: 403,
      code: 'Forbidden',
    });
  });

  it('uses the existing channel when the name is taken (another instance made it)', async () => {
    const first = await workspace.createChannel('CT-2026-0004', 'x');
    expect(await workspace.createChannel('CT-2026-0004', 'x')).toEqual(first);
    expect(g.channels().filter((c) => c.displayName === 'CT-2026-0004')).toHaveLength(1);
  });

  it('retries when Graph throttles', async () => {
    g.addFault({ status: 429, retryAfter: 0, times: 2, match: (r) => r.path.startsWith('/teams/') });
    expect((await workspace.createChannel('CT-2026-0005', 'x')).name).toBe('CT-2026-0005');
  });
});
