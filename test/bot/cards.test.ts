import { caseCard } from '../../bot/cards/case-card';
import { caseListCard, dueCard, helpCard } from '../../bot/cards/command-cards';
import { digestCard, reminderCard, type ReminderItem } from '../../bot/cards/reminder-cards';
import {
  cardBytes,
  fieldForPath,
  parseReturnSubmission,
  returnCard,
  type ReturnFormValues,
  type ReturnRequestView,
} from '../../bot/cards/return-card';
import { eventPayloads } from '../../shared';
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

/**
 * Teams refuses a message over about 100 KB (UTF-16) with 413 MessageSizeTooBig. The largest return the
 * schemas accept - 200 incidents (returns-requested, return-received), each answered with a 100-character
 * reference and 4,000 characters of action, 20,000 of other information, and corrected once - must still
 * reach Teams: the card stays under 80 KB with its activity around it, and says where the rest is.
 */
describe('return cards within Teams’ message size limit', () => {
  const LIMIT = 80 * 1024;
  const incidents = Array.from({ length: 200 }, (_, i) => ({
    incidentId: `incident-${String(i + 1).padStart(4, '0')}`,
    occurredOn: '2026-01-05',
  }));
  const biggest = {
    receivedOn: '2026-03-11',
    byName: 'N'.repeat(200),
    workingDaysLate: 2,
    incidents: incidents.map((i) => ({
      incidentId: i.incidentId,
      holdsRecord: true,
      reference: 'R'.repeat(100),
      reportedOn: '2026-01-06',
      actionTaken: 'A'.repeat(4000),
    })),
    otherInformation: 'O'.repeat(20_000),
  };
  const large: ReturnRequestView = {
    ...view,
    agencyName: 'P'.repeat(120),
    incidents,
    returns: [biggest, biggest],
    openUrl: 'https://asb.example.gov.uk/return?caseId=case-1&requestId=req-police',
  };
  const values: ReturnFormValues = { otherInformation: 'O'.repeat(20_000) };
  incidents.forEach((_, i) => {
    values[`holds_${i + 1}`] = 'yes';
    values[`reference_${i + 1}`] = 'R'.repeat(100);
    values[`reportedOn_${i + 1}`] = '2026-01-06';
    values[`actionTaken_${i + 1}`] = 'A'.repeat(4000);
  });
  const userIds = Array.from({ length: 60 }, (_, i) => `29:${'u'.repeat(40)}${i}`);
  /** The card as Teams receives it: inside a message activity. */
  const activityBytes = (card: CardJson) =>
    cardBytes({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
    });

  it('is the largest input the schemas accept', () => {
    const payload = {
      requestId: 'req-police',
      agencyId: 'police',
      receivedOn: biggest.receivedOn,
      incidents: biggest.incidents,
      otherInformation: biggest.otherInformation,
      submittedBy: 'police-1',
    };
    expect(eventPayloads['return-received'].safeParse(payload).success).toBe(true);
    const more = { ...payload, incidents: [...payload.incidents, payload.incidents[0]!] };
    expect(eventPayloads['return-received'].safeParse(more).success).toBe(false);
    const longer = { ...payload, otherInformation: `${payload.otherInformation}O` };
    expect(eventPayloads['return-received'].safeParse(longer).success).toBe(false);
  });

  it.each([
    ['the answers (detail)', { mode: 'detail', canAmend: true } as const, true],
    ['the summary', { mode: 'summary', note: 'You see this read-only.' } as const, false],
    ['the form', { mode: 'form', submissionId: 's-1' } as const, true],
    ['the form to correct it', { mode: 'form', submissionId: 's-1', values } as const, true],
  ])('%s stays under 80 KB, and links to the tab when it is cut', (_name, state, cut) => {
    const card = returnCard(large, state, userIds);
    expect(activityBytes(card)).toBeLessThan(LIMIT);
    expect(cardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    if (!cut) return void expect(text).not.toContain('Action.OpenUrl');
    expect(text).toContain('"type":"Action.OpenUrl"');
    expect(text).toContain(large.openUrl);
    expect(text).toMatch(/open the tab|Answer it in the tab/);
  });

  it('keeps as much as fits: the first answers shortened, not dropped', () => {
    const card = JSON.stringify(returnCard(large, { mode: 'detail', canAmend: true }, userIds));
    expect(card).toContain('"title":"Incident 1"');
    expect(card).toMatch(/more incidents are not shown here, and long answers are shortened/);
    expect(card).not.toContain('A'.repeat(4000));
  });

  it('answers a form too big for a card in the tab, with no inputs to half-fill', () => {
    const card = returnCard(large, { mode: 'form', submissionId: 's-1' }, userIds);
    expect(JSON.stringify(card)).not.toContain('"id":"holds_1"');
    expect(JSON.stringify(card)).toContain('200 incidents: too many to answer in a Teams card');
  });

  it('leaves an ordinary return whole, with no link', () => {
    const card = returnCard({ ...returned, openUrl: large.openUrl }, { mode: 'detail', canAmend: true });
    expect(JSON.stringify(card)).not.toContain('Action.OpenUrl');
    expect(JSON.stringify(card)).toContain('action: Warning');
  });
});
