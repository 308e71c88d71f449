import type { CaseListItem } from '../../bot/api/contract';
import { listSummary, meaningful } from '../../tab/src/lib/case-list';
import {
  compareCases,
  ragAppearance,
  ragOf,
  workingDaysSpoken,
  workingDaysText,
} from '../../tab/src/lib/rag';

describe('RAG', () => {
  it('is red when overdue, amber within two working days, green later', () => {
    expect(ragOf({ overdue: true, workingDaysLeft: -2 })).toBe('red');
    expect(ragOf({ overdue: false, workingDaysLeft: 0 })).toBe('amber');
    expect(ragOf({ overdue: false, workingDaysLeft: 2 })).toBe('amber');
    expect(ragOf({ overdue: false, workingDaysLeft: 3 })).toBe('green');
    expect(ragOf(undefined)).toBe('none');
  });

  it('says it in words as well as colour', () => {
    expect(workingDaysText({ overdue: true, workingDaysLeft: -2 })).toBe('2 WD overdue');
    expect(workingDaysText({ overdue: true, workingDaysLeft: 0 })).toBe('Overdue');
    expect(workingDaysText({ overdue: false, workingDaysLeft: 0 })).toBe('Due today');
    expect(workingDaysText({ overdue: false, workingDaysLeft: 1 })).toBe('1 WD left');
    expect(workingDaysText(undefined)).toBe('No deadline');
    expect(workingDaysSpoken({ overdue: true, workingDaysLeft: -1 })).toBe('1 working day overdue');
    expect(workingDaysSpoken({ overdue: false, workingDaysLeft: 5 })).toBe('5 working days left');
    expect(ragAppearance.red.colour).toBe('danger');
  });
});

describe('compareCases', () => {
  const item = (reference: string, rag: CaseListItem['rag'], dueOn?: string): CaseListItem => ({
    caseId: reference,
    reference,
    legalHold: false,
    status: 'received',
    spoc: 's',
    spocName: 'S',
    agencies: [],
    receivedOn: '2026-01-01',
    rag,
    ...(dueOn
      ? { nextDeadline: { clock: 'x', label: 'x', dueOn, workingDaysLeft: 0, overdue: rag === 'red' } }
      : {}),
  });

  it('puts overdue first, then the soonest, and cases with no clock last', () => {
    const sorted = [
      item('CT-2026-0001', 'none'),
      item('CT-2026-0002', 'green', '2026-03-10'),
      item('CT-2026-0003', 'red', '2026-02-01'),
      item('CT-2026-0004', 'amber', '2026-02-20'),
      item('CT-2026-0005', 'red', '2026-01-15'),
      item('CT-2026-0006', 'green', '2026-03-01'),
    ].sort(compareCases);
    expect(sorted.map((c) => c.reference)).toEqual([
      'CT-2026-0005',
      'CT-2026-0003',
      'CT-2026-0004',
      'CT-2026-0006',
      'CT-2026-0002',
      'CT-2026-0001',
    ]);
  });
});

describe('the case list summary', () => {
  it('gives the total when the server knows it, and says when more pages follow', () => {
    expect(listSummary(0, 0, false)).toBe('No cases match these filters.');
    expect(listSummary(50, 320, true)).toBe('Showing 50 of 320 cases.');
    expect(listSummary(1, 1, false)).toBe('Showing 1 of 1 case.');
    expect(listSummary(50, 50, true)).toBe('Showing 50 cases; more to load.');
    expect(listSummary(66, 16, false)).toBe('Showing 66 cases.');
  });

  it('hides placeholder deadline labels', () => {
    expect(meaningful('Next deadline')).toBe(false);
    expect(meaningful('')).toBe(false);
    expect(meaningful('Acknowledge the application')).toBe(true);
  });
});
