/**
 * The ConversationRefs port: what the bot keeps to message someone later (bot/adapters/teams/
 * conversation-refs.ts says what goes in) and where each card it posted is, by key. A cache: the last
 * write wins. One contract suite (test/store/conversation-refs.contract.test.ts) holds both adapters.
 */
import type { Json } from './json';

export interface ConversationRefRecord {
  key: string;
  ref: Json;
  updatedAt: string;
}

export interface ConversationRefs {
  putConversationRef(key: string, ref: Json): Promise<void>;
  getConversationRef(key: string): Promise<ConversationRefRecord | null>;
  deleteConversationRef(key: string): Promise<void>;
}
