/**
 * The Workspace port on Microsoft Graph: a standard channel per case in the community safety team
 * (TEAM_ID). `POST /teams/{id}/channels` with an app-only token; the permission is the resource-specific
 * `Channel.Create.Group`, granted when the app is installed in that team (or `Channel.Create` tenant-wide).
 * A bot cannot create channels, and Graph cannot post channel messages as an app: posts go through the bot.
 */
import type { CaseChannel, Workspace } from '../../ports/workspace';
import { GraphRequestError, type GraphApi } from './graph-client';
import { odataString } from './odata';

interface GraphChannel {
  id: string;
  displayName: string;
}

export class GraphTeamsChannels implements Workspace {
  constructor(
    private readonly graph: GraphApi,
    private readonly teamId: string,
  ) {}

  async findChannel(name: string): Promise<CaseChannel | null> {
    const filter = encodeURIComponent(`displayName eq ${odataString(name)}`);
    const body = await this.graph.get<{ value?: GraphChannel[] }>(
      `${this.channels()}?$filter=${filter}&$select=id,displayName`,
    );
    const found = (body.value ?? []).find((c) => c.displayName.toLowerCase() === name.toLowerCase());
    return found ? { channelId: found.id, name: found.displayName } : null;
  }

  async createChannel(name: string, description: string): Promise<CaseChannel> {
    try {
      const { body } = await this.graph.request<GraphChannel>('POST', this.channels(), {
        body: { displayName: name, description: description.slice(0, 1024), membershipType: 'standard' },
      });
      return { channelId: body.id, name: body.displayName };
    } catch (err) {
      // Names are unique in a team: another instance (or a retry) made it first, so use that one.
      if (err instanceof GraphRequestError && (err.status === 409 || /NameAlreadyExists/i.test(err.code))) {
        const existing = await this.findChannel(name);
        if (existing) return existing;
      }
      throw err;
    }
  }

  private channels(): string {
    return `/teams/${encodeURIComponent(this.teamId)}/channels`;
  }
}
