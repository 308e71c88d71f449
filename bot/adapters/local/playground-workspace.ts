/**
 * The Workspace port in local mode. The Agents Playground cannot create channels and keeps messages only
 * while its page is open, so every case "channel" is the mocked team's "ASB case reviews" channel, each
 * card a new post in it named by its reference: posts keep working after the Playground restarts. The
 * name index lives beside the conversation references, so a retry finds the case's channel.
 */
import type { CaseChannel, Workspace } from '../../ports/workspace';
import type { ConversationRefs } from '../../store/conversation-refs';
import type { Json } from '../../store/json';

const indexKey = (name: string) => `local-channel:${name}`;

export class PlaygroundWorkspace implements Workspace {
  constructor(
    private readonly store: ConversationRefs,
    private readonly casesChannelId: string,
  ) {}

  async findChannel(name: string): Promise<CaseChannel | null> {
    const found = (await this.store.getConversationRef(indexKey(name)))?.ref as
      Partial<CaseChannel> | undefined;
    return found?.channelId && found.name ? { channelId: found.channelId, name: found.name } : null;
  }

  async createChannel(name: string, _description: string): Promise<CaseChannel> {
    const channel = { channelId: this.casesChannelId, name };
    await this.store.putConversationRef(indexKey(name), channel as unknown as Json);
    return channel;
  }
}
