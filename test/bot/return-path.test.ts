/**
 * The return path done once (issue 14, point 6): a return from the card reads its case once and appends
 * once, and the side effects after the answer work from the appended events, not from the case read again.
 */
import type { RecordedChange } from '../../bot/app/reactors';
import { createBotWorld, filledForm, openCase, requestReturns, type BotWorld } from './support/bot-world';

describe('a return from the card', () => {
  let world: BotWorld;
  beforeEach(() => {
    world = createBotWorld();
  });
  afterEach(() => world.close());

  it('reads the case once and appends once', async () => {
    const { caseId } = await openCase(world);
    await requestReturns(world, caseId);
    const getCase = jest.spyOn(world.stores.cases, 'getCase');
    const append = jest.spyOn(world.stores.cases, 'append');
    const answer = await world.cardAction('submitReturn', filledForm(caseId), world.person('police-1'));
    expect(JSON.stringify(answer)).toContain('Returned by Priya Shah (Police)');
    expect(getCase).toHaveBeenCalledTimes(1);
    expect(append).toHaveBeenCalledTimes(1);
    expect(append.mock.calls[0]![1]).toBe((await world.stores.cases.getCase(caseId))!.projection.version - 1);
  });

  it('still records it once when another change lands between the read and the append', async () => {
    const { caseId } = await openCase(world);
    await requestReturns(world, caseId);
    const append = world.stores.cases.append.bind(world.stores.cases);
    let raced = false;
    jest.spyOn(world.stores.cases, 'append').mockImplementation(async (id, version, change) => {
      if (!raced) {
        raced = true; // the SPOC adds a note just before the return is stored
        await world.service.recordEvent(
          caseId,
          {
            id: '0d9a1f3e-3b8e-4c1f-9a51-7f3c2a1b0c01',
            type: 'note-added',
            payload: { text: 'Chased by phone.' },
          },
          world.spoc,
        );
      }
      return append(id, version, change);
    });
    await world.cardAction('submitReturn', filledForm(caseId), world.person('police-1'));
    const types = (await world.stores.cases.getCase(caseId))!.events.map((e) => e.type);
    expect(types.filter((t) => t === 'return-received')).toHaveLength(1);
    expect(types.slice(-2)).toEqual(['note-added', 'return-received']);
  });

  it('is delivered to the reactors from the appended events, without reading the case again', async () => {
    const { caseId, reference } = await openCase(world);
    await requestReturns(world, caseId);
    const getCase = jest.spyOn(world.stores.cases, 'getCase');
    const seen: { change: RecordedChange; readsBefore: number }[] = [];
    world.reactors.register({
      name: 'recorder',
      wants: (events) => events.some((e) => e.type === 'return-received'),
      react: async (change) => void seen.push({ change, readsBefore: getCase.mock.calls.length }),
    });
    await world.cardAction('submitReturn', filledForm(caseId), world.person('police-1'));
    const readsByTheReturn = getCase.mock.calls.length;
    await world.deliveries.idle();
    expect(seen).toHaveLength(1);
    expect(seen[0]!.readsBefore).toBe(readsByTheReturn);
    expect(seen[0]!.change).toMatchObject({
      caseId,
      reference,
      by: { id: 'police-1' },
      events: [{ type: 'return-received', payload: { requestId: 'req-police', agencyId: 'police' } }],
    });
  });
});
