/** What the benches seed and submit: cases asking the police for their return, and that return's form. */
import { randomUUID } from 'node:crypto';
import type { Person } from '../../bot/api/contract';
import type { CaseService } from '../../bot/app/case-service';
import { sampleApplication } from '../../test/support/case-builder';

/** Opens `n` cases (two incidents each) and asks the police for a return on each: request `${prefix}-i`. */
export async function casesAskingThePolice(
  service: CaseService,
  spoc: Person,
  n: number,
  prefix = 'req',
): Promise<string[]> {
  const cases: string[] = [];
  for (let i = 0; i < n; i++) {
    const { caseId } = await service.openCase(
      {
        requestId: randomUUID(),
        receivedVia: 'email',
        application: sampleApplication('2026-03-02', ['2026-01-05', '2026-02-10']),
        agencies: ['police'],
        title: `Bench case ${i + 1}`,
      },
      spoc,
    );
    await service.recordEvent(
      caseId,
      {
        id: randomUUID(),
        type: 'returns-requested',
        payload: {
          requestedOn: '2026-03-02',
          requests: [{ requestId: `${prefix}-${i}`, agencyId: 'police' }],
          incidentIds: [],
        },
      },
      spoc,
    );
    cases.push(caseId);
  }
  return cases;
}

/** The return card's form as Action.Execute sends it back, filled in for case `i`. */
export function returnForm(caseId: string, i: number, prefix = 'req') {
  return {
    caseId,
    requestId: `${prefix}-${i}`,
    submissionId: `${prefix}-sub-${i}`,
    holds_1: 'yes',
    reference_1: `PC/${i}`,
    reportedOn_1: '2026-01-05',
    holds_2: 'no',
  };
}
