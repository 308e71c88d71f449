import { z } from 'zod';
import { BOT_PERSON, channelName } from '../../bot/app/case-workspace';
import { stableUuid } from '../../bot/app/stable-uuid';
import type { CardJson } from '../../bot/ports/messenger';
import {
  createBotWorld,
  filledForm,
  openCase,
  requestReturns,
  VICTIM_NAME,
  type BotWorld,
} from './support/bot-world';

const text = (card: CardJson | undefined) => JSON.stringify(card ?? {});
const cardOf = (r: unknown) => (r as { card: CardJson }).card;

describe('stableUuid and channelName', () => {
  it('derives the same valid UUID from the same parts, and another from other parts', () => {
    const a = stableUuid('case-1', 'channel-created');
    expect(z.uuid().safeParse(a).success).toBe(true);
    expect(stableUuid('case-1', 'channel-created')).toBe(a);
    expect(stableUuid('case-1', 'case-card-posted')).not.toBe(a);
  });

  it('names the channel by reference and title when both fit in 50 characters, else by reference', () => {
    expect(channelName('CT-2026-0001', 'Noise, Example Road area')).toBe(
      'CT-2026-0001 Noise, Example Road area',
    );
    expect(channelName('CT-2026-0001', 'A very long description of the behaviour on the estate')).toBe(
      'CT-2026-0001',
    );
    expect(channelName('CT-2026-0001', undefined)).toBe('CT-2026-0001');
    expect(channelName('CT-2026-0001', 'Noise #3: flats / "B" block?')).toBe(
      'CT-2026-0001 Noise 3 flats B block',
    );
  });

  it('leaves the title out when it carries a name given for the victim or applicant', () => {
    expect(channelName('CT-2026-0001', 'Noise at Alice’s flat', ['Alice Example'])).toBe('CT-2026-0001');
    expect(channelName('CT-2026-0001', 'Example Road noise', ['Alice Example'])).toBe('CT-2026-0001');
    expect(channelName('CT-2026-0001', 'Noise, Sample Road', ['Alice Example'])).toBe(
      'CT-2026-0001 Noise, Sample Road',
    );
  });
});

describe('a channel per case', () => {
  let world: BotWorld;
  beforeEach(() => {
    world = createBotWorld();
  });
  afterEach(() => world.close());

  it('creates the channel and posts the case card when an application is recorded, each step an event', async () => {
    const { caseId, reference } = await openCase(world);
    expect(world.workspace.channels).toEqual([
      { channelId: '19:1@thread.tacv2', name: `${reference} Noise, Example Road area` },
    ]);
    const posted = world.messenger.inChannel();
    expect(posted).toHaveLength(1);
    expect(posted[0]!.to).toEqual({ kind: 'channel', channelId: '19:1@thread.tacv2' });
    expect(text(posted[0]!.message.card)).toContain(reference);
    expect(text(posted[0]!.message.card)).not.toContain(VICTIM_NAME);

    const events = (await world.stores.cases.getCase(caseId))!.events;
    const steps = events.filter((e) => e.actor === BOT_PERSON.id);
    expect(steps.map((e) => [e.type, e.id])).toEqual([
      ['channel-created', stableUuid(caseId, 'channel-created')],
      ['case-card-posted', stableUuid(caseId, 'case-card-posted')],
    ]);
    expect(steps[1]!.payload).toEqual({ channelId: '19:1@thread.tacv2', activityId: '1' });
  });

  it('resumes after a crash between steps without a second channel or card', async () => {
    world.messenger.failNext.push(new Error('connector down'));
    const { caseId } = await openCase(world);
    // The channel was made and recorded; the card was not posted.
    let state = world.service.reduce((await world.stores.cases.getCase(caseId))!);
    expect(state.teamsChannel?.cardActivityId).toBeUndefined();
    expect(world.logs.join('\n')).toMatch(
      /outbox entry .* will be retried \(attempt 1\): case-workspace: Error: connector down/,
    );
    const [entry] = await world.stores.outbox.forCase(caseId);
    expect(entry).toMatchObject({ status: 'pending', attempts: 1, done: [] });

    // The outbox tries again once its backoff has passed, and finishes where the crash stopped.
    world.at('2026-03-02T11:00:00Z');
    world.deliveries.kick();
    await world.deliveries.idle();
    expect((await world.stores.outbox.forCase(caseId))[0]).toMatchObject({
      status: 'done',
      attempts: 2,
      done: ['case-workspace'],
    });
    await world.caseWorkspace.ensure(caseId); // and again: nothing more to do
    state = world.service.reduce((await world.stores.cases.getCase(caseId))!);
    expect(state.teamsChannel?.cardActivityId).toBe('1');
    expect(world.workspace.created).toBe(1);
    expect(world.messenger.inChannel()).toHaveLength(1);
  });

  it('finds a channel made before a crash (not yet recorded) instead of making another', async () => {
    // Another run made the channel, then crashed before recording it.
    world.workspace.channels.push({
      channelId: '19:made-earlier@thread.tacv2',
      name: 'CT-2026-0001 Noise, Example Road area',
    });
    const { caseId } = await openCase(world);
    expect(world.workspace.created).toBe(0);
    const state = world.service.reduce((await world.stores.cases.getCase(caseId))!);
    expect(state.teamsChannel?.channelId).toBe('19:made-earlier@thread.tacv2');
  });

  it('does not post a second case card when the card went out but was not recorded', async () => {
    const original = world.service.recordEvent.bind(world.service);
    let crashed = false;
    world.service.recordEvent = async (caseId, input, by) => {
      if (!crashed && (input as { type?: string }).type === 'case-card-posted') {
        crashed = true;
        throw new Error('crash after posting');
      }
      return original(caseId, input, by);
    };
    const { caseId } = await openCase(world);
    expect(crashed).toBe(true);
    await world.caseWorkspace.ensure(caseId);
    expect(world.messenger.inChannel()).toHaveLength(1);
    const state = world.service.reduce((await world.stores.cases.getCase(caseId))!);
    expect(state.teamsChannel?.cardActivityId).toBe('1');
  });

  it('sets up a case opened elsewhere with "open case <reference>", for a SPOC only', async () => {
    world.workspace.failCreate = new Error('Graph unavailable');
    const { caseId, reference } = await openCase(world);
    world.workspace.failCreate = undefined;
    await expect(world.caseWorkspace.openByReference(reference, world.person('police-1'))).rejects.toThrow(
      /Only a SPOC/,
    );
    await expect(world.caseWorkspace.openByReference('CT-2026-0999', world.spoc)).rejects.toThrow(/no case/);
    const answer = await world.caseWorkspace.openByReference(reference.toLowerCase(), world.spoc);
    expect(answer).toContain('is ready');
    const state = world.service.reduce((await world.stores.cases.getCase(caseId))!);
    expect(state.teamsChannel?.cardActivityId).toBeDefined();
  });
});

describe('agency returns in Adaptive Cards', () => {
  let world: BotWorld;
  let caseId: string;
  beforeEach(async () => {
    world = createBotWorld();
    ({ caseId } = await openCase(world));
    await requestReturns(world, caseId);
  });
  afterEach(() => world.close());

  const police = () => world.person('police-1');
  const icb = () => world.person('icb-1');

  it('posts a return card per agency in the case channel, read-only, refreshed for the agency and the SPOC', async () => {
    const cards = world.messenger.inChannel().slice(1);
    expect(cards).toHaveLength(2);
    const policeCard = cards.find((c) => text(c.message.card).includes('Police: incident information'))!
      .message.card!;
    expect(policeCard.version).toBe('1.5');
    expect(policeCard.refresh).toEqual({
      action: { type: 'Action.Execute', verb: 'refreshReturn', data: { caseId, requestId: 'req-police' } },
      userIds: [`29:${police().aadObjectId}`, `29:${world.spoc.aadObjectId}`],
    });
    expect(text(policeCard)).toContain('Due by Mon 9 March 2026');
    expect(text(policeCard)).toContain('Incident 1: Mon 5 January 2026');
    expect(text(policeCard)).not.toContain('Input.');
    expect(text(policeCard)).not.toContain(VICTIM_NAME);
  });

  it('gives each person their own view: the form to the agency, read-only to another agency, answers to the SPOC', async () => {
    const mine = cardOf(
      await world.cardAction('refreshReturn', { caseId, requestId: 'req-police' }, police()),
    );
    expect(text(mine)).toContain('"id":"holds_1"');
    expect(text(mine)).toContain('submitReturn');
    const other = cardOf(await world.cardAction('refreshReturn', { caseId, requestId: 'req-police' }, icb()));
    expect(text(other)).not.toContain('Input.');
    expect(text(other)).toContain('only members of Police answer it');
    const spoc = cardOf(
      await world.cardAction('refreshReturn', { caseId, requestId: 'req-police' }, world.spoc),
    );
    expect(text(spoc)).not.toContain('Input.');
  });

  it('records a valid return, shows who returned what and when, and refreshes the card for everyone', async () => {
    const result = cardOf(await world.cardAction('submitReturn', filledForm(caseId), police()));
    expect(text(result)).toContain('Returned by Priya Shah (Police) on Mon 2 March 2026: on time');
    expect(text(result)).toContain(
      'Record held; ref PC/2026/001; reported Mon 5 January 2026; action: Officer attended',
    );
    expect(text(result)).toContain('Correct the return');

    const events = (await world.stores.cases.getCase(caseId))!.events.filter(
      (e) => e.type === 'return-received',
    );
    expect(events).toHaveLength(1);
    expect(events[0]!.id).toBe(stableUuid('return-received', caseId, 'req-police', 'sub-1'));
    expect(events[0]!.payload).toMatchObject({
      requestId: 'req-police',
      agencyId: 'police',
      receivedOn: '2026-03-02',
      submittedBy: 'police-1',
    });

    await world.deliveries.idle(); // the card is refreshed for everyone after the answer
    await world.caseWorkspace.idle();
    const update = world.messenger.updates.find((u) =>
      text(u.message.card).includes('Police: incident information'),
    )!;
    expect(update.delivery).toEqual(
      world.messenger.inChannel().find((c) => text(c.message.card).includes('Police: incident'))!.delivery,
    );
    // Everyone sees that it came and when; the answers stay with the agency and the SPOC.
    expect(text(update.message.card)).toContain('Returned by Priya Shah (Police)');
    expect(text(update.message.card)).not.toContain('PC/2026/001');
    const other = cardOf(await world.cardAction('refreshReturn', { caseId, requestId: 'req-police' }, icb()));
    expect(text(other)).toContain('Returned by Priya Shah (Police)');
    expect(text(other)).not.toContain('PC/2026/001');
  });

  it('records nothing twice when the same invoke arrives again', async () => {
    await world.cardAction('submitReturn', filledForm(caseId), police());
    const again = cardOf(await world.cardAction('submitReturn', filledForm(caseId), police()));
    expect(text(again)).toContain('Returned by');
    const events = (await world.stores.cases.getCase(caseId))!.events.filter(
      (e) => e.type === 'return-received',
    );
    expect(events).toHaveLength(1);
  });

  it('returns the card with errors beside the fields, keeping what was typed, and records nothing', async () => {
    const form = filledForm(caseId, 'sub-2', {
      holds_1: '',
      reportedOn_2: '2026-03-09',
      reference_2: 'X1',
      holds_2: 'yes',
    });
    const card = cardOf(await world.cardAction('submitReturn', form, police()));
    const json = text(card);
    expect(json).toContain('Say whether you hold a record of this incident.');
    expect(json).toContain('The date reported cannot be after today (Mon 2 March 2026).');
    expect(json).toContain('"value":"PC/2026/001"'); // typed input kept
    expect(json).toContain('"value":"X1"');
    expect(json).toContain('"submissionId":"sub-2"');
    expect(json).toContain('Check the answers marked below.');
    expect((await world.stores.cases.getCase(caseId))!.events.some((e) => e.type === 'return-received')).toBe(
      false,
    );
  });

  it('accepts a late return and marks it late', async () => {
    world.at('2026-03-11'); // due Mon 9 March: two working days late
    const card = cardOf(await world.cardAction('submitReturn', filledForm(caseId, 'late'), police()));
    expect(text(card)).toContain('on Wed 11 March 2026: received 2 working days late');
  });

  it('says an awaited return is overdue on the card', async () => {
    world.at('2026-03-12');
    const card = cardOf(
      await world.cardAction('refreshReturn', { caseId, requestId: 'req-icb' }, world.spoc),
    );
    expect(text(card)).toContain('now 3 working days late');
  });

  it('lets only the requested agency submit: another agency gets its read-only view', async () => {
    const card = cardOf(await world.cardAction('submitReturn', { ...filledForm(caseId) }, icb()));
    expect(text(card)).not.toContain('Input.');
    expect((await world.stores.cases.getCase(caseId))!.events.some((e) => e.type === 'return-received')).toBe(
      false,
    );
  });

  it('lets the agency correct its return from a prefilled form', async () => {
    await world.cardAction('submitReturn', filledForm(caseId), police());
    const form = cardOf(await world.cardAction('editReturn', { caseId, requestId: 'req-police' }, police()));
    expect(text(form)).toContain('"value":"PC/2026/001"');
    const submissionId = /"submissionId":"([^"]+)"/.exec(text(form))![1]!;
    const corrected = cardOf(
      await world.cardAction(
        'submitReturn',
        filledForm(caseId, submissionId, { reference_1: 'PC/2026/002' }),
        police(),
      ),
    );
    expect(text(corrected)).toContain('Corrected by Priya Shah (Police)');
    expect(text(corrected)).toContain('PC/2026/002');
  });

  it('answers a card that is not ours, or a request that is gone, with a message', async () => {
    expect(await world.cardAction('refreshReturn', {}, police())).toHaveProperty('message');
    expect(await world.cardAction('refreshReturn', { caseId, requestId: 'nope' }, police())).toEqual({
      message: 'This return request no longer exists.',
    });
  });

  it('posts the card again when its message is gone', async () => {
    const { UnreachableError } = await import('../../bot/ports/messenger');
    world.messenger.update = async () => {
      throw new UnreachableError('gone');
    };
    const before = world.messenger.inChannel().length;
    await world.caseWorkspace.refreshReturnCard(caseId, 'req-police');
    expect(world.messenger.inChannel()).toHaveLength(before + 1);
  });
});
