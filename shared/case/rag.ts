/**
 * Red, amber, green for a running deadline, as the case list (server) and the case view (tab) show it: red
 * when overdue, amber when due within two working days, green later. Always shown with words too.
 */
export type Rag = 'red' | 'amber' | 'green' | 'none';

export const AMBER_WITHIN_WORKING_DAYS = 2;

export function ragOf(deadline: { overdue: boolean; workingDaysLeft: number } | undefined): Rag {
  if (!deadline) return 'none';
  if (deadline.overdue || deadline.workingDaysLeft < 0) return 'red';
  if (deadline.workingDaysLeft <= AMBER_WITHIN_WORKING_DAYS) return 'amber';
  return 'green';
}
