/**
 * The action card (issue 15): what each person sees, that it is a card Teams renders, and how the form's
 * inputs become an `action-updated` payload or a message in the council's words.
 */
import { NOT_OUR_CARD, actionCardRoutes, runCardAction } from '../../bot/adapters/teams/card-actions';
import type { Person } from '../../bot/api/contract';
import {
  ACTION_NOTE_MAX,
  actionCard,
  actionCardData,
  parseActionSubmission,
  type ActionView,
} from '../../bot/cards/action-card';
import { CARD_BUDGET_BYTES, cardBytes } from '../../bot/cards/return-card';
import type { CardJson } from '../../bot/ports/messenger';
import { cardProblems } from './support/validate-card';

const view: ActionView = {
  caseId: 'case-1',
  reference: 'CT-2026-0001',
  actionId: 'act-1',
  description: 'Patrols on Example Road at night',
  agencyName: 'Police',
  ownerPerson: 'PC Jones',
  dueOn: '2026-03-09',
  today: '2026-03-10',
  workingDaysLeft: -1,
  status: 'open',
};
const text = (card: CardJson) => JSON.stringify(card);
const save = (extra: Record<string, string>) =>
  actionCardData.saveAction.parse({ caseId: 'case-1', actionId: 'act-1', status: 'open', ...extra });

describe('the action card', () => {
  const cards: [string, CardJson][] = [
    ['reminder in a personal chat', actionCard(view, { mode: 'summary', kind: 'overdue', private: true })],
    ['reminder in the channel', actionCard(view, { mode: 'summary', kind: 'overdue', private: false })],
    ['form', actionCard(view, { mode: 'form', submissionId: 'sub-1' }, ['29:a'])],
    [
      'form with errors',
      actionCard(view, {
        mode: 'form',
        submissionId: 'sub-1',
        values: { status: 'in-progress', note: 'x', dueOn: '2026-03-01' },
        errors: { dueOn: 'The new due date cannot be in the past.' },
        formError: 'Nothing was saved.',
      }),
    ],
    [
      'saved',
      actionCard(
        {
          ...view,
          status: 'complete',
          lastUpdate: { byName: 'Priya Shah', on: '2026-03-10', note: 'Done.' },
        },
        { mode: 'detail', canEdit: true },
      ),
    ],
  ];

  it.each(cards)('%s parses and validates with the adaptivecards library, version 1.5', (_name, card) => {
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    expect(text(card)).not.toMatch(/\$\{/);
    for (const action of (card.actions ?? []) as { type: string; verb?: string; fallback?: unknown }[])
      if (action.type === 'Action.Execute') {
        expect(action.fallback).toMatchObject({ type: 'Action.Submit', data: { verb: action.verb } });
      }
  });

  it('names the action in a personal chat, and only the agency in the case channel', () => {
    const [, personal] = cards[0]!;
    const [, channel] = cards[1]!;
    expect(text(personal)).toContain('Overdue: CT-2026-0001');
    expect(text(personal)).toContain('Action: Patrols on Example Road at night, 1 working day overdue');
    expect(text(channel)).not.toContain('Patrols');
    expect(text(channel)).toContain('An action for Police is 1 working day overdue');
    for (const [, card] of [cards[0]!, cards[1]!]) {
      expect(card.actions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ verb: 'refreshAction', title: 'Update the action' }),
        ]),
      );
      expect(text(card)).not.toContain('Input.');
    }
  });

  it("offers the tab's status words, the note and a due date not before today, and a Save", () => {
    const [, form] = cards[2]!;
    const t = text(form);
    for (const word of ['Open', 'In progress', 'Complete', 'Dropped'])
      expect(t).toContain(`"title":"${word}"`);
    expect(t).toContain('"id":"note"');
    expect(t).toContain(`"maxLength":${ACTION_NOTE_MAX}`);
    expect(t).toContain('"min":"2026-03-10"');
    expect(t).toContain('New due date (leave blank to keep Mon 9 March 2026)');
    expect(form.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          verb: 'saveAction',
          title: 'Save',
          data: expect.objectContaining({ submissionId: 'sub-1' }),
        }),
      ]),
    );
    expect(form.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: 'refreshAction',
        data: { caseId: 'case-1', actionId: 'act-1' },
      },
      userIds: ['29:a'],
    });
  });

  it('keeps what was typed and shows each problem beside its input', () => {
    const t = text(cards[3]![1]);
    expect(t).toContain('"value":"in-progress"');
    expect(t).toContain('"value":"2026-03-01"');
    expect(t).toContain('The new due date cannot be in the past.');
    expect(t).toContain('Nothing was saved.');
  });

  it('shows where the action stands and who updated it last, in words', () => {
    const t = text(cards[4]![1]);
    expect(t).toContain('"value":"Complete"');
    expect(t).toContain('Updated by Priya Shah, 10 March 2026');
    expect(t).toContain('Latest note: Done.');
    expect(t).toContain('Update again');
    expect(t).not.toContain('Input.');
  });

  it('stays far under Teams’ message size with the longest action and note', () => {
    const long = actionCard(
      {
        ...view,
        description: 'd'.repeat(4000),
        ownerPerson: 'p'.repeat(200),
        lastUpdate: { byName: 'n'.repeat(200), on: '2026-03-10', note: 'n'.repeat(4000) },
      },
      { mode: 'form', submissionId: 'sub-1', values: { note: 'x'.repeat(ACTION_NOTE_MAX) } },
      Array.from({ length: 60 }, (_, i) => `29:user-${i}`),
    );
    expect(cardBytes(long)).toBeLessThan(CARD_BUDGET_BYTES / 2);
  });
});

describe('reading the action form', () => {
  it('sends only what changed, as the tab does', () => {
    expect(
      parseActionSubmission(view, save({ status: 'in-progress', note: ' Two patrols done. ', dueOn: '' })),
    ).toEqual({
      ok: true,
      payload: { actionId: 'act-1', status: 'in-progress', note: 'Two patrols done.' },
      values: { status: 'in-progress', note: 'Two patrols done.' },
    });
    const moved = parseActionSubmission(view, save({ dueOn: '2026-03-20' }));
    expect(moved).toMatchObject({
      ok: true,
      payload: { actionId: 'act-1', status: 'open', dueOn: '2026-03-20' },
    });
  });

  it('answers a note too long, a date in the past and a save that changes nothing in words, never schema text', () => {
    const tooLong = parseActionSubmission(view, save({ note: 'x'.repeat(ACTION_NOTE_MAX + 1) }));
    expect(tooLong).toMatchObject({
      ok: false,
      errors: {
        note: expect.stringMatching(/^Shorten the note to 1,000 characters or fewer \(it has 1,001\)/),
      },
    });
    const past = parseActionSubmission(view, save({ dueOn: '2026-03-08' }));
    expect(past).toMatchObject({
      ok: false,
      errors: { dueOn: 'The new due date cannot be in the past: choose today (10 March 2026) or later.' },
    });
    const notADate = parseActionSubmission(view, save({ dueOn: '10/03/2026' }));
    expect(notADate).toMatchObject({
      ok: false,
      errors: { dueOn: expect.stringMatching(/^Enter the date as YYYY-MM-DD/) },
    });
    const nothing = parseActionSubmission(view, save({}));
    expect(nothing).toMatchObject({
      ok: false,
      errors: { status: expect.stringMatching(/^Nothing has changed/) },
    });
    for (const r of [tooLong, past, notADate, nothing])
      expect(JSON.stringify(r)).not.toMatch(/Too (small|big)|Invalid|expected/);
  });
});

describe('the action card verbs, routed', () => {
  const by = { id: 'police-1', name: 'Priya Shah', roles: ['agency'], agencyId: 'police' } as Person;
  const routes = () => {
    const c = {
      view: jest.fn(async () => ({ message: 'view' })),
      edit: jest.fn(async () => ({ message: 'edit' })),
      save: jest.fn(async () => ({ message: 'save' })),
    };
    return { c, routes: actionCardRoutes(c) };
  };

  it('runs each verb with its data parsed', async () => {
    const { c, routes: r } = routes();
    const target = { caseId: 'case-1', actionId: 'act-1' };
    await runCardAction(r, 'refreshAction', { ...target, verb: 'refreshAction' }, by);
    expect(c.view).toHaveBeenCalledWith(target, by);
    await runCardAction(r, 'editAction', target, by);
    expect(c.edit).toHaveBeenCalledWith(target, by);
    await runCardAction(
      r,
      'saveAction',
      { ...target, submissionId: 'sub-1', status: 'complete', note: '' },
      by,
      () => 'key',
    );
    expect(c.save).toHaveBeenCalledWith(
      { ...target, submissionId: 'sub-1', status: 'complete', note: '' },
      by,
      '',
    );
  });

  it('refuses data that is not from the card, running nothing', async () => {
    const { c, routes: r } = routes();
    const target = { caseId: 'case-1', actionId: 'act-1' };
    for (const [verb, data] of [
      ['saveAction', { ...target, status: 'finished' }],
      ['saveAction', { ...target }],
      ['saveAction', { ...target, status: 'open', note: 'x'.repeat(20_001) }],
      ['saveAction', { ...target, status: 'open', dueOn: 42 }],
      ['refreshAction', { caseId: 'case-1' }],
      ['editAction', { caseId: '', actionId: 'act-1' }],
      ['deleteAction', target],
    ] as const)
      expect(await runCardAction(r, verb, data, by)).toEqual({ message: NOT_OUR_CARD });
    expect(c.view).not.toHaveBeenCalled();
    expect(c.edit).not.toHaveBeenCalled();
    expect(c.save).not.toHaveBeenCalled();
  });
});
