/**
 * The card verbs as the Teams adapter routes them (bot/adapters/teams/card-actions.ts): each verb to its
 * use case, with its data parsed first; a verb or data that is not the card's is answered, never run.
 */
import { NOT_OUR_CARD, returnCardRoutes, runCardAction } from '../../bot/adapters/teams/card-actions';
import type { Person } from '../../bot/api/contract';
import type { CardActionResult } from '../../bot/app/return-cards';

const by = { id: 'police-1', name: 'Priya Shah', roles: ['agency'], agencyId: 'police' } as Person;
const answer: CardActionResult = { message: 'handled' };

function cards() {
  return {
    view: jest.fn(async () => answer),
    edit: jest.fn(async () => answer),
    submit: jest.fn(async () => answer),
  };
}

describe('card verbs routed by a table', () => {
  it('runs each verb of the return card with its data parsed', async () => {
    const c = cards();
    const routes = returnCardRoutes(c);
    const target = { caseId: 'case-1', requestId: 'req-1' };
    await runCardAction(routes, 'refreshReturn', { ...target, extra: 'dropped' }, by);
    expect(c.view).toHaveBeenCalledWith(target, by);
    await runCardAction(routes, 'editReturn', target, by);
    expect(c.edit).toHaveBeenCalledWith(target, by);
    await runCardAction(
      routes,
      'submitReturn',
      { ...target, submissionId: 'sub-1', holds_1: 'yes' },
      by,
      () => 'key',
    );
    // The card's own submission id names it; the invoke's key is not worked out.
    expect(c.submit).toHaveBeenCalledWith({ ...target, submissionId: 'sub-1', holds_1: 'yes' }, by, '');
  });

  it('ignores a submission id the card did not give, so the invoke names the submission', async () => {
    const c = cards();
    await runCardAction(
      returnCardRoutes(c),
      'submitReturn',
      { caseId: 'case-1', requestId: 'req-1', submissionId: 'not an id!' },
      by,
      () => 'invoke-key',
    );
    expect(c.submit).toHaveBeenCalledWith({ caseId: 'case-1', requestId: 'req-1' }, by, 'invoke-key');
  });

  it('answers a verb it does not route, or data its schema refuses, without running anything', async () => {
    const c = cards();
    const routes = returnCardRoutes(c);
    for (const [verb, data] of [
      ['deleteCase', { caseId: 'case-1', requestId: 'req-1' }],
      ['toString', { caseId: 'case-1', requestId: 'req-1' }],
      ['refreshReturn', {}],
      ['refreshReturn', { caseId: 42, requestId: 'req-1' }],
      ['submitReturn', null],
      ['editReturn', 'case-1'],
    ] as const) {
      expect(await runCardAction(routes, verb, data, by)).toEqual({ message: NOT_OUR_CARD });
    }
    expect(c.view).not.toHaveBeenCalled();
    expect(c.edit).not.toHaveBeenCalled();
    expect(c.submit).not.toHaveBeenCalled();
  });
});
