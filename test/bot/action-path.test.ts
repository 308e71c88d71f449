/**
 * Issue 15, point 4: the owning agency updates its action from the reminder's card, through the real bot
 * (SQLite store, the real rules, the card verbs as the Teams adapter routes them; Teams faked). One read
 * and one append per save, recorded once however often Teams delivers it, shown in the timeline under
 * the person who saved and in the action plan the tab reads.
 */
import { randomUUID } from 'node:crypto';
import { caseListQuery } from '../../bot/api/cases';
import { NO_SUCH_ACTION } from '../../bot/app/action-cards';
import { answerCommand, commandDeps } from '../../bot/app/bot-commands';
import type { CardJson } from '../../bot/ports/messenger';
import { createBotWorld, openCase, reviewWithActions, VICTIM_NAME, type BotWorld } from './support/bot-world';

const text = (x: unknown) => JSON.stringify(x);
const target = (caseId: string, actionId = 'act-police') => ({ caseId, actionId });

/** The submission id the card's Save carries. */
function submissionOf(answer: unknown): string {
  const card = (answer as { card: CardJson }).card;
  const save = (card.actions as { verb?: string; data?: { submissionId?: string } }[]).find(
    (a) => a.verb === 'saveAction',
  );
  if (!save?.data?.submissionId) throw new Error(`no Save on the card: ${text(answer)}`);
  return save.data.submissionId;
}

describe('an action updated from its card', () => {
  let world: BotWorld;
  let caseId: string;
  let reference: string;

  beforeEach(async () => {
    world = createBotWorld({ start: '2026-03-02' });
    ({ caseId, reference } = await openCase(world));
    await reviewWithActions(world, caseId);
  });
  afterEach(() => world.close());

  const police = () => world.person('police-1');

  it("is reminded with a card the agency's members and the SPOC refresh into their own view", async () => {
    world.at('2026-03-17');
    await world.reminders.sweep('2026-03-17'); // the day after it was due
    const sent = world.messenger.to(police().aadObjectId!);
    const card = sent.map((s) => s.message.card).find((c) => text(c).includes('Patrols on Example Road'));
    expect(card).toBeDefined();
    expect(text(card)).toContain(`Overdue: ${reference}`);
    expect(text(card)).toContain('"verb":"refreshAction"');
    expect((card!.refresh as { userIds: string[] }).userIds).toEqual(
      expect.arrayContaining([`29:${police().aadObjectId}`, `29:${world.spoc.aadObjectId}`]),
    );
    expect((card!.refresh as { userIds: string[] }).userIds).not.toContain(
      `29:${world.person('icb-1').aadObjectId}`,
    );
    // The ICB's own action came to the ICB, never the police's.
    const toIcb = world.messenger.to(world.person('icb-1').aadObjectId!).map((s) => text(s.message.card));
    expect(toIcb.some((c) => c.includes('Health visit'))).toBe(true);
    expect(toIcb.some((c) => c.includes('Patrols'))).toBe(false);
  });

  it('saves status, note and a new due date with one read and one append, and shows who did it', async () => {
    world.at('2026-03-10T11:00:00Z');
    const form = await world.cardAction('refreshAction', target(caseId), police());
    expect(text(form)).toContain('"id":"status"');
    expect(text(form)).not.toContain(VICTIM_NAME);
    expect(text(form)).not.toContain('alice@example.org');
    expect(text(form)).not.toContain('Health visit');
    const getCase = jest.spyOn(world.stores.cases, 'getCase');
    const append = jest.spyOn(world.stores.cases, 'append');
    const data = {
      ...target(caseId),
      submissionId: submissionOf(form),
      status: 'in-progress',
      note: 'Two evening patrols done.',
      dueOn: '2026-03-30',
    };
    const answer = await world.cardAction('saveAction', data, police(), 'invoke-1');
    expect(getCase).toHaveBeenCalledTimes(1);
    expect(append).toHaveBeenCalledTimes(1);
    expect(text(answer)).toContain('Updated by Priya Shah (Police), 10 March 2026');
    expect(text(answer)).toContain('"value":"In progress"');
    expect(text(answer)).toContain('Latest note: Two evening patrols done.');

    // Teams delivers the same invoke again: answered, nothing recorded twice.
    const again = await world.cardAction('saveAction', data, police(), 'invoke-1');
    expect(text(again)).toContain('Updated by Priya Shah');
    const detail = await world.service.getCase(caseId, world.spoc);
    expect(detail.state.actions.find((a) => a.id === 'act-police')).toMatchObject({
      status: 'in-progress',
      dueOn: '2026-03-30',
    });
    const updates = detail.state.timeline.filter((t) => t.type === 'action-updated');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.actor).toBe('police-1');
    expect(detail.people['police-1']).toBe('Priya Shah (Police)');

    // A later refresh shows the same state, with the form for the next update.
    const later = await world.cardAction('refreshAction', target(caseId), police());
    expect(text(later)).toContain('Updated by Priya Shah (Police), 10 March 2026');
    expect(text(later)).toContain('"id":"note"');
  });

  it('answers a note too long or a date in the past in the card, and writes nothing', async () => {
    world.at('2026-03-10');
    const form = await world.cardAction('refreshAction', target(caseId), police());
    const before = (await world.stores.cases.getCase(caseId))!.events.length;
    const past = await world.cardAction(
      'saveAction',
      { ...target(caseId), submissionId: submissionOf(form), status: 'complete', dueOn: '2026-03-09' },
      police(),
    );
    expect(text(past)).toContain(
      'The new due date cannot be in the past: choose today (10 March 2026) or later.',
    );
    expect(text(past)).toContain('Nothing was saved.');
    const long = await world.cardAction(
      'saveAction',
      { ...target(caseId), submissionId: submissionOf(form), status: 'complete', note: 'x'.repeat(1500) },
      police(),
    );
    expect(text(long)).toContain('Shorten the note to 1,000 characters or fewer (it has 1,500)');
    expect((await world.stores.cases.getCase(caseId))!.events.length).toBe(before);
  });

  it('gives anyone but the owning agency and the officers the bare answer', async () => {
    const form = await world.cardAction('refreshAction', target(caseId), police());
    const submissionId = submissionOf(form);
    const icb = world.person('icb-1'); // on the case, another agency's action
    for (const verb of ['refreshAction', 'editAction']) {
      const answer = await world.cardAction(verb, target(caseId), icb);
      expect(answer).toEqual({ message: NO_SUCH_ACTION });
    }
    const tried = await world.cardAction(
      'saveAction',
      { ...target(caseId), submissionId, status: 'dropped' },
      icb,
    );
    expect(tried).toEqual({ message: NO_SUCH_ACTION });
    expect(await world.cardAction('refreshAction', target(caseId, 'act-none'), police())).toEqual({
      message: NO_SUCH_ACTION,
    });
    // The SPOC may update any action; the ICB's own is the ICB's to update.
    expect(text(await world.cardAction('refreshAction', target(caseId), world.spoc))).toContain(
      '"id":"status"',
    );
    expect(text(await world.cardAction('refreshAction', target(caseId, 'act-icb'), icb))).toContain(
      'Health visit',
    );
    const state = (await world.service.getCase(caseId, world.spoc)).state;
    expect(state.actions.find((a) => a.id === 'act-police')!.status).toBe('open');
  });

  it('brings an agency given an action onto the case: it finds and reads the case and updates its action from the card', async () => {
    // The housing provider was never asked for a return; the SPOC gives it an action after the review.
    const housing = world.person('housing-1');
    await expect(world.service.getCase(caseId, housing)).rejects.toThrow();
    await world.service.recordEvent(
      caseId,
      {
        id: randomUUID(),
        type: 'action-updated',
        payload: {
          actionId: 'act-housing',
          status: 'open',
          description: 'Check the tenancy terms with the neighbour',
          ownerAgency: 'housing',
          dueOn: '2026-03-16',
        },
      },
      world.spoc,
    );
    const seen = (await world.service.getCase(caseId, housing)).state;
    expect(seen.actions.map((a) => a.id)).toContain('act-housing');
    expect(text(seen)).not.toContain(VICTIM_NAME);
    const listed = await world.service.listCases(caseListQuery.parse({}), housing);
    expect(listed.items.map((c) => c.caseId)).toContain(caseId);
    const form = await world.cardAction('refreshAction', target(caseId, 'act-housing'), housing);
    const saved = await world.cardAction(
      'saveAction',
      {
        ...target(caseId, 'act-housing'),
        submissionId: submissionOf(form),
        status: 'complete',
        note: 'Visited.',
      },
      housing,
    );
    expect(text(saved)).toContain('Updated by');
    const state = (await world.service.getCase(caseId, world.spoc)).state;
    expect(state.actions.find((a) => a.id === 'act-housing')!.status).toBe('complete');
  });

  it("lists the agency's open actions in its 'due', and not once they are complete", async () => {
    const deps = commandDeps(world.service, world.stores.cases, async () => 'ok');
    const due = async () => text(await answerCommand({ kind: 'due' }, police(), deps));
    expect(await due()).toContain(`${reference}: Action: Patrols on Example Road`);
    expect(await due()).not.toContain('Health visit'); // the ICB's, not the police's
    const form = await world.cardAction('refreshAction', target(caseId), police());
    await world.cardAction(
      'saveAction',
      { ...target(caseId), submissionId: submissionOf(form), status: 'complete', note: 'Done.' },
      police(),
    );
    expect(await due()).not.toContain('Patrols on Example Road');
  });
});
