/**
 * Issue 15: the tab's "Update the action" dialog refuses a new due date in the past before sending, in the
 * words the rules and the action card use; an overdue action whose date is left alone is not flagged.
 */
import { actionUpdated } from '../../tab/src/views/case/events/action-updated';
import type { CaseContext } from '../../tab/src/views/case/events/event-spec';

const ctx = {
  today: '2026-03-20',
  detail: {
    state: {
      actions: [
        { id: 'a-1', description: 'Patrols', ownerAgency: 'police', dueOn: '2026-03-10', status: 'open' },
      ],
    },
  },
} as unknown as CaseContext;
const form = (dueOn: string) => ({
  actionId: 'a-1',
  status: 'in-progress',
  dueOn,
  ownerAgency: 'police',
  ownerPerson: '',
  note: '',
});

describe('the tab checks a new due date as the rules do', () => {
  it('flags a changed date before today beside the Due field', () => {
    expect(actionUpdated.check!(form('2026-03-19'), ctx)).toEqual([
      {
        path: 'dueOn',
        message: 'The new due date cannot be in the past: choose today (20 March 2026) or later.',
      },
    ]);
  });

  it('accepts today, a later date, or the overdue date left as it was', () => {
    for (const dueOn of ['2026-03-20', '2026-04-01', '2026-03-10', ''])
      expect(actionUpdated.check!(form(dueOn), ctx)).toEqual([]);
  });
});
