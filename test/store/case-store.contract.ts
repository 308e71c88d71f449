/**
 * The CaseStore contract: one suite, run against every adapter (sqlite-store.test.ts,
 * sharepoint-store.test.ts). An adapter is a CaseStore only if it passes all of it.
 */
import { randomUUID } from 'node:crypto';
import {
  CaseNotFoundError,
  ConcurrencyError,
  InvalidChangeError,
  type CaseStore,
  type NewCase,
} from '../../bot/store/case-store';
import { withRetry } from '../../bot/store/with-retry';
import { ev, TestClock } from './simple-projector';

export interface StoreHarness {
  store: CaseStore;
  /** Another store instance over the same storage: the same SQLite file, the same Graph double. */
  another(): Promise<CaseStore>;
  cleanup(): Promise<void>;
}

/** Makes fresh, empty storage for each test; the stores it opens read their time from `clock`. */
export type HarnessFactory = (clock: TestClock) => Promise<StoreHarness>;

const noSleep = () => Promise.resolve();

export function opening(
  openedOn: string,
  extra: Partial<NewCase> & { payload?: Record<string, string | string[] | null> } = {},
): NewCase {
  const { payload, ...rest } = extra;
  return {
    openedOn,
    events: [ev('application-received', { title: 'Noise, Example Road area', ...(payload ?? {}) })],
    ...rest,
  };
}

export function caseStoreContract(adapter: string, factory: HarnessFactory): void {
  describe(`CaseStore contract: ${adapter}`, () => {
    let h: StoreHarness;
    let store: CaseStore;
    let clock: TestClock;
    const extra: CaseStore[] = [];

    beforeEach(async () => {
      clock = new TestClock();
      h = await factory(clock);
      store = h.store;
    });
    afterEach(async () => {
      for (const s of extra.splice(0)) await s.close();
      await h.cleanup();
    });
    const another = async () => {
      const s = await h.another();
      extra.push(s);
      return s;
    };

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
        const opened = await store.createCase({ openedOn: '2026-03-02', events: [first] });
        expect(opened.reference).toBe('CT-2026-0001');
        expect(opened.version).toBe(1);

        const got = await store.getCase(opened.caseId);
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
        const { caseId } = await store.createCase(opening('2026-03-02'));
        clock.tick();
        const a = await store.append(caseId, 1, {
          events: [
            ev('acknowledged', { nextDeadline: '2026-03-20' }),
            ev('threshold-decided', { spoc: 'spoc-2' }),
          ],
        });
        expect(a).toEqual({ version: 3, appended: true });
        const got = await store.getCase(caseId);
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
        expect((await store.findByReference('ct-2026-1'))?.caseId).toBe(caseId);
      });

      it('refuses a stale version with a ConcurrencyError and stores nothing', async () => {
        const { caseId } = await store.createCase(opening('2026-03-02'));
        await store.append(caseId, 1, { events: [ev('acknowledged')] });
        const stale = store.append(caseId, 1, { events: [ev('threshold-decided')] });
        await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
        await expect(stale).rejects.toMatchObject({ caseId, expectedVersion: 1 });
        const got = await store.getCase(caseId);
        expect(got?.events.map((e) => e.type)).toEqual(['application-received', 'acknowledged']);
      });

      it('treats an event id already stored as a retry: no change, no error', async () => {
        const { caseId } = await store.createCase(opening('2026-03-02'));
        const change = { events: [ev('acknowledged'), ev('threshold-decided')] };
        expect(await store.append(caseId, 1, change)).toEqual({ version: 3, appended: true });
        expect(await store.append(caseId, 1, change)).toEqual({ version: 3, appended: false });
        await store.append(caseId, 3, { events: [ev('returns-requested')] });
        expect(await store.append(caseId, 1, { events: [change.events[0]!] })).toEqual({
          version: 4,
          appended: false,
        });
        expect((await store.getCase(caseId))?.events).toHaveLength(4);
      });

      it('makes a retried opening land on the same case', async () => {
        const input = opening('2026-03-02');
        const a = await store.createCase(input);
        const b = await store.createCase(input);
        expect(b).toEqual({ ...a, alreadyRecorded: true });
        const withId = opening('2026-03-02', { caseId: randomUUID() });
        const c = await store.createCase(withId);
        expect(c.caseId).toBe(withId.caseId);
        expect(await store.createCase(withId)).toEqual({ ...c, alreadyRecorded: true });
        expect((await store.listCases()).items).toHaveLength(2);
      });

      it('answers null or CaseNotFoundError for a case it does not hold, and refuses empty changes', async () => {
        expect(await store.getCase('no-such-case')).toBeNull();
        await expect(store.append('no-such-case', 0, { events: [ev('x')] })).rejects.toBeInstanceOf(
          CaseNotFoundError,
        );
        const { caseId } = await store.createCase(opening('2026-03-02'));
        await expect(store.append(caseId, 1, { events: [] })).rejects.toBeInstanceOf(InvalidChangeError);
        await expect(store.createCase({ openedOn: '2026-02-30', events: [ev('x')] })).rejects.toBeInstanceOf(
          InvalidChangeError,
        );
      });

      it('lets two writers racing on one case both keep their events, in order (withRetry)', async () => {
        const { caseId } = await store.createCase(opening('2026-03-02'));
        const other = await another();
        let conflicts = 0;
        const counting = (s: CaseStore): CaseStore =>
          Object.assign(Object.create(s) as CaseStore, {
            append: (...args: Parameters<CaseStore['append']>) =>
              s.append(...args).catch((err: unknown) => {
                if (err instanceof ConcurrencyError) conflicts++;
                throw err;
              }),
          });
        const writer = (s: CaseStore, name: string) => async () => {
          for (let i = 1; i <= 4; i++)
            await withRetry(counting(s), caseId, () => ({ events: [ev(`${name}-${i}`)] }), {
              sleep: noSleep,
              attempts: 50,
            });
        };
        await Promise.all([writer(store, 'a')(), writer(other, 'b')()]);
        const got = await store.getCase(caseId);
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
          refs.push((await store.createCase(opening(on))).reference);
        expect(refs).toEqual(['CT-2025-0001', 'CT-2026-0001', 'CT-2025-0002', 'CT-2026-0002']);
      });

      it('never issues a reference twice: not across two store instances, not after a purge', async () => {
        const other = await another();
        const made = await Promise.all(
          Array.from({ length: 8 }, (_, i) => (i % 2 ? other : store).createCase(opening('2026-03-02'))),
        );
        const refs = made.map((m) => m.reference);
        expect(new Set(refs).size).toBe(8);
        for (const r of refs) expect(r).toMatch(/^CT-2026-\d{4,}$/);

        const last = made.reduce((a, b) => (a.reference > b.reference ? a : b));
        await store.append(last.caseId, 1, { events: [ev('case-closed', { closedOn: '2026-03-02' })] });
        const purged = await store.purgeExpired({
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
          const opened = await store.createCase(
            opening(`2026-03-0${1 + (i % 5)}`, { payload: { spoc: s.spoc, agencies: s.agencies } }),
          );
          await store.append(opened.caseId, 1, { events: [ev(s.then, { closedOn: '2026-03-09' })] });
          out.push(opened);
        }
        return out;
      }
      const refs = (page: { items: { reference: string }[] }) => page.items.map((c) => c.reference);

      it('filters by status, SPOC, agency, open or closed and reference, newest first', async () => {
        await seed();
        expect(refs(await store.listCases())).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `CT-2026-000${n}`));
        expect(refs(await store.listCases({ status: 'acknowledged' }))).toEqual([
          'CT-2026-0007',
          'CT-2026-0005',
          'CT-2026-0003',
          'CT-2026-0001',
        ]);
        expect(refs(await store.listCases({ spoc: 'spoc-1', state: 'open' }))).toEqual([
          'CT-2026-0005',
          'CT-2026-0003',
          'CT-2026-0001',
        ]);
        expect(refs(await store.listCases({ state: 'closed' }))).toEqual(['CT-2026-0006', 'CT-2026-0004']);
        expect(refs(await store.listCases({ agencyId: 'police' }))).toEqual([
          'CT-2026-0007',
          'CT-2026-0006',
          'CT-2026-0004',
          'CT-2026-0003',
          'CT-2026-0001',
        ]);
        expect(refs(await store.listCases({ agencyId: 'police', state: 'open', spoc: 'spoc-1' }))).toEqual([
          'CT-2026-0003',
          'CT-2026-0001',
        ]);
        expect(refs(await store.listCases({ reference: ' ct 2026-0004 ' }))).toEqual(['CT-2026-0004']);
        expect(refs(await store.listCases({ reference: "x' or 1 eq 1" }))).toEqual([]);
        expect(refs(await store.listCases({ spoc: "spoc-1' or fields/Spoc ne 'z" }))).toEqual([]);
      });

      it('pages with a cursor, with and without filters', async () => {
        await seed();
        const walk = async (query: { agencyId?: string; state?: 'open' }) => {
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let i = 0; i < 10; i++) {
            const page = await store.listCases({ ...query, limit: 2, cursor });
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
          await store.createCase(
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
        expect(refs(await store.listCases({ orderBy: 'deadline' }))).toEqual(expected);
        for (const query of [{}, { agencyId: 'police' }]) {
          const seen: string[] = [];
          let cursor: string | undefined;
          for (let i = 0; i < 10; i++) {
            const page = await store.listCases({ ...query, orderBy: 'deadline', limit: 3, cursor });
            seen.push(...refs(page));
            if (!page.next) break;
            cursor = page.next;
          }
          expect(seen).toEqual(expected);
        }
        const first = (await store.listCases({ orderBy: 'deadline', limit: 1 })).items[0];
        expect(first?.nextDeadline).toBe('2026-03-01');
        expect((await store.listCases({ orderBy: 'deadline' })).items.at(-1)?.nextDeadline).toBeNull();
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
        const a = await store.createCase(
          opening('2026-03-02', {
            agencyRequests: [police1, request('council', '2026-03-09'), request('housing', '2026-03-09')],
          }),
        );
        const police2 = request('police', '2026-03-06');
        const b = await store.createCase(opening('2026-03-02', { agencyRequests: [police2] }));
        const owed = await store.agencyRequests('police', { outstandingOnly: true });
        expect(owed.items.map((r) => r.requestId)).toEqual([police2.requestId, police1.requestId]);
        expect(owed.items.map((r) => r.caseId)).toEqual([b.caseId, a.caseId]);

        await store.append(a.caseId, 1, {
          events: [ev('return-received', { agencyId: 'police' })],
          agencyRequests: [
            { ...police1, status: 'returned', returnedAt: '2026-03-10T12:00:00.000Z', late: true },
          ],
        });
        expect((await store.agencyRequests('police', { outstandingOnly: true })).items).toEqual([
          { ...police2, caseId: b.caseId },
        ]);
        const all = await store.agencyRequests('police');
        expect(all.items.find((r) => r.requestId === police1.requestId)).toEqual({
          ...police1,
          caseId: a.caseId,
          status: 'returned',
          returnedAt: '2026-03-10T12:00:00.000Z',
          late: true,
        });
        expect((await store.caseRequests(a.caseId)).map((r) => r.agencyId).sort()).toEqual([
          'council',
          'housing',
          'police',
        ]);
        expect((await store.agencyRequests('health')).items).toEqual([]);
      });

      it('pages an agency\u2019s requests', async () => {
        const due = ['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'];
        for (const d of due)
          await store.createCase(opening('2026-03-02', { agencyRequests: [request('police', d)] }));
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await store.agencyRequests('police', { limit: 2, cursor });
          seen.push(...page.items.map((r) => r.dueOn));
          cursor = page.next ?? undefined;
        } while (cursor);
        expect(seen).toEqual(due);
      });
    });

    it('keeps panel bookings with the case, last write winning', async () => {
      const { caseId } = await store.createCase(opening('2026-03-02'));
      const booking = {
        bookingId: 'b-1',
        providerEventId: null,
        transactionId: 'tx-1',
        start: '2026-04-01T09:00:00.000Z',
        end: '2026-04-01T10:00:00.000Z',
        status: 'pending' as const,
      };
      await store.append(caseId, 1, { events: [ev('panel-requested')], bookings: [booking] });
      await store.append(caseId, 2, {
        events: [ev('panel-booked')],
        bookings: [{ ...booking, providerEventId: 'AAMkAD=', status: 'booked' }],
      });
      expect(await store.caseBookings(caseId)).toEqual([
        { ...booking, caseId, providerEventId: 'AAMkAD=', status: 'booked' },
      ]);
    });

    it('keeps files with the case and gives back the same bytes', async () => {
      const { caseId } = await store.createCase(opening('2026-03-02'));
      const bytes = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7) % 256));
      const meta = {
        kind: 'letter' as const,
        name: 'CT-2026-0001 outcome letter.docx',
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        storedBy: 'officer-1',
      };
      const letter = await store.putFile(caseId, meta, bytes);
      expect(letter).toMatchObject({ ...meta, caseId, size: 2048 });
      expect(letter.sha256).toMatch(/^[0-9a-f]{64}$/);
      const eml = await store.putFile(
        caseId,
        {
          kind: 'email',
          name: 'application.eml',
          contentType: 'message/rfc822',
          storedBy: 'officer-1',
          fileId: 'f-eml',
        },
        Buffer.from('Subject: hello\r\n\r\nbody'),
      );
      expect(await store.putFile(caseId, { ...meta, fileId: 'f-eml' }, Buffer.from('other'))).toEqual(eml);
      const got = await store.getFile(letter.fileId);
      expect(got?.file).toEqual(letter);
      expect(Buffer.compare(got!.bytes, bytes)).toBe(0);
      expect((await store.getFile('f-eml'))?.bytes.toString()).toBe('Subject: hello\r\n\r\nbody');
      expect((await store.caseFiles(caseId)).map((f) => f.fileId).sort()).toEqual(
        [letter.fileId, 'f-eml'].sort(),
      );
      expect(await store.getFile('nope')).toBeNull();
      await expect(store.putFile('no-case', meta, bytes)).rejects.toBeInstanceOf(CaseNotFoundError);
    });

    it('upserts Teams conversation references', async () => {
      const key = 'user:29:1abcDEF';
      expect(await store.getConversationRef(key)).toBeNull();
      await store.putConversationRef(key, { conversation: { id: 'a:1' }, serviceUrl: 'https://smba/' });
      clock.tick(5000);
      await store.putConversationRef(key, { conversation: { id: 'a:2' }, serviceUrl: 'https://smba/' });
      expect(await store.getConversationRef(key)).toEqual({
        key,
        ref: { conversation: { id: 'a:2' }, serviceUrl: 'https://smba/' },
        updatedAt: '2026-03-02T10:00:05.000Z',
      });
      const longKey = `channel:19:${'x'.repeat(400)}@thread.tacv2`;
      await store.putConversationRef(longKey, { id: 'long' });
      expect((await store.getConversationRef(longKey))?.ref).toEqual({ id: 'long' });
      await store.deleteConversationRef(key);
      expect(await store.getConversationRef(key)).toBeNull();
    });

    it('lets only the first claim of a reminder win, across two store instances', async () => {
      expect(await store.claimReminder('CT-2026-0001:ack:2026-03-05')).toBe(true);
      expect(await store.claimReminder('CT-2026-0001:ack:2026-03-05')).toBe(false);
      const other = await another();
      const keys = Array.from({ length: 12 }, (_, i) => `race-${i}`);
      const results = await Promise.all(
        keys.flatMap((k) => [store.claimReminder(k), other.claimReminder(k)]),
      );
      for (let i = 0; i < keys.length; i++)
        expect([results[2 * i], results[2 * i + 1]].sort()).toEqual([false, true]);
    });

    describe('retention', () => {
      async function closed(on: string, closedOn: string) {
        const c = await store.createCase(opening(on));
        await store.append(c.caseId, 1, { events: [ev('case-closed', { closedOn })] });
        return c;
      }

      it('purges closed cases past retention unless on legal hold, and logs each purge', async () => {
        const old = await closed('2019-05-01', '2019-06-30');
        const held = await closed('2019-05-02', '2019-07-01');
        const recent = await closed('2024-01-10', '2024-02-01');
        const open = await store.createCase(opening('2019-01-10'));
        const edge = await closed('2019-05-03', '2020-01-10');
        await store.putFile(
          old.caseId,
          { kind: 'letter', name: 'l.docx', contentType: 'x/y', storedBy: 'o' },
          Buffer.from('x'),
        );
        await store.append(old.caseId, 2, {
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
        const hold = await store.setLegalHold(held.caseId, true, 'legal-1', 'Civil claim pending');
        expect(hold.appended).toBe(true);
        const heldCase = await store.getCase(held.caseId);
        expect(heldCase?.projection.legalHold).toBe(true);
        expect(heldCase?.events.at(-1)).toMatchObject({ type: 'legal-hold-set', actor: 'legal-1' });

        clock.set('2026-01-10T02:00:00.000Z');
        // 2020-01-10 + 6 years = 2026-01-10: kept that day, purged the next.
        const purged = await store.purgeExpired({
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
        expect(await store.getCase(old.caseId)).toBeNull();
        expect(await store.findByReference(old.reference)).toBeNull();
        expect(await store.caseRequests(old.caseId)).toEqual([]);
        expect(await store.caseBookings(old.caseId)).toEqual([]);
        expect(await store.caseFiles(old.caseId)).toEqual([]);
        expect((await store.agencyRequests('police')).items).toEqual([]);
        await expect(store.append(old.caseId, 3, { events: [ev('x')] })).rejects.toBeInstanceOf(
          CaseNotFoundError,
        );

        const next = await store.purgeExpired({
          today: '2026-01-11',
          retentionYears: 6,
          by: 'records-officer',
        });
        expect(next.map((p) => p.reference)).toEqual([edge.reference]);
        for (const kept of [held, recent, open]) expect(await store.getCase(kept.caseId)).not.toBeNull();

        await store.setLegalHold(held.caseId, false, 'legal-1', 'Claim settled');
        expect((await store.getCase(held.caseId))?.projection.legalHold).toBe(false);
        const after = await store.purgeExpired({
          today: '2026-01-12',
          retentionYears: 6,
          by: 'records-officer',
        });
        expect(after.map((p) => p.reference)).toEqual([held.reference]);

        const log = await store.purgeLog();
        expect(log.map((p) => p.reference)).toEqual([old.reference, edge.reference, held.reference]);
        expect(JSON.stringify(log)).not.toMatch(/Noise|Example Road|Civil claim/);
        expect(await store.purgeExpired({ today: '2026-01-12', retentionYears: 6, by: 'x' })).toEqual([]);
      });
    });
  });
}
