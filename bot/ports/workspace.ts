/**
 * The Workspace port: a place per case where the partnership talks about it. In Microsoft 365 a standard
 * channel in the community safety team, created through Graph (a bot cannot create channels); in local
 * mode a thread in the Agents Playground's mocked team. Posts into it go through the Messenger.
 */

export interface CaseChannel {
  /** A Messenger `channel` destination: a Teams channel id, or a thread id in local mode. */
  channelId: string;
  /** At most 50 characters; the case reference, never a victim's name. */
  name: string;
}

export interface Workspace {
  /** The channel with this exact name, if one exists (a retry after a crash finds what it made). */
  findChannel(name: string): Promise<CaseChannel | null>;
  createChannel(name: string, description: string): Promise<CaseChannel>;
}
