import {
  applyEvent,
  caseEventSchema,
  getPolicy,
  reduceCase,
  TransitionError,
  whyNot,
  type CaseEvent,
} from '../../../shared';
import { CaseBuilder, member } from '../../support/case-builder';

/**
 * Issue 17: the victim's own voice through their link, and the messages sent to them. An answer helps only
 * while it can still reach the panel (attendance, impact statement) or shape the draft action plan.
 */

const eastHerts = getPolicy('east-herts');
const agencies = ['ehc', 'herts-police', 'social-housing', 'icb'];
const online = 'online-form';

function reviewHeld(b: CaseBuilder, on: string) {
  b.add('review-held', on, {
    heldOn: on,
    attendees: [member('ehc'), member('herts-police'), member('social-housing')],
    victimParticipation: 'impact-statement',
    recommendations: [],
    actions: [
      {
        id: 'act-1',
        description: 'Patrols',
        ownerAgency: 'herts-police',
        dueOn: '2026-06-01',
        status: 'open',
      },
    ],
  });
}

describe('the victim’s voice (issue 17)', () => {
  it('takes the attendance answer and an impact statement after "met" and before the panel meets', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const early = b.peek(
      'victim-attendance-answered',
      '2026-03-03',
      { answerId: 'a-0', answeredOn: '2026-03-03', choice: 'attend-online' },
      online,
    );
    expect(whyNot(reduceCase(b.events), early, eastHerts)).toMatch(/threshold to be met/);
    b.decided('2026-03-10');
    b.add(
      'victim-attendance-answered',
      '2026-03-11',
      { answerId: 'a-1', answeredOn: '2026-03-11', choice: 'attend-online' },
      online,
    );
    b.add(
      'impact-statement-received',
      '2026-03-12',
      { statementId: 's-1', receivedOn: '2026-03-12', text: 'It has ruined our sleep.' },
      online,
    );
    const state = reduceCase(b.events, eastHerts);
    expect(state.victimVoice?.attendance?.choice).toBe('attend-online');
    expect(state.victimVoice?.statements.map((s) => s.text)).toEqual(['It has ruined our sleep.']);

    reviewHeld(b, '2026-04-14');
    const late = b.peek(
      'impact-statement-received',
      '2026-04-15',
      { statementId: 's-2', receivedOn: '2026-04-15', text: 'More.' },
      online,
    );
    expect(whyNot(reduceCase(b.events), late, eastHerts)).toMatch(/before it meets; it met on 2026-04-14/);
  });

  it('takes a comment on the draft action plan until the outcome is sent', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10');
    const before = b.peek(
      'action-plan-commented',
      '2026-03-11',
      { commentId: 'c-0', receivedOn: '2026-03-11', text: 'x' },
      online,
    );
    expect(whyNot(reduceCase(b.events), before, eastHerts)).toMatch(/no draft action plan yet/);
    reviewHeld(b, '2026-04-14');
    const wrong = b.peek(
      'action-plan-commented',
      '2026-04-15',
      { commentId: 'c-1', receivedOn: '2026-04-15', text: 'x', actionId: 'nope' },
      online,
    );
    // Issue 15: refused by its field, in words, with no internal id.
    expect(whyNot(reduceCase(b.events), wrong, eastHerts)).toMatch(
      /^actionId: that action is not in the plan/,
    );
    expect(whyNot(reduceCase(b.events), wrong, eastHerts)).not.toMatch(/nope/);
    b.add(
      'action-plan-commented',
      '2026-04-15',
      { commentId: 'c-2', receivedOn: '2026-04-15', text: 'Patrols at night please.', actionId: 'act-1' },
      online,
    );
    b.add('outcome-sent', '2026-04-17', {
      sentOn: '2026-04-17',
      method: 'email',
      victimConsultedOn: '2026-04-15',
    });
    const after = b.peek(
      'action-plan-commented',
      '2026-04-18',
      { commentId: 'c-3', receivedOn: '2026-04-18', text: 'x' },
      online,
    );
    expect(whyNot(reduceCase(b.events), after, eastHerts)).toMatch(
      /final: the outcome was sent on 2026-04-17/,
    );
    expect(reduceCase(b.events).victimVoice?.comments).toHaveLength(1);
  });

  it('needs the text or a document for an impact statement', () => {
    const parsed = caseEventSchema.safeParse({
      id: 'x',
      type: 'impact-statement-received',
      actor: online,
      at: '2026-03-12T12:00:00Z',
      payload: { statementId: 's', receivedOn: '2026-03-12' },
    });
    expect(parsed.success).toBe(false);
  });

  it('records messages even after closure, and their delivery only for a message it knows', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies).decided('2026-03-10', 'ineligible');
    b.add('right-waived', '2026-03-11', { right: 'threshold-review', waivedOn: '2026-03-11', how: 'phone' });
    b.add('case-closed', '2026-03-12', {
      closedOn: '2026-03-12',
      reason: 'ineligible',
      victimToldOn: '2026-03-12',
    });
    const sent = b.add(
      'victim-notified',
      '2026-03-12',
      {
        messageId: 'm-1',
        kind: 'closure',
        recipient: 'victim',
        channel: 'email',
        via: 'notify',
        status: 'sending',
        notificationId: 'n-1',
        sentOn: '2026-03-12',
        about: 'e-5',
      },
      'gov-uk-notify',
    );
    expect(sent.type).toBe('victim-notified');
    const unknown = b.peek(
      'victim-message-status',
      '2026-03-12',
      { messageId: 'm-9', status: 'delivered', at: '2026-03-12T12:01:00Z' },
      'gov-uk-notify',
    );
    expect(whyNot(reduceCase(b.events), unknown, eastHerts)).toMatch(/no message m-9/);
    b.add(
      'victim-message-status',
      '2026-03-12',
      { messageId: 'm-1', status: 'delivered', at: '2026-03-12T12:01:00Z' },
      'gov-uk-notify',
    );
    const state = reduceCase(b.events, eastHerts);
    expect(state.status).toBe('closed');
    expect(state.messages).toEqual([
      expect.objectContaining({ messageId: 'm-1', status: 'delivered', kind: 'closure' }),
    ]);
  });

  it('refuses a message to an applicant when the victim applied themselves', () => {
    const b = new CaseBuilder().received('2026-03-02', agencies);
    const event: CaseEvent = b.peek(
      'victim-notified',
      '2026-03-02',
      {
        messageId: 'm',
        kind: 'acknowledgement',
        recipient: 'applicant',
        channel: 'email',
        via: 'notify',
        status: 'sending',
        sentOn: '2026-03-02',
        about: 'e-1',
      },
      'gov-uk-notify',
    );
    expect(() => applyEvent(reduceCase(b.events), event, eastHerts)).toThrow(TransitionError);
  });
});
