/** ConversationRefs in SQLite: one row per key, the last write winning. */
import type { Database, Statement } from 'better-sqlite3';
import type { ConversationRefRecord, ConversationRefs } from '../../store/conversation-refs';
import type { Json } from '../../store/json';

export class SqliteConversationRefs implements ConversationRefs {
  private readonly sql: Record<'upsert' | 'row' | 'remove', Statement>;

  constructor(
    db: Database,
    private readonly clock: () => Date,
  ) {
    this.sql = {
      upsert: db.prepare(
        `INSERT INTO conversation_refs (key, ref, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET ref = excluded.ref, updated_at = excluded.updated_at`,
      ),
      row: db.prepare('SELECT * FROM conversation_refs WHERE key = ?'),
      remove: db.prepare('DELETE FROM conversation_refs WHERE key = ?'),
    };
  }

  async putConversationRef(key: string, ref: Json): Promise<void> {
    this.sql.upsert.run(key, JSON.stringify(ref), this.clock().toISOString());
  }

  async getConversationRef(key: string): Promise<ConversationRefRecord | null> {
    const row = this.sql.row.get(key) as { key: string; ref: string; updated_at: string } | undefined;
    return row ? { key: row.key, ref: JSON.parse(row.ref) as Json, updatedAt: row.updated_at } : null;
  }

  async deleteConversationRef(key: string): Promise<void> {
    this.sql.remove.run(key);
  }
}
