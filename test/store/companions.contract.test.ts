/**
 * What the stores keep beside the case logs, held to one contract on both adapters: ids that belong to
 * one case (issue 11: a reused id is refused, never a lost write or a broken case), the append-only access
 * log, and the outbox written with its append.
 */
import { IdConflictError, type NewCase } from '../../bot/store/case-log';
import { sharePointStore, storeContract } from './harnesses';
import { ev, requestRecord, TestClock } from './simple-projector';

const opening = (extra: Partial<NewCase> = {}): NewCase => ({
  openedOn: '2026-03-02',
  events: [ev('application-received', { title: 'Noise, Example Road area', agencies: ['police'] })],
  ...extra,
});

const request = requestRecord;

storeContract('Ids, the access log and the outbox', (t) => {
  describe('ids belong to one case', () => {
    it('refuses an event id already used on another case, and stores nothing', async () => {
      const a = await t.cases.createCase(opening());
      const b = await t.cases.createCase(opening());
      const shared = ev('note-added', { text: 'first' });
      await t.cases.append(a.caseId, 1, { events: [shared] });
      await expect(
        t.cases.append(b.caseId, 1, { events: [{ ...shared, payload: { text: 'second' } }] }),
      ).rejects.toBeInstanceOf(IdConflictError);
      expect((await t.cases.getCase(b.caseId))!.events).toHaveLength(1);
      expect((await t.cases.getCase(a.caseId))!.events.map((e) => e.payload.text)).toEqual([
        undefined,
        'first',
      ]);
    });

    it("refuses to open a case with another case's event id instead of answering with that case", async () => {
      const a = await t.cases.createCase(opening());
      const { caseId: _c, seq: _s, recordedAt: _r, ...first } = (await t.cases.getCase(a.caseId))!.events[0]!;
      await expect(
        t.cases.createCase(opening({ caseId: 'another-case', events: [first] })),
      ).rejects.toBeInstanceOf(IdConflictError);
    });

    it('still treats the same id on the same case as a retry', async () => {
      const a = await t.cases.createCase(opening({ caseId: 'case-a' }));
      const again = await t.cases.createCase(
        opening({
          caseId: 'case-a',
          events: (await t.cases.getCase('case-a'))!.events.map(
            ({ caseId: _c, seq: _s, recordedAt: _r, ...e }) => e,
          ),
        }),
      );
      expect(again).toMatchObject({ caseId: a.caseId, reference: a.reference });
      const note = ev('note-added', { text: 'once' });
      await t.cases.append(a.caseId, 1, { events: [note] });
      expect(await t.cases.append(a.caseId, 1, { events: [note] })).toEqual({ version: 2, appended: false });
    });

    it("refuses a request id another case uses; both cases stay readable and in the agency's list", async () => {
      const a = await t.cases.createCase(opening());
      const b = await t.cases.createCase(opening());
      await t.cases.append(a.caseId, 1, {
        events: [ev('returns-requested')],
        agencyRequests: [request('req-1')],
      });
      await expect(
        t.cases.append(b.caseId, 1, {
          events: [ev('returns-requested')],
          agencyRequests: [request('req-1')],
        }),
      ).rejects.toBeInstanceOf(IdConflictError);
      expect(await t.cases.getCase(a.caseId)).not.toBeNull();
      expect(await t.cases.getCase(b.caseId)).not.toBeNull();
      const owed = await t.cases.agencyRequests('police');
      expect(owed.items.map((r) => [r.caseId, r.requestId])).toEqual([[a.caseId, 'req-1']]);
      expect((await t.cases.getCase(b.caseId))!.events).toHaveLength(1); // nothing half-written
    });
  });

  describe('the access log', () => {
    it('keeps every entry, newest first, filtered by case or person, paged', async () => {
      for (let i = 1; i <= 5; i++) {
        t.clock.tick();
        await t.accessLog.record({
          personId: i % 2 ? 'spoc-1' : 'police-1',
          action: 'case-viewed',
          caseId: i <= 3 ? 'case-a' : 'case-b',
          reference: i <= 3 ? 'CT-2026-0001' : 'CT-2026-0002',
        });
      }
      await t.accessLog.record({
        personId: 'spoc-1',
        action: 'file-downloaded',
        caseId: 'case-a',
        fileId: 'f-1',
        detail: 'letter',
      });
      const all = await t.accessLog.list();
      expect(all.items).toHaveLength(6);
      expect(all.items[0]).toMatchObject({
        action: 'file-downloaded',
        fileId: 'f-1',
        detail: 'letter',
        at: expect.any(String),
      });
      expect((await t.accessLog.list({ caseId: 'case-b' })).items.map((e) => e.personId)).toEqual([
        'spoc-1',
        'police-1',
      ]);
      expect((await t.accessLog.list({ personId: 'police-1' })).items).toHaveLength(2);
      const first = await t.accessLog.list({ limit: 4 });
      const rest = await t.accessLog.list({ limit: 4, cursor: first.next! });
      expect([...first.items, ...rest.items].map((e) => e.entryId)).toEqual(all.items.map((e) => e.entryId));
      expect(rest.next).toBeNull();
    });

    it('refuses a cursor it did not give out', async () => {
      await expect(t.accessLog.list({ cursor: 'not-a-cursor' })).rejects.toThrow(/cursor/);
    });
  });

  describe('the outbox', () => {
    it('keeps the side effects of an append with it, and hands each entry to one claimer at a time', async () => {
      const a = await t.cases.createCase(opening({ effects: ['case-workspace'] }));
      const note = ev('note-added', { text: 'x' });
      await t.cases.append(a.caseId, 1, { events: [note], effects: ['case-workspace', 'partner-email'] });
      await t.cases.append(a.caseId, 2, { events: [ev('note-added')] }); // no side effects: no entry
      const now = t.clock.now().toISOString();
      const due = await t.outbox.due(now, 10);
      expect(due.map((d) => [d.caseId, d.effects, d.status, d.attempts])).toEqual([
        [a.caseId, ['case-workspace'], 'pending', 0],
        [a.caseId, ['case-workspace', 'partner-email'], 'pending', 0],
      ]);
      expect(due[1]).toMatchObject({ entryId: note.id, eventIds: [note.id], by: 'officer-1', done: [] });

      const lease = new Date(t.clock.now().getTime() + 60_000).toISOString();
      const other = await t.another();
      const claims = await Promise.all([
        t.outbox.claim(note.id, now, lease),
        other.outbox.claim(note.id, now, lease),
      ]);
      await other.close();
      expect(claims.filter(Boolean)).toHaveLength(1);
      // The claimed entry carries what its reactors work from: the reference and the appended events.
      expect(claims.find(Boolean)).toMatchObject({
        attempts: 1,
        nextAttemptAt: lease,
        reference: a.reference,
        events: [{ id: note.id, type: 'note-added', payload: { text: 'x' }, caseId: a.caseId, seq: 2 }],
      });
      // Leased: not due again until the lease runs out (a crashed worker's claim comes back).
      expect((await t.outbox.due(now, 10)).map((d) => d.entryId)).not.toContain(note.id);
      expect((await t.outbox.due(lease, 10)).map((d) => d.entryId)).toContain(note.id);

      await t.outbox.settle(note.id, {
        done: ['case-workspace', 'partner-email'],
        status: 'done',
        nextAttemptAt: lease,
        lastError: null,
      });
      expect((await t.outbox.due(lease, 10)).map((d) => d.entryId)).not.toContain(note.id);
      const kept = await t.outbox.forCase(a.caseId);
      expect(kept.map((k) => k.status)).toEqual(['pending', 'done']);
      expect(kept[1]).toMatchObject({ done: ['case-workspace', 'partner-email'] });
    });

    it('writes no entry for a retried append', async () => {
      const a = await t.cases.createCase(opening());
      const note = ev('note-added');
      await t.cases.append(a.caseId, 1, { events: [note], effects: ['case-workspace'] });
      await t.cases.append(a.caseId, 1, { events: [note], effects: ['case-workspace'] });
      expect(await t.outbox.forCase(a.caseId)).toHaveLength(1);
    });
  });
});

describe('SharePoint start-up with one case that cannot be repaired', () => {
  it('reports and isolates that case; start-up and the other cases go on', async () => {
    const clock = new TestClock();
    const h = await sharePointStore(clock);
    const double = h.double;
    try {
      const logs: string[] = [];
      const open = () => h.open((m) => logs.push(m));
      const store = (await open()).cases;
      // One case whose last append was cut short before its Cases item (mendable) ...
      double.addFault({
        action: 'reset',
        scope: 'batch-item',
        match: (r) => r.method === 'POST' && r.path.includes(double.list('ASB Cases').id),
        times: 1,
      });
      await expect(
        store.createCase({
          openedOn: '2026-03-02',
          events: [ev('application-received', { title: 'mendable' })],
        }),
      ).rejects.toThrow();
      // ... and one whose stored commit cannot be read at all (broken).
      double.seedItems('ASB Case Events', [
        {
          Title: 'broken-case:1',
          CaseId: 'broken-case',
          Seq: 1,
          LastSeq: 1,
          CaseSeq: 'broken-case:1',
          EventId: 'broken-event',
          RecordedAt: clock.now().toISOString(),
          Body: '{"v":1,"events":[{"not":"an event"}]}',
        },
      ]);

      const next = await open(); // must not throw
      expect((await next.cases.listCases()).items.map((c) => c.title)).toEqual(['mendable']);
      expect(logs).toEqual([
        expect.stringMatching(/^case broken-case could not be brought up to date on start-up/),
      ]);
    } finally {
      await double.stop();
    }
  });
});
