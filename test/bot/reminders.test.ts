import { reminderKind } from '../../bot/app/reminders';
import { ThrottledError } from '../../bot/ports/messenger';
import {
  createBotWorld,
  filledForm,
  openCase,
  requestReturns,
  reviewWithActions,
  type BotWorld,
} from './support/bot-world';

const text = (x: unknown) => JSON.stringify(x);

describe('reminderKind', () => {
  it('reminds the working day before, on the day, and after', () => {
    expect(reminderKind({ dueOn: '2026-03-09', workingDaysLeft: 1, overdue: false }, '2026-03-06')).toBe(
      'due-tomorrow',
    );
    expect(reminderKind({ dueOn: '2026-03-09', workingDaysLeft: 0, overdue: false }, '2026-03-09')).toBe(
      'due-today',
    );
    expect(reminderKind({ dueOn: '2026-03-09', workingDaysLeft: -1, overdue: true }, '2026-03-10')).toBe(
      'overdue',
    );
    expect(
      reminderKind({ dueOn: '2026-03-09', workingDaysLeft: 2, overdue: false }, '2026-03-05'),
    ).toBeUndefined();
  });
});

describe('the reminder sweep', () => {
  let world: BotWorld;
  let caseId: string;
  beforeEach(async () => {
    world = createBotWorld({ start: '2026-03-02' });
    ({ caseId } = await openCase(world));
    await requestReturns(world, caseId);
  });
  afterEach(() => world.close());

  const spocAad = () => world.spoc.aadObjectId!;
  const policeAad = () => world.person('police-1').aadObjectId!;
  const icbAad = () => world.person('icb-1').aadObjectId!;

  it('sends nothing while no clock is near', async () => {
    const report = await world.reminders.sweep('2026-03-03');
    expect(report).toMatchObject({ cases: 1, sent: 0 });
  });

  it('reminds the SPOC and each agency the working day before, once, even when swept again', async () => {
    const first = await world.reminders.sweep('2026-03-06'); // Friday; due Monday 9 March
    expect(first).toMatchObject({ cases: 1, sent: 3, alreadySent: 0, paused: false });
    expect(world.messenger.to(spocAad())).toHaveLength(1);
    expect(text(world.messenger.to(spocAad())[0]!.message.card)).toContain(
      'Acknowledge the application, due on the next working day, Mon 9 March 2026',
    );
    expect(text(world.messenger.to(policeAad())[0]!.message.card)).toContain('Return from Police');
    expect(text(world.messenger.to(icbAad())[0]!.message.card)).toContain(
      'Return from Integrated Care Board',
    );

    const again = await world.reminders.sweep('2026-03-06'); // a restart, the same day
    expect(again).toMatchObject({ sent: 0, alreadySent: 3 });
    expect(world.messenger.sent.filter((s) => s.to.kind === 'person')).toHaveLength(3);
  });

  it("records each reminder that went in the case's timeline, once, and shows each agency only its own (issue 15)", async () => {
    await world.reminders.sweep('2026-03-06');
    await world.reminders.sweep('2026-03-06'); // swept again: nothing sent, nothing recorded twice
    const asSpoc = await world.service.getCase(caseId, world.spoc);
    const reminders = asSpoc.state.reminders ?? [];
    expect(reminders.map((r) => `${r.to}:${r.agencyId ?? '-'}:${r.label}:${r.via.join('+')}`).sort()).toEqual(
      [
        'agency:icb:Return from Integrated Care Board:teams',
        'agency:police:Return from Police:teams',
        'spoc:-:Acknowledge the application:teams',
      ],
    );
    const entries = asSpoc.state.timeline.filter((t) => t.type === 'reminder-sent');
    expect(entries).toHaveLength(3);
    expect(asSpoc.people[entries[0]!.actor]).toBe('Reminders (ASB Case Review)');
    const asPolice = await world.service.getCase(caseId, world.person('police-1'));
    expect(asPolice.state.reminders?.map((r) => r.label)).toEqual(['Return from Police']);
    expect(asPolice.state.timeline.filter((t) => t.type === 'reminder-sent')).toHaveLength(1);
  });

  it('reminds the owning agency of an action due, like a return, and records it (issue 15)', async () => {
    // The ICB's action in the review's plan is a health visit, due Monday 16 March.
    await reviewWithActions(world, caseId);
    const before = world.messenger.to(icbAad()).length;
    await world.reminders.sweep('2026-03-13'); // Friday; the action is due Monday 16 March
    const cards = world.messenger
      .to(icbAad())
      .slice(before)
      .map((s) => text(s.message.card));
    expect(cards.some((c) => c.includes('Action: Health visit') && c.includes('Update the action'))).toBe(
      true,
    );
    const view = await world.service.getCase(caseId, world.spoc);
    expect(view.state.reminders?.map((r) => r.label)).toContain('Action: Health visit');
  });

  it('reminds again on the day and when overdue, and stops when the return is in', async () => {
    await world.reminders.sweep('2026-03-06');
    world.at('2026-03-09');
    await world.reminders.sweep('2026-03-09');
    expect(text(world.messenger.to(policeAad()).at(-1)!.message.card)).toContain('Due today');
    await world.cardAction('submitReturn', filledForm(caseId), world.person('police-1'));
    world.at('2026-03-10');
    await world.reminders.sweep('2026-03-10');
    expect(world.messenger.to(policeAad())).toHaveLength(2); // no overdue reminder: Police returned
    expect(text(world.messenger.to(icbAad()).at(-1)!.message.card)).toContain('1 working day overdue');
  });

  it('sends the SPOC one digest card when several duties are due', async () => {
    await openCase(world, { title: 'Second case' });
    await world.reminders.sweep('2026-03-06');
    const toSpoc = world.messenger.to(spocAad());
    expect(toSpoc).toHaveLength(1);
    const card = text(toSpoc[0]!.message.card);
    expect(card).toContain('Your ASB case review deadlines');
    expect(card).toContain('CT-2026-0001: Acknowledge the application');
    expect(card).toContain('CT-2026-0002: Acknowledge the application');
  });

  it('mentions agency members it cannot reach in personal chat in the case channel instead', async () => {
    world.messenger.unreachable.add(icbAad());
    await world.reminders.sweep('2026-03-06');
    const mention = world.messenger.inChannel().find((s) => s.message.mentions?.length)!;
    expect(mention.message.mentions).toEqual([
      { aadObjectId: icbAad(), name: 'Tom Evans (Integrated Care Board)' },
    ]);
    expect(mention.message.text).toContain('<at>Tom Evans (Integrated Care Board)</at>');
  });

  it('pauses when Teams keeps throttling, then carries on', async () => {
    world.messenger.failNext.push(new ThrottledError(2000), new ThrottledError(2000));
    const report = await world.reminders.sweep('2026-03-06');
    expect(report).toMatchObject({ sent: 3, paused: false });
    expect(world.sleeps).toEqual([5000, 10000]);
  });

  it('stops the sweep after repeated throttling, leaving the rest unclaimed for the next run', async () => {
    world.messenger.failNext.push(...Array.from({ length: 10 }, () => new ThrottledError(1000)));
    const report = await world.reminders.sweep('2026-03-06');
    expect(report.paused).toBe(true);
    expect(world.sleeps).toHaveLength(3);
  });

  it('finishes a half-made case workspace on the next sweep', async () => {
    world.workspace.failCreate = new Error('Graph unavailable');
    const second = await openCase(world, { title: 'Second case' });
    world.workspace.failCreate = undefined;
    await world.reminders.sweep('2026-03-03');
    const state = world.service.reduce((await world.stores.cases.getCase(second.caseId))!);
    expect(state.teamsChannel?.cardActivityId).toBeDefined();
  });
});

describe('two instances sharing one SQLite store', () => {
  it('send each reminder once between them', async () => {
    const a = createBotWorld({ start: '2026-03-02' });
    const b = createBotWorld({ start: '2026-03-02', dataDir: a.dataDir });
    try {
      for (let i = 0; i < 5; i++) {
        const { caseId } = await openCase(a, { title: `Case ${i}` });
        await requestReturns(a, caseId, undefined, undefined, `-${i}`);
      }
      a.at('2026-03-06');
      b.at('2026-03-06');
      const [ra, rb] = await Promise.all([a.reminders.sweep('2026-03-06'), b.reminders.sweep('2026-03-06')]);
      const personal = [...a.messenger.sent, ...b.messenger.sent].filter((s) => s.to.kind === 'person');
      // 5 cases x (Police + ICB) agency reminders, and the SPOC's duties in one or two digests at most.
      const agency = personal.filter(
        (s) => s.to.kind === 'person' && s.to.aadObjectId !== a.spoc.aadObjectId,
      );
      expect(agency).toHaveLength(10);
      const keys = agency.map((s) => text(s.message.card) + (s.to.kind === 'person' ? s.to.aadObjectId : ''));
      expect(new Set(keys).size).toBe(10);
      const spocItems = personal
        .filter((s) => s.to.kind === 'person' && s.to.aadObjectId === a.spoc.aadObjectId)
        .map((s) => (text(s.message.card).match(/Acknowledge the application/g) ?? []).length)
        .reduce((x, y) => x + y, 0);
      expect(spocItems).toBe(5);
      // Each of the 15 reminders was claimed by one instance and found taken by the other.
      expect(ra.alreadySent + rb.alreadySent).toBe(15);
      // And a third sweep by either finds everything sent.
      const rc = await b.reminders.sweep('2026-03-06');
      expect(rc.sent).toBe(0);
    } finally {
      await b.close();
      await a.close();
    }
  });
});

describe('remind now', () => {
  let world: BotWorld;
  let caseId: string;
  beforeEach(async () => {
    world = createBotWorld({ start: '2026-03-02' });
    ({ caseId } = await openCase(world));
    await requestReturns(world, caseId);
  });
  afterEach(() => world.close());

  it('reminds the agency at once, not deduplicated by day, but at most once a minute per request', async () => {
    expect(await world.reminders.remindNow(caseId, 'req-police', world.spoc)).toEqual({ sent: 1 });
    const card = text(world.messenger.to(world.person('police-1').aadObjectId!)[0]!.message.card);
    expect(card).toContain('Reminder: CT-2026-0001');
    await expect(world.reminders.remindNow(caseId, 'req-police', world.spoc)).rejects.toThrow(
      /less than a minute ago/,
    );
    expect(await world.reminders.remindNow(caseId, 'req-icb', world.spoc)).toEqual({ sent: 1 });
    world.at('2026-03-02T10:01:30Z');
    expect(await world.reminders.remindNow(caseId, 'req-police', world.spoc)).toEqual({ sent: 1 });
  });

  it('refuses a request already returned', async () => {
    await world.cardAction('submitReturn', filledForm(caseId), world.person('police-1'));
    await expect(world.reminders.remindNow(caseId, 'req-police', world.spoc)).rejects.toThrow(
      /already returned/,
    );
  });
});
