import fc from 'fast-check';
import {
  addDays,
  decide,
  evolve,
  getPolicy,
  openRights,
  parsePolicy,
  reduceCase,
  TransitionError,
  type CaseEvent,
  type CaseState,
  type Policy,
} from '../../../shared';
import { CaseBuilder, member } from '../../support/case-builder';

/**
 * Closure and reopening, as properties over random histories: whatever the SPOC tries and in whatever order,
 * no closure takes away a right that is open (East Herts s.11 and s.13; Sch 4 para 3) unless it was waived
 * or kept open; a request within its window always reaches a case closed with its rights kept open, and
 * reopens it; replaying what was appended always gives the same case.
 */

const eastHerts = getPolicy('east-herts');
const agencies = ['ehc', 'herts-police', 'social-housing', 'icb'];

type Step =
  | { kind: 'close'; day: number; keep: boolean }
  | { kind: 'waive'; day: number; right: 'threshold-review' | 'appeal' }
  | { kind: 'request'; day: number; late: boolean }
  | { kind: 'appeal'; day: number; late: boolean }
  | { kind: 'decide-appeal'; day: number; upheld: boolean }
  | { kind: 'reopen'; day: number };

const day = fc.integer({ min: 0, max: 90 });
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('close' as const), day, keep: fc.boolean() }),
  fc.record({
    kind: fc.constant('waive' as const),
    day,
    right: fc.constantFrom('threshold-review' as const, 'appeal' as const),
  }),
  fc.record({ kind: fc.constant('request' as const), day, late: fc.boolean() }),
  fc.record({ kind: fc.constant('appeal' as const), day, late: fc.boolean() }),
  fc.record({ kind: fc.constant('decide-appeal' as const), day, upheld: fc.boolean() }),
  fc.record({ kind: fc.constant('reopen' as const), day }),
);

/** A case received on `start`: decided "not met", or met, reviewed and its outcome sent. */
function baseCase(start: string, reviewed: boolean): { b: CaseBuilder; last: string } {
  const b = new CaseBuilder().received(start, agencies);
  const decidedOn = addDays(start, 7);
  b.decided(decidedOn, reviewed ? 'met' : 'not-met');
  if (!reviewed) return { b, last: decidedOn };
  const heldOn = addDays(decidedOn, 14);
  b.add('review-held', heldOn, {
    heldOn,
    attendees: [member('ehc'), member('herts-police'), member('social-housing')],
    victimParticipation: 'attended',
    recommendations: [],
    actions: [],
  });
  const sentOn = addDays(heldOn, 2);
  b.add('outcome-sent', sentOn, { sentOn, method: 'letter', victimConsultedOn: heldOn });
  return { b, last: sentOn };
}

function eventFor(s: Step, on: string, i: number, state: CaseState): CaseEvent {
  const at = `${on}T12:00:00Z`;
  const base = { id: `step-${i}`, actor: 'spoc-1', at };
  const reason = { acceptedOutOfTime: 'Accepted by the manager' };
  const openAppeal = state.appeals.find((a) => !a.decidedOn);
  switch (s.kind) {
    case 'close':
      return {
        ...base,
        type: 'case-closed',
        payload: {
          closedOn: on,
          reason: 'other',
          detail: 'Closing',
          victimToldOn: on,
          ...(s.keep ? { keepRightsOpen: true } : {}),
        },
      };
    case 'waive':
      return { ...base, type: 'right-waived', payload: { right: s.right, waivedOn: on, how: 'in-writing' } };
    case 'request':
      return {
        ...base,
        type: 'threshold-review-requested',
        payload: { appealId: `ap-${i}`, receivedOn: on, grounds: ['other'], ...(s.late ? reason : {}) },
      };
    case 'appeal':
      return {
        ...base,
        type: 'appeal-lodged',
        payload: {
          appealId: `ap-${i}`,
          receivedOn: on,
          against: state.reviews.length ? 'review-outcome' : 'threshold-decision',
          grounds: ['other'],
          ...(s.late ? reason : {}),
        },
      };
    case 'decide-appeal':
      return {
        ...base,
        type: 'appeal-decided',
        payload: {
          appealId: openAppeal?.appealId ?? 'none',
          decidedOn: on,
          outcome: s.upheld ? 'upheld' : 'dismissed',
          reasons: [],
          notifiedOn: on,
        },
      };
    case 'reopen':
      return { ...base, type: 'case-reopened', payload: { reopenedOn: on, reason: 'Closed in error' } };
  }
}

/** The appeal window: none (East Herts s.13), 20 working days, or 28 days. */
const appealWindows = [null, 20, 28] as const;
const policyFor = (n: (typeof appealWindows)[number]): Policy =>
  n === null
    ? eastHerts
    : parsePolicy({
        ...eastHerts,
        clocks: {
          ...eastHerts.clocks,
          appealWindow: {
            amount: n,
            unit: n === 20 ? 'working-days' : 'calendar-days',
            from: 'outcome-sent',
          },
        },
      });
const policies = appealWindows.map(policyFor);
const policyArb = fc.integer({ min: 0, max: policies.length - 1 });

const startArb = fc.integer({ min: 0, max: 4000 }).map((n) => addDays('2015-01-05', n));

describe('closure and reopening, properties', () => {
  it('no closure takes an open right; in-time requests reopen a case closed with rights kept; replay agrees', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.boolean(),
        policyArb,
        fc.array(step, { maxLength: 12 }),
        (start, reviewed, policyIndex, steps) => {
          const policy = policies[policyIndex]!;
          const { b, last } = baseCase(start, reviewed);
          let state = reduceCase(b.events);
          const log = [...b.events];
          const ordered = [...steps].sort((x, y) => x.day - y.day);
          ordered.forEach((s, i) => {
            const on = addDays(last, s.day);
            const event = eventFor(s, on, i, state);
            const rightsBefore = openRights(state, policy, on);
            let appended: CaseEvent[];
            try {
              appended = decide(state, event, policy);
            } catch (err) {
              // Every refusal is the rules' own, with a reason for the SPOC.
              expect(err).toBeInstanceOf(TransitionError);
              expect((err as TransitionError).reason.length).toBeGreaterThan(10);
              // A request inside its window is never refused on a case closed with its rights kept open.
              const right =
                s.kind === 'request'
                  ? 'threshold-review'
                  : state.reviews.length
                    ? 'appeal'
                    : 'threshold-review';
              const inTime =
                (s.kind === 'request' || s.kind === 'appeal') && rightsBefore.some((r) => r.right === right);
              if (state.closed?.keepsRightsOpen && inTime)
                throw new Error(`refused a request within its window: ${(err as TransitionError).reason}`);
              return;
            }
            if (event.type === 'case-closed') {
              // No right open on the closing day is lost: it was waived (so not listed) or kept open.
              expect(rightsBefore.length === 0 || (s.kind === 'close' && s.keep)).toBe(true);
            }
            if (
              state.closed &&
              (event.type === 'threshold-review-requested' || event.type === 'appeal-lodged')
            )
              expect(appended.map((e) => e.type)).toEqual(['case-reopened', event.type]);
            for (const e of appended) state = evolve(state, e);
            log.push(...appended);
            if (appended.length === 2) {
              expect(state.closed).toBeUndefined();
              expect(state.status).toBe('appeal');
            }
          });
          expect(reduceCase(log)).toEqual(state);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a case closed with its rights kept open reopens for a review request on any day of the CT3a window', () => {
    fc.assert(
      fc.property(
        startArb,
        fc.integer({ min: 0, max: 28 }),
        fc.integer({ min: 0, max: 28 }),
        (start, c, r) => {
          const [closeDay, requestDay] = c <= r ? [c, r] : [r, c];
          const { b, last } = baseCase(start, false);
          const closedOn = addDays(last, closeDay);
          let state = reduceCase(b.events);
          for (const e of decide(
            state,
            eventFor({ kind: 'close', day: closeDay, keep: true }, closedOn, 1, state),
            eastHerts,
          ))
            state = evolve(state, e);
          const on = addDays(last, requestDay);
          const request = eventFor({ kind: 'request', day: requestDay, late: false }, on, 2, state);
          const appended = decide(state, request, eastHerts);
          expect(appended.map((e) => e.type)).toEqual(['case-reopened', 'threshold-review-requested']);
        },
      ),
      { numRuns: 200 },
    );
  });
});
