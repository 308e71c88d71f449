/**
 * The Purges contract: retention on both adapter sets. A closed case past its retention goes with
 * everything kept beside it, unless its log puts it on legal hold; each purge is logged without personal
 * data.
 */
import { CaseNotFoundError } from '../../bot/store/case-log';
import { LEGAL_HOLD_RELEASED, LEGAL_HOLD_SET } from '../../bot/store/projection';
import { opening, storeContract, withShortPages } from './harnesses';
import { ev } from './simple-projector';

storeContract(
  'Purges',
  (t) => {
    describe('retention', () => {
      async function closed(on: string, closedOn: string) {
        const c = await t.cases.createCase(opening(on));
        await t.cases.append(c.caseId, 1, { events: [ev('case-closed', { closedOn })] });
        return c;
      }

      it('purges closed cases past retention unless on legal hold, and logs each purge', async () => {
        const old = await closed('2019-05-01', '2019-06-30');
        const held = await closed('2019-05-02', '2019-07-01');
        const recent = await closed('2024-01-10', '2024-02-01');
        const open = await t.cases.createCase(opening('2019-01-10'));
        const edge = await closed('2019-05-03', '2020-01-10');
        await t.files.putFile(
          old.caseId,
          { kind: 'letter', name: 'l.docx', contentType: 'x/y', storedBy: 'o' },
          Buffer.from('x'),
        );
        await t.cases.append(old.caseId, 2, {
          events: [ev('returns-requested')],
          agencyRequests: [
            {
              requestId: 'r-old',
              agencyId: 'police',
              requestedAt: '2019-05-02T10:00:00.000Z',
              dueOn: '2019-05-09',
              status: 'requested',
              returnedAt: null,
              late: false,
            },
          ],
          bookings: [
            {
              bookingId: 'bk-old',
              providerEventId: null,
              transactionId: 't',
              start: '2019-06-01T09:00:00.000Z',
              end: '2019-06-01T10:00:00.000Z',
              status: 'booked',
            },
          ],
        });
        await t.cases.append(held.caseId, 2, {
          events: [ev(LEGAL_HOLD_SET, { reason: 'Civil claim pending' })],
        });
        expect((await t.cases.getCase(held.caseId))?.projection.legalHold).toBe(true);

        t.clock.set('2026-01-10T02:00:00.000Z');
        // 2020-01-10 + 6 years = 2026-01-10: kept that day, purged the next.
        const purged = await t.purges.purgeExpired({
          today: '2026-01-10',
          retentionYears: 6,
          by: 'records-officer',
        });
        expect(purged).toEqual([
          {
            reference: old.reference,
            closedOn: '2019-06-30',
            purgedAt: '2026-01-10T02:00:00.000Z',
            by: 'records-officer',
          },
        ]);
        expect(await t.cases.getCase(old.caseId)).toBeNull();
        expect(await t.cases.findByReference(old.reference)).toBeNull();
        expect(await t.cases.caseRequests(old.caseId)).toEqual([]);
        expect(await t.cases.caseBookings(old.caseId)).toEqual([]);
        expect(await t.files.caseFiles(old.caseId)).toEqual([]);
        expect((await t.cases.agencyRequests('police')).items).toEqual([]);
        await expect(t.cases.append(old.caseId, 3, { events: [ev('x')] })).rejects.toBeInstanceOf(
          CaseNotFoundError,
        );

        const next = await t.purges.purgeExpired({
          today: '2026-01-11',
          retentionYears: 6,
          by: 'records-officer',
        });
        expect(next.map((p) => p.reference)).toEqual([edge.reference]);
        for (const kept of [held, recent, open]) expect(await t.cases.getCase(kept.caseId)).not.toBeNull();

        await t.cases.append(held.caseId, 3, {
          events: [ev(LEGAL_HOLD_RELEASED, { reason: 'Claim settled' })],
        });
        expect((await t.cases.getCase(held.caseId))?.projection.legalHold).toBe(false);
        const after = await t.purges.purgeExpired({
          today: '2026-01-12',
          retentionYears: 6,
          by: 'records-officer',
        });
        expect(after.map((p) => p.reference)).toEqual([held.reference]);

        const log = await t.purges.purgeLog();
        expect(log.map((p) => p.reference)).toEqual([old.reference, edge.reference, held.reference]);
        expect(JSON.stringify(log)).not.toMatch(/Noise|Example Road|Civil claim/);
        expect(await t.purges.purgeExpired({ today: '2026-01-12', retentionYears: 6, by: 'x' })).toEqual([]);
      });
    });
  },
  withShortPages,
);
