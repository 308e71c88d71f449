/** ReminderClaims in SQLite: a claim is an INSERT of its key; only the first process's insert lands. */
import type { Database, Statement } from 'better-sqlite3';
import type { ReminderClaims } from '../../store/reminder-claims';

export class SqliteReminderClaims implements ReminderClaims {
  private readonly insert: Statement;

  constructor(
    db: Database,
    private readonly clock: () => Date,
  ) {
    this.insert = db.prepare('INSERT OR IGNORE INTO reminder_claims (key, claimed_at) VALUES (?, ?)');
  }

  async claimReminder(key: string): Promise<boolean> {
    return this.insert.run(key, this.clock().toISOString()).changes === 1;
  }
}
