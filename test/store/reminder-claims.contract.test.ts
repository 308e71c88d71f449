/**
 * The ReminderClaims contract: the first claim of a key wins, across processes, on both adapter sets.
 */
import { storeContract } from './harnesses';

storeContract('ReminderClaims', (t) => {
  it('lets only the first claim of a reminder win, across two store instances', async () => {
    expect(await t.claims.claimReminder('CT-2026-0001:ack:2026-03-05')).toBe(true);
    expect(await t.claims.claimReminder('CT-2026-0001:ack:2026-03-05')).toBe(false);
    const other = (await t.another()).claims;
    const keys = Array.from({ length: 12 }, (_, i) => `race-${i}`);
    const results = await Promise.all(
      keys.flatMap((k) => [t.claims.claimReminder(k), other.claimReminder(k)]),
    );
    for (let i = 0; i < keys.length; i++)
      expect([results[2 * i], results[2 * i + 1]].sort()).toEqual([false, true]);
  });
});
