import { getPolicy, reduceCase, type CaseEvent } from '../../shared';
import {
  agenciesToAsk,
  confirmationsByIncident,
  offeredActions,
  relevantNow,
  requestRows,
  splitReasons,
} from '../../tab/src/lib/case-helpers';
import { formatDate, formatMonth, formatSize, londonInstant, londonParts } from '../../tab/src/lib/format';
import { eventLabel, statusLabel } from '../../tab/src/lib/labels';
import { hrefOf, parseHash } from '../../tab/src/router';
import { surfaceOf } from '../../tab/src/surface';
import { CaseBuilder } from '../support/case-builder';

describe('dates for people', () => {
  it('formats calendar dates without a time zone shift', () => {
    expect(formatDate('2026-03-01')).toBe('1 March 2026');
    expect(formatDate('2026-03-01', 'short')).toBe('1 Mar 2026');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatMonth('2026-04')).toBe('Apr 2026');
    expect(formatSize(2048)).toBe('2 KB');
  });

  it('turns UK wall-clock times into instants with the right offset, summer and winter', () => {
    expect(londonInstant('2026-07-01', '10:30')).toBe('2026-07-01T10:30:00+01:00');
    expect(londonInstant('2026-12-01', '10:30')).toBe('2026-12-01T10:30:00+00:00');
    expect(londonInstant('2026-03-29', '09:00')).toBe('2026-03-29T09:00:00+01:00'); // the day the clocks go forward
    expect(londonInstant('2026-02-30', '10:00')).toBeUndefined();
    expect(londonInstant('2026-07-01', '')).toBeUndefined();
    expect(londonParts('2026-07-01T09:30:00Z')).toEqual({ date: '2026-07-01', time: '10:30' });
  });
});

describe('routes', () => {
  it('reads the surface from the path and the view from the hash', () => {
    expect(surfaceOf('/')).toBe('main');
    expect(surfaceOf('/channel')).toBe('channel');
    expect(surfaceOf('/config/')).toBe('config');
    expect(surfaceOf('/elsewhere')).toBe('unknown');
    expect(parseHash('')).toEqual({ view: 'cases' });
    expect(parseHash('#/new')).toEqual({ view: 'new' });
    expect(parseHash('#/cases/abc%2F1')).toEqual({ view: 'case', caseId: 'abc/1' });
    expect(parseHash('#/ref/CT-2026-0007')).toEqual({ view: 'ref', reference: 'CT-2026-0007' });
    expect(parseHash('#/statistics?from=2025-04-01&to=2026-03-31')).toEqual({
      view: 'statistics',
      from: '2025-04-01',
      to: '2026-03-31',
    });
    expect(parseHash('#/nope/x')).toEqual({ view: 'not-found', path: '/nope/x' });
  });

  it('writes links that read back the same', () => {
    for (const route of [
      { view: 'cases' },
      { view: 'case', caseId: 'a b' },
      { view: 'statistics', from: '2025-04-01' },
    ] as const)
      expect(parseHash(hrefOf(route))).toEqual(route);
  });
});

describe('labels', () => {
  it('names statuses and events, and spells out unknown ones', () => {
    expect(statusLabel('threshold-not-met')).toBe('Threshold not met');
    expect(eventLabel('returns-requested')).toBe('Agency returns requested');
    expect(eventLabel('something-new')).toBe('Something new');
  });
});

describe('case helpers', () => {
  const policy = getPolicy('east-herts');
  const agencies = ['ehc', 'herts-police', 'social-housing'];

  function build(): { events: CaseEvent[]; b: CaseBuilder } {
    const b = new CaseBuilder('c').received('2026-03-02', agencies);
    b.add('acknowledged', '2026-03-03', { sentOn: '2026-03-03', to: 'victim' });
    b.add('returns-requested', '2026-03-04', {
      requestedOn: '2026-03-04',
      requests: [
        { requestId: 'r-police', agencyId: 'herts-police' },
        { requestId: 'r-housing', agencyId: 'social-housing' },
      ],
      incidentIds: ['inc-1', 'inc-2', 'inc-3'],
    });
    b.add('return-received', '2026-03-16', {
      requestId: 'r-police',
      agencyId: 'herts-police',
      receivedOn: '2026-03-16',
      incidents: [
        { incidentId: 'inc-1', holdsRecord: true },
        { incidentId: 'inc-2', holdsRecord: false },
      ],
      submittedBy: 'herts-police-1',
    });
    return { events: b.events, b };
  }

  it('says which agencies confirmed each incident', () => {
    const state = reduceCase(build().events, policy);
    const confirmed = confirmationsByIncident({ state });
    expect(confirmed.get('inc-1')).toEqual(['herts-police']);
    expect(confirmed.get('inc-2')).toBeUndefined();
  });

  it('lists each request with its due date and whether the return was late', () => {
    const state = reduceCase(build().events, policy);
    const rows = requestRows({
      state,
      clocks: [
        {
          clock: 'agencyReturn',
          label: '',
          kind: 'duty',
          owner: 'agency',
          startedOn: '2026-03-04',
          dueOn: '2026-03-11',
          requestId: 'r-police',
          metOn: '2026-03-16',
          late: true,
        },
        {
          clock: 'agencyReturn',
          label: '',
          kind: 'duty',
          owner: 'agency',
          startedOn: '2026-03-04',
          dueOn: '2026-03-11',
          requestId: 'r-housing',
          late: false,
        },
      ],
      deadlines: [
        {
          clock: 'agencyReturn',
          label: '',
          kind: 'duty',
          owner: 'agency',
          startedOn: '2026-03-04',
          dueOn: '2026-03-11',
          requestId: 'r-housing',
          overdue: true,
          workingDaysLeft: -3,
        },
      ],
    });
    expect(rows).toEqual([
      expect.objectContaining({ requestId: 'r-police', receivedOn: '2026-03-16', late: true, rag: 'none' }),
      expect.objectContaining({
        requestId: 'r-housing',
        dueOn: '2026-03-11',
        overdue: true,
        workingDaysLeft: -3,
        rag: 'red',
      }),
    ]);
    expect(agenciesToAsk({ state })).toEqual(['ehc', 'herts-police']);
  });

  it('offers the next steps the person may take and the case allows', () => {
    const { b } = build();
    const state = reduceCase(b.events, policy);
    const all = [
      'acknowledged',
      'threshold-decided',
      'returns-requested',
      'return-received',
      'panel-booked',
      'note-added',
      'letter-issued',
      'case-closed',
    ];
    expect(offeredActions(all, state)).toEqual([
      'returns-requested',
      'return-received',
      'threshold-decided',
      'case-closed',
      'note-added',
    ]);
    expect(offeredActions(['note-added', 'return-received'], state)).toEqual([
      'return-received',
      'note-added',
    ]);
    b.decided('2026-03-17');
    const met = reduceCase(b.events, policy);
    expect(relevantNow('panel-booked', met)).toBe(true);
    expect(relevantNow('threshold-decided', met)).toBe(false);
    b.add('case-closed', '2026-03-18', { closedOn: '2026-03-18', reason: 'withdrawn' });
    const closed = reduceCase(b.events, policy);
    expect(offeredActions(all, closed)).toEqual(['note-added']);
  });

  // Issue 13: rights survive closure (East Herts s.11, s.13), and telling the applicant is its own step.
  it('offers a review request, an appeal and reopening on a closed "not met" case, and a waiver while a right is open', () => {
    const { b } = build();
    b.add('threshold-decided', '2026-03-17', {
      decidedOn: '2026-03-17',
      outcome: 'not-met',
      advisedOutcome: 'not-met',
      reasons: [],
      decidedBy: 'spoc-1',
    });
    const all = [
      'applicant-told',
      'threshold-review-requested',
      'appeal-lodged',
      'right-waived',
      'case-closed',
      'case-reopened',
      'note-added',
    ];
    const now = { policy, today: '2026-03-18' };
    expect(offeredActions(all, reduceCase(b.events), now)).toEqual([
      'applicant-told',
      'threshold-review-requested',
      'appeal-lodged',
      'right-waived',
      'case-closed',
      'note-added',
    ]);
    b.add('letter-issued', '2026-03-18', { letterId: 'l-3', kind: 'ct3', issuedOn: '2026-03-18' });
    b.add('case-closed', '2026-03-18', {
      closedOn: '2026-03-18',
      reason: 'threshold-not-met',
      victimToldOn: '2026-03-18',
      keepRightsOpen: true,
    });
    expect(offeredActions(all, reduceCase(b.events), now)).toEqual([
      'threshold-review-requested',
      'appeal-lodged',
      'case-reopened',
      'note-added',
    ]);
  });

  it('splits reasons on blank lines', () => {
    expect(splitReasons('First.\n\n  Second,\nstill second.\n\n\n')).toEqual([
      'First.',
      'Second,\nstill second.',
    ]);
  });
});
