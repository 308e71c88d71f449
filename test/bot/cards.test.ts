import { caseCard } from '../../bot/cards/case-card';
import { caseListCard, dueCard, helpCard } from '../../bot/cards/command-cards';
import { digestCard, reminderCard, type ReminderItem } from '../../bot/cards/reminder-cards';
import {
  fieldForPath,
  parseReturnSubmission,
  returnCard,
  type ReturnRequestView,
} from '../../bot/cards/return-card';
import type { CardJson } from '../../bot/ports/messenger';
import { cardProblems } from './support/validate-card';

const view: ReturnRequestView = {
  caseId: 'case-1',
  reference: 'CT-2026-0001',
  requestId: 'req-police',
  agencyId: 'police',
  agencyName: 'Police',
  requestedOn: '2026-03-02',
  dueOn: '2026-03-09',
  today: '2026-03-03',
  workingDaysOverdue: 0,
  incidents: [
    { incidentId: 'inc-1', occurredOn: '2026-01-05' },
    { incidentId: 'inc-2', occurredOn: '2026-02-10' },
  ],
  returns: [],
};
const returned: ReturnRequestView = {
  ...view,
  returns: [
    {
      receivedOn: '2026-03-11',
      byName: 'Priya Shah',
      workingDaysLate: 2,
      incidents: [
        {
          incidentId: 'inc-1',
          holdsRecord: true,
          reference: 'PC-1',
          reportedOn: '2026-01-05',
          actionTaken: 'Warning',
        },
        { incidentId: 'inc-2', holdsRecord: false },
      ],
      otherInformation: 'None',
    },
  ],
};
const items: ReminderItem[] = [
  {
    reference: 'CT-2026-0001',
    label: 'Acknowledge the application',
    dueOn: '2026-03-09',
    workingDaysLeft: 1,
    kind: 'due-tomorrow',
  },
  {
    reference: 'CT-2026-0002',
    label: 'Decide the threshold',
    dueOn: '2026-03-06',
    workingDaysLeft: 0,
    kind: 'due-today',
  },
  {
    reference: 'CT-2026-0003',
    label: 'Return from Police',
    dueOn: '2026-03-02',
    workingDaysLeft: -4,
    kind: 'overdue',
  },
];

/** Every card the bot can send, by name. */
const everyCard: [string, CardJson][] = [
  [
    'case card',
    caseCard({
      reference: 'CT-2026-0001',
      title: 'Noise, Example Road area',
      status: 'threshold-met',
      receivedOn: '2026-03-02',
      spocName: 'Sam Patel',
      agencies: ['Police', 'Integrated Care Board'],
      next: { label: 'Contact the victim', dueOn: '2026-03-12', workingDaysLeft: 2, overdue: false },
      today: '2026-03-10',
    }),
  ],
  [
    'case card, bare',
    caseCard({
      reference: 'CT-2026-0002',
      status: 'received',
      receivedOn: '2026-03-02',
      spocName: 'Sam Patel',
      agencies: [],
      today: '2026-03-02',
    }),
  ],
  ['return card, open', returnCard(view, { mode: 'form', submissionId: 's-1' }, ['29:a'])],
  [
    'return card, invalid',
    returnCard(
      view,
      {
        mode: 'form',
        submissionId: 's-1',
        values: { holds_2: 'no', reference_2: 'X' },
        errors: {
          holds_1: 'Say whether you hold a record.',
          holds_2: 'You said no record.',
          reportedOn_1: 'Not a date.',
          otherInformation: 'Too long.',
        },
        formError: 'Check the answers marked below.',
      },
      ['29:a'],
    ),
  ],
  ['return card, submitted', returnCard(returned, { mode: 'detail', canAmend: true }, ['29:a'])],
  [
    'return card, read-only',
    returnCard(returned, { mode: 'summary', note: 'You see this read-only.' }, ['29:a']),
  ],
  [
    'return card, awaited and overdue',
    returnCard({ ...view, today: '2026-03-12', workingDaysOverdue: 3 }, { mode: 'summary' }),
  ],
  ...items.map((item): [string, CardJson] => [
    `reminder card, ${item.kind}`,
    reminderCard(item, '2026-03-06', 'Open the case.'),
  ]),
  [
    'reminder card, remind now',
    reminderCard({ ...items[0]!, kind: 'upcoming', workingDaysLeft: 4 }, '2026-03-03'),
  ],
  ['digest', digestCard(items, '2026-03-06')],
  ['help, SPOC', helpCard('spoc')],
  ['help, agency', helpCard('agency')],
  [
    'my cases',
    caseListCard(
      'Your open cases',
      [
        {
          reference: 'CT-2026-0001',
          title: 'Noise',
          status: 'received',
          next: { label: 'next deadline', dueOn: '2026-03-09', workingDaysLeft: 5, overdue: false },
        },
        { reference: 'CT-2026-0002', status: 'closed' },
      ],
      '2026-03-02',
      true,
    ),
  ],
  ['my cases, none', caseListCard('Your open cases', [], '2026-03-02', false)],
  [
    'due',
    dueCard(
      'Returns Police owes',
      [
        {
          reference: 'CT-2026-0001',
          label: 'Return from Police',
          dueOn: '2026-03-09',
          workingDaysLeft: 5,
          overdue: false,
        },
      ],
      '2026-03-02',
    ),
  ],
  ['due, nothing', dueCard('Your running deadlines', [], '2026-03-02')],
];

describe('every card the bot sends', () => {
  it.each(everyCard)('%s parses and validates with the adaptivecards library, version 1.5', (_name, card) => {
    expect(card.type).toBe('AdaptiveCard');
    expect(card.version).toBe('1.5');
    expect(cardProblems(card)).toEqual([]);
    expect(JSON.stringify(card)).not.toMatch(/\$\{/); // every template expression was filled
  });

  it('the checker does catch a broken card', () => {
    const broken = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Input.Text' }, { type: 'Input.Text' }, { type: 'Nope' }],
    };
    expect(cardProblems(broken).length).toBeGreaterThan(0);
  });

  it('gives every Action.Execute an Action.Submit fallback carrying its verb', () => {
    for (const [, card] of everyCard)
      for (const action of (card.actions ?? []) as {
        type: string;
        verb?: string;
        fallback?: { type: string; data: { verb: string } };
      }[])
        if (action.type === 'Action.Execute') {
          expect(action.fallback?.type).toBe('Action.Submit');
          expect(action.fallback?.data.verb).toBe(action.verb);
        }
  });

  it('keeps refresh userIds to 60 at most', () => {
    const many = Array.from({ length: 80 }, (_, i) => `29:user-${i}`);
    const card = returnCard(view, { mode: 'summary' }, many);
    expect((card.refresh as { userIds: string[] }).userIds).toHaveLength(60);
  });

  it('shows incidents by date and a neutral label only', () => {
    const json = JSON.stringify(returnCard(view, { mode: 'summary' }));
    expect(json).toContain('Incident 1: Mon 5 January 2026');
    expect(json).toContain('Incident 2: Tue 10 February 2026');
  });
});

describe('reading the return form', () => {
  const ctx = { receivedOn: '2026-03-03', submittedBy: 'police-1' };

  it('turns the inputs into a return-received payload', () => {
    const parsed = parseReturnSubmission(
      view,
      {
        holds_1: 'yes',
        reference_1: ' PC-1 ',
        reportedOn_1: '2026-01-06',
        actionTaken_1: 'Warning',
        holds_2: 'no',
        otherInformation: '',
      },
      ctx,
    );
    expect(parsed).toEqual({
      ok: true,
      values: {
        holds_1: 'yes',
        reference_1: 'PC-1',
        reportedOn_1: '2026-01-06',
        actionTaken_1: 'Warning',
        holds_2: 'no',
      },
      payload: {
        requestId: 'req-police',
        agencyId: 'police',
        receivedOn: '2026-03-03',
        submittedBy: 'police-1',
        incidents: [
          {
            incidentId: 'inc-1',
            holdsRecord: true,
            reference: 'PC-1',
            reportedOn: '2026-01-06',
            actionTaken: 'Warning',
          },
          { incidentId: 'inc-2', holdsRecord: false },
        ],
      },
    });
  });

  it('names each problem beside its input and keeps what was typed', () => {
    const parsed = parseReturnSubmission(
      view,
      {
        reference_1: 'A',
        reportedOn_1: '2026-01-01',
        holds_2: 'no',
        reportedOn_2: '2026-02-11',
        reference_2: 'x'.repeat(101),
      },
      ctx,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.holds_1).toMatch(/Say whether/);
    expect(parsed.errors.reportedOn_1).toMatch(/before the incident itself \(Mon 5 January 2026\)/);
    expect(parsed.errors.holds_2).toMatch(/hold no record but gave/);
    expect(parsed.errors.reference_2).toBeDefined(); // from the shared schema (max 100)
    expect(parsed.values.reference_1).toBe('A');
  });

  it('refuses dates that are not dates or are after today', () => {
    const parsed = parseReturnSubmission(
      view,
      { holds_1: 'yes', reportedOn_1: '2026-02-30', holds_2: 'yes', reportedOn_2: '2026-03-04' },
      ctx,
    );
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors.reportedOn_1).toMatch(/YYYY-MM-DD/);
    expect(parsed.errors.reportedOn_2).toMatch(/after today/);
  });

  it('maps payload paths to inputs', () => {
    expect(fieldForPath('incidents[0].reportedOn')).toBe('reportedOn_1');
    expect(fieldForPath(['incidents', '1', 'holdsRecord'])).toBe('holds_2');
    expect(fieldForPath('otherInformation')).toBe('otherInformation');
    expect(fieldForPath('receivedOn')).toBeUndefined();
  });
});
