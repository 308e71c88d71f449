import { addDays, deadlines, getPolicy, reduceCase, type CaseState } from '../shared';
import { CaseBuilder, member } from '../test/support/case-builder';

const policy = getPolicy('east-herts');
const agencies = ['ehc', 'herts-police', 'social-housing', 'icb'];

/** 10,000 open cases spread over 2026, in every stage from "received" to "appeal". */
function openCases(n: number): CaseState[] {
  const out: CaseState[] = [];
  for (let i = 0; i < n; i++) {
    const on = addDays('2026-01-05', i % 300);
    const b = new CaseBuilder(`c${i}`).received(on, agencies, [
      addDays(on, -20),
      addDays(on, -10),
      addDays(on, -5),
    ]);
    const stage = i % 5;
    if (stage >= 1) b.add('acknowledged', on, { sentOn: on, to: 'victim' });
    if (stage >= 2) {
      b.decided(on);
      b.add('returns-requested', on, {
        requestedOn: on,
        requests: agencies.map((a) => ({ requestId: `${a}-${i}`, agencyId: a })),
        incidentIds: ['inc-1', 'inc-2', 'inc-3'],
      });
    }
    if (stage >= 3)
      b.add('review-held', on, {
        heldOn: on,
        attendees: agencies.map((a) => member(a)),
        victimParticipation: 'none',
        recommendations: [],
        actions: [
          { id: 'a1', description: 'Visit', ownerAgency: 'ehc', dueOn: addDays(on, 30), status: 'open' },
        ],
      });
    if (stage >= 4) {
      b.add('outcome-sent', on, { sentOn: on, method: 'letter' });
      b.add('appeal-lodged', on, {
        appealId: `ap-${i}`,
        receivedOn: on,
        against: 'review-outcome',
        grounds: ['other'],
      });
    }
    out.push(reduceCase(b.events, policy));
  }
  return out;
}

export default async function bench(): Promise<void> {
  const cases = openCases(10_000);
  const today = '2026-11-20';
  for (const state of cases.slice(0, 200)) deadlines(state, policy, today); // warm up
  const runs: number[] = [];
  let clocks = 0;
  for (let r = 0; r < 7; r++) {
    const t0 = performance.now();
    clocks = 0;
    for (const state of cases) clocks += deadlines(state, policy, today).length;
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `deadlines: 10,000 open cases (${clocks.toLocaleString('en-GB')} running clocks): median ${runs[3]!.toFixed(1)} ms, worst ${runs[6]!.toFixed(1)} ms (target < 200 ms)`,
  );
}
