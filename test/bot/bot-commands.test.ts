import { getPolicy } from '../../shared';
import type { CaseListPage, Person } from '../../bot/api/contract';
import { answerCommand, commandDeps, parseCommand, type CommandDeps } from '../../bot/app/bot-commands';
import { ForbiddenError } from '../../bot/app/errors';
import { createBotWorld, openCase, requestReturns } from './support/bot-world';

const spoc: Person = { id: 'spoc-1', name: 'Sam Patel', roles: ['spoc', 'manager'], agencyId: 'council' };
const officer: Person = { id: 'police-1', name: 'Priya Shah', roles: ['agency'], agencyId: 'police' };
const chair: Person = { id: 'chair-1', name: 'Jordan Lee', roles: ['panel'] };
const text = (x: unknown) => JSON.stringify(x);

function fakeDeps(overrides: Partial<CommandDeps> = {}) {
  const queries: unknown[] = [];
  const deps: CommandDeps = {
    today: () => '2026-03-06',
    policy: getPolicy('statutory'),
    async listCases(query) {
      queries.push(query);
      const page: CaseListPage = {
        items: [
          {
            caseId: 'c1',
            reference: 'CT-2026-0001',
            title: 'Noise, Example Road area',
            status: 'received',
            spoc: 'spoc-1',
            spocName: 'Sam Patel',
            agencies: ['police'],
            receivedOn: '2026-03-02',
            legalHold: false,
            nextDeadline: {
              clock: '',
              label: 'Next deadline',
              dueOn: '2026-03-09',
              workingDaysLeft: 1,
              overdue: false,
            },
            rag: 'amber',
          },
        ],
        total: 1,
      };
      return page;
    },
    spocDuties: async () => [
      {
        reference: 'CT-2026-0001',
        label: 'Acknowledge the application',
        dueOn: '2026-03-09',
        workingDaysLeft: 1,
        overdue: false,
      },
    ],
    agencyRequests: async () => [
      {
        requestId: 'r1',
        caseId: 'c1',
        agencyId: 'police',
        requestedAt: '2026-03-02T00:00:00.000Z',
        dueOn: '2026-03-05',
        status: 'requested',
        returnedAt: null,
        late: false,
        reference: 'CT-2026-0001',
      },
    ],
    agencyActions: async () => [
      { reference: 'CT-2026-0002', description: 'Patrols on Example Road', dueOn: '2026-03-04' },
    ],
    openCase: async (reference) => `The channel for ${reference} is ready.`,
    ...overrides,
  };
  return { deps, queries };
}

describe('parseCommand', () => {
  it.each([
    ['help', { kind: 'help' }],
    ['  Help! ', { kind: 'help' }],
    ['', { kind: 'help' }],
    ['my cases', { kind: 'my-cases' }],
    ['My  Cases', { kind: 'my-cases' }],
    ['cases', { kind: 'my-cases' }],
    ['due', { kind: 'due' }],
    ["what's due", { kind: 'due' }],
    ['open case CT-2026-0001', { kind: 'open-case', reference: 'CT-2026-0001' }],
    ['Open CT 2026 7', { kind: 'open-case', reference: 'CT 2026 7' }],
    ['<at>ASB Case Review</at> due', { kind: 'due' }],
    ['delete everything', { kind: 'unknown', text: 'delete everything' }],
  ])('%j', (input, expected) => {
    expect(parseCommand(input)).toEqual(expected);
  });
});

describe('answerCommand', () => {
  it('shows help for the person’s role', async () => {
    const { deps } = fakeDeps();
    expect(text(await answerCommand({ kind: 'help' }, spoc, deps))).toContain('where you are the SPOC');
    expect(text(await answerCommand({ kind: 'help' }, officer, deps))).toContain('your agency is on');
  });

  it('lists a SPOC’s own open cases, and an agency member’s agency cases', async () => {
    const { deps, queries } = fakeDeps();
    const mine = await answerCommand({ kind: 'my-cases' }, spoc, deps);
    expect(queries[0]).toMatchObject({ status: 'open', spoc: 'spoc-1' });
    expect(text(mine)).toContain('CT-2026-0001: Noise, Example Road area');
    // The step itself, from the SPOC's duties (issue 15), never "next deadline".
    expect(text(mine)).toContain(
      'Acknowledge the application: due on the next working day, Mon 9 March 2026',
    );
    expect(text(mine)).not.toMatch(/next deadline/i);
    await answerCommand({ kind: 'my-cases' }, officer, deps);
    expect(queries[1]).not.toHaveProperty('spoc');
    expect(text(await answerCommand({ kind: 'my-cases' }, officer, deps))).toContain(
      'Open cases Police is on',
    );
  });

  it('says what is due: the agency’s returns and actions, soonest first, or the SPOC’s clocks', async () => {
    const { deps } = fakeDeps();
    const agency = text(await answerCommand({ kind: 'due' }, officer, deps));
    expect(agency).toContain('Returns and actions Police owes');
    expect(agency).toContain('CT-2026-0001: Return from Police');
    expect(agency).toContain('1 working day overdue');
    expect(agency).toContain('CT-2026-0002: Action: Patrols on Example Road');
    expect(agency.indexOf('CT-2026-0002')).toBeLessThan(agency.indexOf('CT-2026-0001'));
    const mine = text(await answerCommand({ kind: 'due' }, spoc, deps));
    expect(mine).toContain('Acknowledge the application');
    expect(await answerCommand({ kind: 'due' }, chair, deps)).toHaveProperty('text');
  });

  it('opens a case channel, or says why not', async () => {
    const { deps } = fakeDeps();
    expect(await answerCommand({ kind: 'open-case', reference: 'CT-2026-0001' }, spoc, deps)).toEqual({
      text: 'The channel for CT-2026-0001 is ready.',
    });
    const refusing = fakeDeps({
      openCase: async () => {
        throw new ForbiddenError('Only a SPOC can set up a case channel.');
      },
    }).deps;
    expect(await answerCommand({ kind: 'open-case', reference: 'x' }, officer, refusing)).toEqual({
      text: 'Only a SPOC can set up a case channel.',
    });
  });

  it('answers what it does not understand with a pointer to help', async () => {
    const reply = await answerCommand({ kind: 'unknown', text: 'dance' }, spoc, fakeDeps().deps);
    expect(reply).toEqual({ text: 'I did not understand "dance". Type **help** to see what I can do.' });
  });
});

describe('commandDeps on the real service and store', () => {
  it('lists the SPOC’s duties and the agency’s outstanding returns', async () => {
    const world = createBotWorld({ start: '2026-03-02' });
    try {
      const { caseId } = await openCase(world);
      await requestReturns(world, caseId);
      const deps = commandDeps(world.service, world.stores.cases, async () => 'ok');
      const duties = await deps.spocDuties(world.spoc);
      expect(duties.map((d) => d.label)).toEqual([
        'Acknowledge the application',
        'Decide the threshold and tell the applicant',
      ]);
      const requests = await deps.agencyRequests('police');
      expect(requests).toEqual([
        expect.objectContaining({ reference: 'CT-2026-0001', dueOn: '2026-03-09', status: 'requested' }),
      ]);
    } finally {
      await world.close();
    }
  });
});
