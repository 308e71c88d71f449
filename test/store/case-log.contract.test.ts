/**
 * The CaseLog contract: a case's event log with the projections written inline with each append (the list
 * row, agency requests, panel bookings), held to one behaviour on both adapter sets. An adapter is a
 * CaseLog only if it passes all of it.
 */
import { randomUUID } from 'node:crypto';
import {
  CaseNotFoundError,
  ConcurrencyError,
  InvalidChangeError,
  type CaseLog,
  type JsonObject,
} from '../../bot/store/case-log';
import { LEGAL_HOLD_RELEASED, LEGAL_HOLD_SET } from '../../bot/store/projection';
import { withRetry } from '../../bot/store/with-retry';
import { opening, storeContract, withShortPages } from './harnesses';
import { ev } from './simple-projector';

const noSleep = () => Promise.resolve();

storeContract(
  'CaseLog',
  (t) => {
    describe('cases and their logs', () => {
      it('creates a case with a reference and reads back its log and projection', async () => {
        const first = ev('application-received', {
          title: 'Noise, Example Road area',
          spoc: 'spoc-1',
          agencies: ['police', 'council'],
          incidents: [
            { on: '2026-02-01', what: 'shouting' },
            { on: '2026-02-08', what: "it's loud" },
          ],
        });
        const opened = await t.cases.createCase({ openedOn: '2026-03-02', events: [first] });
        expect(opened.reference).toBe('CT-2026-0001');
        expect(opened.version).toBe(1);

        const got = await t.cases.getCase(opened.caseId);
        expect(got?.events).toEqual([
          { ...first, caseId: opened.caseId, seq: 1, recordedAt: '2026-03-02T10:00:00.000Z' },
        ]);
        expect(got?.projection).toEqual({
          caseId: opened.caseId,
          reference: 'CT-2026-0001',
          title: 'Noise, Example Road area',
          status: 'application-received',
          spoc: 'spoc-1',
          nextDeadline: null,
          agencies: ['council', 'police'],
          openedOn: '2026-03-02',
          closedOn: null,
          legalHold: false,
          version: 1,
          updatedAt: '2026-03-02T10:00:00.000Z',
        });
      });

      it('appends in order and recomputes the projection', async () => {
        const { caseId } = await t.cases.createCase(opening('2026-03-02'));
        t.clock.tick();
        const a = await t.cases.append(caseId, 1, {
          events: [
            ev('acknowledged', { nextDeadline: '2026-03-20' }),
            ev('threshold-decided', { spoc: 'spoc-2' }),
          ],
        });
        expect(a).toEqual({ version: 3, appended: true });
        const got = await t.cases.getCase(caseId);
        expect(got?.events.map((e) => [e.seq, e.type])).toEqual([
          [1, 'application-received'],
          [2, 'acknowledged'],
          [3, 'threshold-decided'],
        ]);
        expect(got?.projection).toMatchObject({
          status: 'threshold-decided',
          spoc: 'spoc-2',
          nextDeadline: '2026-03-20',
          version: 3,
          updatedAt: '2026-03-02T10:00:01.000Z',
        });
        expect((await t.cases.findByReference('ct-2026-1'))?.caseId).toBe(caseId);
      });

      it('refuses a stale version with a ConcurrencyError and stores nothing', async () => {
        const { caseId } = await t.cases.createCase(opening('2026-03-02'));
        await t.cases.append(caseId, 1, { events: [ev('acknowledged')] });
        const stale = t.cases.append(caseId, 1, { events: [ev('threshold-decided')] });
        await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(stale).rejects.toMatchObject({ caseId, expectedVersion: 1 });
        const got = await t.cases.getCase(caseId);
        expect(got?.events.map((e) => e.type)).toEqual(['application-received', 'acknowledged']);
      });

      it('treats an event id already stored as a retry: no change, no error', async () => {
        const { caseId } = await t.cases.createCase(opening('2026-03-02'));
        const change = { events: [ev('acknowledged'), ev('threshold-decided')] };
        expect(await t.cases.append(caseId, 1, change)).toEqual({ version: 3, appended: true });
        expect(await t.cases.append(caseId, 1, change)).toEqual({ version: 3, appended: false });
        await t.cases.append(caseId, 3, { events: [ev('returns-requested')] });
        expect(await t.cases.append(caseId, 1, { events: [change.events[0]!] })).toEqual({
          version: 4,
          appended: false,
        });
        expect((await t.cases.getCase(caseId))?.events).toHaveLength(4);
      });

      it('makes a retried opening land on the same case', async () => {
        const input = opening('2026-03-02');
        const a = await t.cases.createCase(input);
        const b = await t.cases.createCase(input);
        expect(b).toEqual({ ...a, alreadyRecorded: true });
        const withId = opening('2026-03-02', { caseId: randomUUID() });
        const c = await t.cases.createCase(withId);
        expect(c.caseId).toBe(withId.caseId);
        expect(await t.cases.createCase(withId)).toEqual({ ...c, alreadyRecorded: true });
        expect((await t.cases.listCases()).items).toHaveLength(2);
      });

      it('answers null or CaseNotFoundError for a case it does not hold, and refuses empty changes', async () => {
        expect(await t.cases.getCase('no-such-case')).toBeNull();
        await expect(t.cases.append('no-such-case', 0, { events: [ev('x')] })).rejects.toBeInstanceOf(
          CaseNotFoundError,
        );
        const { caseId } = await t.cases.createCase(opening('2026-03-02'));
        await expect(t.cases.append(caseId, 1, { events: [] })).rejects.toBeInstanceOf(InvalidChangeError);
        await expect(
          t.cases.createCase({ openedOn: '2026-02-30', events: [ev('x')] }),
        ).rejects.toBeInstanceOf(InvalidChangeError);
      });

      it('lets two writers racing on one case both keep their events, in order (withRetry)', async () => {
        const { caseId } = await t.cases.createCase(opening('2026-03-02'));
        const other = (await t.another()).cases;
        let conflicts = 0;
        const counting = (s: CaseLog): CaseLog =>
          Object.assign(Object.create(s) as CaseLog, {
            append: (...args: Parameters<CaseLog['append']>) =>
              s.append(...args).catch((err: unknown) => {
                if (err instanceof ConcurrencyError) conflicts++;
                throw err;
              }),
          });
        const writer = (s: CaseLog, name: string) => async () => {
          for (let i = 1; i <= 4; i++)
            await withRetry(counting(s), caseId, () => ({ events: [ev(`${name}-${i}`)] }), {
              sleep: noSleep,
              attempts: 50,
            });
        };
        await Promise.all([writer(t.cases, 'a')(), writer(other, 'b')()]);
        const got = await t.cases.getCase(caseId);
        const types = got?.events.map((e) => e.type) ?? [];
        expect(types).toHaveLength(9);
        expect(types.filter((t) => t.startsWith('a-'))).toEqual(['a-1', 'a-2', 'a-3', 'a-4']);
        expect(types.filter((t) => t.startsWith('b-'))).toEqual(['b-1', 'b-2', 'b-3', 'b-4']);
        expect(got?.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
        expect(got?.projection.version).toBe(9);
        expect(conflicts).toBeGreaterThan(0); // they did collide, and retried
      });
    });

    describe('references', () => {
      it('numbers cases per year of opening', async () => {
        const refs = [];
        for (const on of ['2025-12-30', '2026-01-02', '2025-12-31', '2026-01-05'])
          refs.push((await t.cases.createCase(opening(on))).reference);
        expect(refs).toEqual(['CT-2025-0001', 'CT-2026-0001', 'CT-2025-0002', 'CT-2026-0002']);
      });

      it('never issues a reference twice: not across two store instances, not after a purge', async () => {
        const other = (await t.another()).cases;
        const made = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 ? other : t.cases).createCase(opening('2026-03-02'))),
        );
        const refs = made.map((m) => m.reference);
        expect(new Set(refs).size).toBe(8);
        for (const r of refs) expect(r).toMatch(/^CT-2026-\d{4,}$/);

        const last = made.reduce((a, b) => (a.reference > b.reference ? a : b));
        await t.cases.append(last.caseId, 1, { events: [ev('case-closed', { closedOn: '2026-03-02' })] });
        const purged = await t.purges.purgeExpired({
          today: '2033-01-01',
          retentionYears: 6,
          by: 'records-officer',
        });
        expect(purged.map((p) => p.reference)).toEqual([last.reference]);
        const next = await other.createCase(opening('2026-03-05'));
        expect(refs).not.toContain(next.reference);
        expect(next.reference > last.reference).toBe(true);
      });
    });

    describe('lists', () => {
      async function seed() {
        const specs = [
          { spoc: 'spoc-1', agencies: ['police', 'council'], then: 'acknowledged' },
          { spoc: 'spoc-2', agencies: ['council'], then: 'threshold-decided' },
          { spoc: 'spoc-1', agencies: ['police'], then: 'acknowledged' },
          { spoc: 'spoc-2', agencies: ['housing', 'police'], then: 'case-closed' },
          { spoc: 'spoc-1', agencies: ['health'], then: 'acknowledged' },
          { spoc: 'spoc-1', agencies: ['police'], then: 'case-closed' },
          { spoc: 'spoc-3', agencies: ['council', 'police'], then: 'acknowledged' },
        ];
        const out = [];
        for (const [i, s] of specs.entries()) {
          const opened = await t.cases.createCase(
            opening(`2026-03-0${1 + (i % 5)}`, { payload: { spoc: s.spoc, agencies: s.agencies } }),
          );
          await t.cases.append(opened.caseId, 1, { events: [ev(s.then, { closedOn: '2026-03-09' })] });
          out.push(opened);
        }
        return out;
      }
      const refs = (page: { items: { reference: string }[] }) => page.items.map((c) => c.reference);

      it('filters by status, SPOC, agency, open or closed and reference, newest first', async () => {
        await seed();
        expect(refs(await t.cases.listCases())).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `CT-2026-000${n}`));
        expect(refs(await t.cases.listCases({ status: 'acknowledged' }))).toEqual([
          'CT-2026-0007',
          'CT-2026-0005',
          'CT-2026-0003',
          'CT-2026-0001',
        ]);
        expect(refs(await t.cases.listCases({ spoc: 'spoc-1', state: 'open' }))).toEqual([
          'CT-2026-0005',
          'CT-2026-0003',
          'CT-2026-0001',
        ]);
        expect(refs(await t.cases.listCases({ state: 'closed' }))).toEqual(['CT-2026-0006', 'CT-2026-0004']);
        expect(refs(await t.cases.listCases({ agencyId: 'police' }))).toEqual([
          'CT-2026-0007',
          'CT-2026-0006',
          'CT-2026-0004',
          'CT-2026-0003',
          'CT-2026-0001',
        ]);
        expect(refs(await t.cases.listCases({ agencyId: 'police', state: 'open', spoc: 'spoc-1' }))).toEqual([
          'CT-2026-0003',
          'CT-2026-0001',
        ]);
        expect(refs(await t.cases.listCases({ reference: ' ct 2026-0004 ' }))).toEqual(['CT-2026-0004']);
        expect(refs(await t.cases.listCases({ reference: "x' or 1 eq 1" }))).toEqual([]);
        expect(refs(await t.cases.listCases({ spoc: "spoc-1' or fields/Spoc ne 'z" }))).toEqual([]);
      });

      it('pages with a cursor, with and without filters', async () => {
        await seed();
        const walk = async (query: { agencyId?: string; state?: 'open' }) => {
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let i = 0; i < 10; i++) {
            const page = await t.cases.listCases({ ...query, limit: 2, cursor });
            expect(page.items.length).toBeLessThanOrEqual(2);
            seen.push(...refs(page));
            if (!page.next) break;
            cursor = page.next;
          }
          return seen;
        };
        expect(await walk({})).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `CT-2026-000${n}`));
        expect(await walk({ agencyId: 'police', state: 'open' })).toEqual([
          'CT-2026-0007',
          'CT-2026-0003',
          'CT-2026-0001',
        ]);
      });
    });

    describe('lists by deadline', () => {
      // Deadlines as the projector would give them: two share a date, two have none.
      const deadlines = ['2026-03-20', null, '2026-03-05', '2026-03-12', null, '2026-03-05', '2026-03-01'];
      async function seed() {
        for (const [i, nextDeadline] of deadlines.entries()) {
          await t.cases.createCase(
            opening('2026-03-02', {
              payload: { spoc: 'spoc-1', agencies: i % 2 ? ['police'] : ['council', 'police'], nextDeadline },
            }),
          );
        }
      }
      const refs = (page: { items: { reference: string }[] }) => page.items.map((c) => c.reference);
      // Soonest first (overdue cases lead), newest first among equals, no deadline last.
      const expected = [
        'CT-2026-0007',
        'CT-2026-0006',
        'CT-2026-0003',
        'CT-2026-0004',
        'CT-2026-0001',
        'CT-2026-0005',
        'CT-2026-0002',
      ];

      it('orders by the soonest deadline, and pages through that order', async () => {
        await seed();
        expect(refs(await t.cases.listCases({ orderBy: 'deadline' }))).toEqual(expected);
        for (const query of [{}, { agencyId: 'police' }]) {
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let i = 0; i < 10; i++) {
            const page = await t.cases.listCases({ ...query, orderBy: 'deadline', limit: 3, cursor });
            seen.push(...refs(page));
            if (!page.next) break;
            cursor = page.next;
          }
          expect(seen).toEqual(expected);
        }
        const first = (await t.cases.listCases({ orderBy: 'deadline', limit: 1 })).items[0];
        expect(first?.nextDeadline).toBe('2026-03-01');
        expect((await t.cases.listCases({ orderBy: 'deadline' })).items.at(-1)?.nextDeadline).toBeNull();
      });
    });

    describe('agency requests and returns', () => {
      const request = (agencyId: string, dueOn: string, requestId = `${agencyId}-${randomUUID()}`) => ({
        requestId,
        agencyId,
        requestedAt: '2026-03-02T10:00:00.000Z',
        dueOn,
        status: 'requested' as const,
        returnedAt: null,
        late: false,
      });

      it('answers "what does this agency owe" for that agency only', async () => {
        const police1 = request('police', '2026-03-09');
        const a = await t.cases.createCase(
          opening('2026-03-02', {
            agencyRequests: [police1, request('council', '2026-03-09'), request('housing', '2026-03-09')],
          }),
        );
        const police2 = request('police', '2026-03-06');
        const b = await t.cases.createCase(opening('2026-03-02', { agencyRequests: [police2] }));
        const owed = await t.cases.agencyRequests('police', { outstandingOnly: true });
        expect(owed.items.map((r) => r.requestId)).toEqual([police2.requestId, police1.requestId]);
        expect(owed.items.map((r) => r.caseId)).toEqual([b.caseId, a.caseId]);

        await t.cases.append(a.caseId, 1, {
          events: [ev('return-received', { agencyId: 'police' })],
          agencyRequests: [
            { ...police1, status: 'returned', returnedAt: '2026-03-10T12:00:00.000Z', late: true },
          ],
        });
        expect((await t.cases.agencyRequests('police', { outstandingOnly: true })).items).toEqual([
          { ...police2, caseId: b.caseId },
        ]);
        const all = await t.cases.agencyRequests('police');
        expect(all.items.find((r) => r.requestId === police1.requestId)).toEqual({
          ...police1,
          caseId: a.caseId,
          status: 'returned',
          returnedAt: '2026-03-10T12:00:00.000Z',
          late: true,
        });
        expect((await t.cases.caseRequests(a.caseId)).map((r) => r.agencyId).sort()).toEqual([
          'council',
          'housing',
          'police',
        ]);
        expect((await t.cases.agencyRequests('health')).items).toEqual([]);
      });

      it('pages an agency\u2019s requests', async () => {
        const due = ['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'];
        for (const d of due)
          await t.cases.createCase(opening('2026-03-02', { agencyRequests: [request('police', d)] }));
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await t.cases.agencyRequests('police', { limit: 2, cursor });
          seen.push(...page.items.map((r) => r.dueOn));
          cursor = page.next ?? undefined;
        } while (cursor);
        expect(seen).toEqual(due);
      });
    });

    it('keeps panel bookings with the case, last write winning', async () => {
      const { caseId } = await t.cases.createCase(opening('2026-03-02'));
      const booking = {
        bookingId: 'b-1',
        providerEventId: null,
        transactionId: 'tx-1',
        start: '2026-04-01T09:00:00.000Z',
        end: '2026-04-01T10:00:00.000Z',
        status: 'pending' as const,
      };
      await t.cases.append(caseId, 1, { events: [ev('panel-requested')], bookings: [booking] });
      await t.cases.append(caseId, 2, {
        events: [ev('panel-booked')],
        bookings: [{ ...booking, providerEventId: 'AAMkAD=', status: 'booked' }],
      });
      expect(await t.cases.caseBookings(caseId)).toEqual([
        { ...booking, caseId, providerEventId: 'AAMkAD=', status: 'booked' },
      ]);
    });

    it('keeps the legal hold its log says, set and released by events, whatever the projector does', async () => {
      const { caseId } = await t.cases.createCase(opening('2026-03-02'));
      await t.cases.append(caseId, 1, {
        events: [{ ...ev(LEGAL_HOLD_SET, { reason: 'Civil claim pending' }), actor: 'legal-1' }],
      });
      const held = await t.cases.getCase(caseId);
      expect(held?.projection.legalHold).toBe(true);
      expect(held?.events.at(-1)).toMatchObject({ type: LEGAL_HOLD_SET, actor: 'legal-1' });
      await t.cases.append(caseId, 2, { events: [ev('note-added')] });
      expect((await t.cases.getCase(caseId))?.projection.legalHold).toBe(true);
      await t.cases.append(caseId, 3, { events: [ev(LEGAL_HOLD_RELEASED, { reason: 'Claim settled' })] });
      expect((await t.cases.findByReference('CT-2026-0001'))?.legalHold).toBe(false);
    });

    it('projects each append from the folded state, the same as folding the whole log again', async () => {
      const { caseId } = await t.cases.createCase(
        opening('2026-03-02', { payload: { spoc: 'spoc-1', agencies: ['police'] } }),
      );
      let version = 1;
      const steps: [string, JsonObject][] = [
        ['acknowledged', { nextDeadline: '2026-03-20' }],
        ['returns-requested', { agencies: ['council'] }],
        ['threshold-decided', { spoc: 'spoc-2', nextDeadline: null }],
        ['case-closed', { closedOn: '2026-04-01' }],
      ];
      for (const [type, payload] of steps)
        ({ version } = await t.cases.append(caseId, version, { events: [ev(type, payload)] }));
      const incremental = (await t.cases.getCase(caseId))!.projection;
      // Another instance over the same storage has folded nothing: it reads and folds the whole log.
      const other = (await t.another()).cases;
      await other.append(caseId, version, { events: [ev('case-reopened')] });
      const refolded = (await t.cases.getCase(caseId))!.projection;
      expect(incremental).toMatchObject({
        status: 'case-closed',
        spoc: 'spoc-2',
        nextDeadline: null,
        agencies: ['council', 'police'],
        closedOn: '2026-04-01',
        version: 5,
      });
      expect(refolded).toMatchObject({ ...incremental, status: 'case-reopened', closedOn: null, version: 6 });
      // And this instance, whose folded state is now behind, appends on the log as it is.
      await t.cases.append(caseId, 6, { events: [ev('case-closed', { closedOn: '2026-05-01' })] });
      expect((await other.getCase(caseId))!.projection).toMatchObject({ closedOn: '2026-05-01', version: 7 });
    });
  },
  withShortPages,
);
