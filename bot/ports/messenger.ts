/**
 * The Messenger port: how the use cases post and update messages in Teams without knowing which SDK
 * carries them. The Teams adapter (bot/adapters/teams) implements it with botbuilder; tests use a fake.
 */

/** An Adaptive Card as JSON (version 1.5; see bot/cards). */
export type CardJson = { type: 'AdaptiveCard'; version: string } & Record<string, unknown>;

export interface Mention {
  aadObjectId: string;
  /** The name shown in the mention; an officer's display name, never case data. */
  name: string;
}

export interface OutgoingMessage {
  text?: string;
  card?: CardJson;
  /** People to @mention; each appears in `text` as `<at>name</at>`. */
  mentions?: Mention[];
  /** The notification preview; keep personal data out. */
  summary?: string;
}

/** Where a message goes: a new post (thread) in a channel, or a person's 1:1 chat with the bot. */
export type Destination = { kind: 'channel'; channelId: string } | { kind: 'person'; aadObjectId: string };

/** Where a sent message landed, to update it later. */
export interface Delivery {
  conversationId: string;
  activityId: string;
}

export interface Messenger {
  send(to: Destination, message: OutgoingMessage): Promise<Delivery>;
  /** Replaces a sent message for everyone (a card's new state). */
  update(delivery: Delivery, message: OutgoingMessage): Promise<void>;
  /** Teams user ids (`29:...`) by Entra object id, for user-specific card views; unknown people are left out. */
  teamsUserIds(aadObjectIds: readonly string[]): Promise<Map<string, string>>;
}

/**
 * The app cannot reach this person, channel or message: not installed, removed, deleted, or no stored
 * conversation (Teams answered 403 or 404).
 */
export class UnreachableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreachableError';
  }
}

/** Teams kept answering 429 after the adapter's retries: the caller should pause. */
export class ThrottledError extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`Teams is throttling the app; retry after ${Math.ceil(retryAfterMs / 1000)} s.`);
    this.name = 'ThrottledError';
  }
}
