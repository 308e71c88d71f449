import fc from 'fast-check';
import {
  applyEvent,
  assessThreshold,
  caseEventSchema,
  deadlines,
  fieldChanges,
  getPolicy,
  reduceCase,
  whyNot,
  type Application,
} from '../../../shared';
import { CaseBuilder, member, sampleApplication } from '../../support/case-builder';

/** Issue 15: notes are read back, and the SPOC corrects the application and contact details as events. */

const statutory = getPolicy('statutory');
const victim = {
  name: 'Jane Example',
  address: '1 High Street, Hertford',
  postcode: 'SG13 8EQ',
  phone: '01279 655261',
};

function opened(incidents = ['2026-01-05', '2026-01-20']) {
  const b = new CaseBuilder();
  b.add('application-received', '2026-03-02', {
    receivedOn: '2026-03-02',
    channel: 'email',
    application: sampleApplication('2026-03-02', incidents),
    spoc: 'spoc-1',
    agencies: ['police'],
    parties: { victim },
  });
  return b;
}

describe('notes and contact details are kept in the state (issue 15)', () => {
  it('keeps the contact details and each note with who wrote it', () => {
    const b = opened();
    b.add('note-added', '2026-03-03', { text: 'Rang Jane: she prefers calls after 5pm.' });
    const state = reduceCase(b.events);
    expect(state.parties?.victim.phone).toBe('01279 655261');
    expect(state.notes).toEqual([
      expect.objectContaining({ actor: 'spoc-1', text: 'Rang Jane: she prefers calls after 5pm.' }),
    ]);
  });

  it('refuses "abc" as a phone number and a made-up postcode, in words an officer uses', () => {
    const b = opened();
    const bad = b.peek('application-amended', '2026-03-03', {
      reason: 'typo',
      parties: { victim: { ...victim, phone: 'abc', postcode: 'XX1' } },
    });
    const parsed = caseEventSchema.safeParse(bad);
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^payload\.parties\.victim\.phone: Enter a UK phone number/),
        expect.stringMatching(/^payload\.parties\.victim\.postcode: Enter a full UK postcode/),
      ]),
    );
    expect(caseEventSchema.safeParse(b.peek('note-added', '2026-03-03', { text: 'x' })).success).toBe(true);
  });
});

describe('corrections as events (issue 15)', () => {
  it('corrects the contact details, keeping before and after, who and why', () => {
    const b = opened();
    b.add('application-amended', '2026-03-04', {
      reason: 'Jane gave a new mobile number',
      parties: { victim: { ...victim, phone: '07911 123456' } },
    });
    const state = reduceCase(b.events);
    expect(state.parties?.victim.phone).toBe('07911 123456');
    expect(state.amendments).toEqual([
      expect.objectContaining({
        actor: 'spoc-1',
        reason: 'Jane gave a new mobile number',
        changes: [{ field: 'parties.victim.phone', before: '01279 655261', after: '07911 123456' }],
      }),
    ]);
    expect(state.timeline.at(-1)?.type).toBe('application-amended');
  });

  it('the threshold advice follows a corrected incident list', () => {
    const b = opened(['2026-01-05', '2026-01-20']);
    const before = assessThreshold(reduceCase(b.events).application, statutory);
    const corrected: Application = sampleApplication('2026-03-02', [
      '2026-01-05',
      '2026-01-20',
      '2026-02-10',
    ]);
    b.add('application-amended', '2026-03-04', {
      reason: 'A third incident was missed',
      application: corrected,
    });
    const state = reduceCase(b.events);
    const after = assessThreshold(state.application, statutory);
    expect(after.qualifyingCount).toBe(before.qualifyingCount + 1);
    expect(state.amendments![0]!.changes.map((c) => c.field)).toContain('application.incidents.2.occurredOn');
  });

  it('the clocks follow a corrected date of receipt', () => {
    const b = opened();
    const dueBefore = deadlines(reduceCase(b.events), statutory, '2026-03-02').map((d) => d.dueOn);
    b.add('application-amended', '2026-03-04', {
      reason: 'The email arrived on the Friday before',
      application: sampleApplication('2026-02-27', ['2026-01-05', '2026-01-20']),
    });
    const state = reduceCase(b.events);
    expect(state.receivedOn).toBe('2026-02-27');
    const dueAfter = deadlines(state, statutory, '2026-03-02').map((d) => d.dueOn);
    expect(dueAfter).not.toEqual(dueBefore);
    expect(dueAfter.every((d, i) => d <= dueBefore[i]!)).toBe(true);
  });

  it('refuses a correction that changes nothing, a future date, or a date after the first step', () => {
    const b = opened();
    const same = b.peek('application-amended', '2026-03-04', { reason: 'check', parties: { victim } });
    expect(whyNot(reduceCase(b.events), same, statutory)).toMatch(/nothing differs/);
    const future = b.peek('application-amended', '2026-03-04', {
      reason: 'wrong',
      application: sampleApplication('2026-03-09', ['2026-01-05', '2026-01-20']),
    });
    expect(whyNot(reduceCase(b.events), future, statutory)).toMatch(
      /application\.receivedOn: .*after the day/,
    );
    b.add('acknowledged', '2026-03-03', { sentOn: '2026-03-03', to: 'victim' } as never);
    const late = b.peek('application-amended', '2026-03-04', {
      reason: 'wrong',
      application: sampleApplication('2026-03-04', ['2026-01-05', '2026-01-20']),
    });
    expect(whyNot(reduceCase(b.events), late, statutory)).toMatch(/first step \(2026-03-03\)/);
  });

  it('corrects a case after its decision: the decision stands, the record is right', () => {
    const b = opened();
    b.decided('2026-03-05', 'ineligible');
    const state = reduceCase(b.events);
    const amend = b.peek('application-amended', '2026-03-06', {
      reason: 'x',
      parties: { victim: { ...victim, name: 'Jane Exemplar' } },
    });
    const after = applyEvent(state, amend, statutory);
    expect(after.parties?.victim.name).toBe('Jane Exemplar');
    expect(after.decisions).toEqual(state.decisions);
  });
});

describe('fieldChanges', () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  it('finds no change between a value and itself, and a change for every differing field', () => {
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(fieldChanges(a, a)).toEqual([]);
        for (const c of fieldChanges(a, b)) expect(c.before).not.toBe(c.after);
      }),
    );
  });
});

describe('a review recorded before its booked meeting (issue 15)', () => {
  it('is refused beside its date, and taken on or after the meeting', () => {
    const b = new CaseBuilder().received('2026-03-02', ['police', 'council', 'housing']);
    b.decided('2026-03-05');
    b.add('panel-booked', '2026-03-06', {
      bookingId: 'b-1',
      start: '2026-03-20T10:00:00Z',
      end: '2026-03-20T11:00:00Z',
      members: [member('police'), member('council'), member('housing')],
      chair: { name: 'Chair', organisation: 'Council', independent: false },
      victimParticipation: 'undecided',
    });
    const review = (on: string) =>
      b.peek('review-held', on, {
        heldOn: on,
        attendees: [member('police'), member('council'), member('housing')],
        victimParticipation: 'none',
        recommendations: [],
        actions: [],
      });
    const state = reduceCase(b.events);
    expect(whyNot(state, review('2026-03-13'), statutory)).toMatch(
      /^heldOn: the panel is booked for 2026-03-20/,
    );
    expect(whyNot(state, review('2026-03-20'), statutory)).toBeUndefined();
  });
});

describe('actions with a named owner (issue 15)', () => {
  it('keeps the person responsible, and takes a new one when the agency updates the action', () => {
    const b = new CaseBuilder().received('2026-03-02', ['police', 'council', 'housing']);
    b.decided('2026-03-05');
    b.add('review-held', '2026-03-10', {
      heldOn: '2026-03-10',
      attendees: [member('police'), member('council'), member('housing')],
      victimParticipation: 'none',
      recommendations: [],
      actions: [
        {
          id: 'a-1',
          description: 'Patrols on Example Road',
          ownerAgency: 'police',
          ownerPerson: 'PC Jones',
          dueOn: '2026-04-10',
          status: 'open',
        },
      ],
    });
    expect(reduceCase(b.events).actions[0]).toMatchObject({ ownerPerson: 'PC Jones' });
    b.add(
      'action-updated',
      '2026-03-12',
      { actionId: 'a-1', status: 'in-progress', ownerPerson: 'PC Smith' },
      'police-1',
    );
    expect(reduceCase(b.events).actions[0]).toMatchObject({ ownerPerson: 'PC Smith', status: 'in-progress' });
    expect(whyNot(reduceCase(b.events.slice(0, -1)), b.events.at(-1)!, statutory)).toBeUndefined();
  });

  it('refuses a new due date in the past, in words, but lets an overdue action keep its date', () => {
    const b = new CaseBuilder().received('2026-03-02', ['police', 'council', 'housing']);
    b.decided('2026-03-05');
    b.add('review-held', '2026-03-10', {
      heldOn: '2026-03-10',
      attendees: [member('police'), member('council'), member('housing')],
      victimParticipation: 'none',
      recommendations: [],
      actions: [
        { id: 'a-1', description: 'Patrols', ownerAgency: 'police', dueOn: '2026-04-10', status: 'open' },
      ],
    });
    const state = reduceCase(b.events);
    const past = b.peek('action-updated', '2026-03-20', {
      actionId: 'a-1',
      status: 'open',
      dueOn: '2026-03-19',
    });
    const refused = whyNot(state, past, statutory);
    expect(refused).toMatch(
      /^dueOn: The new due date cannot be in the past: choose today \(20 March 2026\) or later\.$/,
    );
    const today = b.peek('action-updated', '2026-03-20', {
      actionId: 'a-1',
      status: 'open',
      dueOn: '2026-03-20',
    });
    expect(whyNot(state, today, statutory)).toBeUndefined();
    // Long overdue, its date unchanged: only the status moves.
    const late = b.peek('action-updated', '2027-01-04', {
      actionId: 'a-1',
      status: 'in-progress',
      dueOn: state.actions[0]!.dueOn,
    });
    expect(whyNot(state, late, statutory)).toBeUndefined();
  });
});
