import { currentDecision, currentReview, openActions, type CaseState } from '../case-state';
import { openRights } from '../rights';
import { fail } from '../transition-error';
import { noFutureDates, notBefore } from './date-rules';
import { requireNoOpenAppeal, type Rules } from './rule';

/** A closure letter issued since the case was last opened: the victim was told when and why it closes. */
function closureLetterSince(state: CaseState): string | undefined {
  const since = state.reopenings.at(-1)?.reopenedOn ?? state.receivedOn;
  return state.letters.find((l) => l.kind === 'closure' && l.issuedOn >= since)?.issuedOn;
}

export const closureRules: Rules<'case-closed' | 'right-waived' | 'case-reopened'> = {
  /**
   * No step may take a right away (Sch 4 para 3; East Herts s.11, s.13): a case closes while a review
   * request or appeal is still open to the applicant only if they waived it (right-waived) or the closure
   * keeps it open (keepRightsOpen), so that a request arriving later reopens the case.
   */
  'case-closed'(state, e, policy) {
    const p = e.payload;
    noFutureDates(e, { closedOn: p.closedOn, victimToldOn: p.victimToldOn });
    notBefore(e, 'closedOn', p.closedOn, state.receivedOn, 'the application was received');
    if (p.victimToldOn)
      notBefore(e, 'victimToldOn', p.victimToldOn, state.receivedOn, 'the application was received');
    if (p.reason !== 'withdrawn') requireNoOpenAppeal(state, e);
    const decision = currentDecision(state);
    switch (p.reason) {
      case 'actions-complete': {
        if (!currentReview(state)?.outcomeSentOn)
          fail(e, 'a case closes on completed actions once the outcome has been sent.', 'reason');
        const open = openActions(state);
        if (open.length)
          fail(e, `${open.length} action(s) are still open: ${open.map((a) => a.id).join(', ')}.`, 'reason');
        break;
      }
      case 'threshold-not-met':
        if (decision?.outcome !== 'not-met')
          fail(e, 'the threshold decision in force is not "not met".', 'reason');
        break;
      case 'ineligible':
        if (decision?.outcome !== 'ineligible')
          fail(e, 'the application was not found ineligible.', 'reason');
        break;
      case 'appeal-dismissed':
        if (state.appeals.at(-1)?.outcome !== 'dismissed')
          fail(e, 'the last appeal was not dismissed.', 'reason');
        break;
      case 'other':
        if (!p.detail?.trim()) fail(e, 'say why the case is closing.', 'detail');
        break;
      case 'withdrawn':
        break;
    }
    const rights = openRights(state, policy, p.closedOn);
    if (rights.length && !p.keepRightsOpen)
      fail(
        e,
        `on ${p.closedOn} the applicant can still ${rights.map((r) => r.what).join('; and ')}. Close keeping ${rights.length === 1 ? 'that right' : 'those rights'} open (a later request reopens the case), record that the applicant waived ${rights.length === 1 ? 'it' : 'them'}, or wait.`,
        'keepRightsOpen',
      );
    if (
      policy.duties.closureNotice &&
      !p.victimToldOn &&
      !closureLetterSince(state) &&
      !p.victimNotToldReason?.trim()
    )
      fail(
        e,
        `${policy.council}'s policy (the 2025 statutory guidance) asks that the victim is told when and why the case will close; give the date they were told, issue the closure letter first, or record why they were not told (victimNotToldReason).`,
        'victimToldOn',
      );
  },

  'right-waived'(state, e, policy) {
    const p = e.payload;
    noFutureDates(e, { waivedOn: p.waivedOn });
    const open = openRights(state, policy, p.waivedOn).find((r) => r.right === p.right);
    if (!open)
      fail(
        e,
        `on ${p.waivedOn} the applicant has no open right to ${p.right === 'appeal' ? 'appeal the outcome' : 'ask for a review of the decision'} to waive.`,
        'right',
      );
    notBefore(e, 'waivedOn', p.waivedOn, open.of, 'the decision it waives the right against');
  },

  'case-reopened'(state, e) {
    noFutureDates(e, { reopenedOn: e.payload.reopenedOn });
    if (!state.closed) fail(e, 'the case is not closed.');
    notBefore(e, 'reopenedOn', e.payload.reopenedOn, state.closed.closedOn, 'the case was closed');
  },
};
