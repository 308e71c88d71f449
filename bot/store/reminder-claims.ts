/**
 * The ReminderClaims port: a reminder (or a daily sweep) is sent by whoever claims its key first, across
 * processes and instances, so it goes once. One contract suite (test/store/reminder-claims.contract.test.ts)
 * holds both adapters.
 */
export interface ReminderClaims {
  /** True for the first caller only, across processes: the one that may send the reminder. */
  claimReminder(key: string): Promise<boolean>;
}
