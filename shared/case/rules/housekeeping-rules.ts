import { fail } from '../transition-error';
import { noFutureDates } from './date-rules';
import type { Rules } from './rule';

export const housekeepingRules: Rules<
  | 'letter-issued'
  | 'channel-created'
  | 'case-card-posted'
  | 'note-added'
  | 'legal-hold-set'
  | 'legal-hold-released'
  | 'reminder-sent'
  | 'partner-emailed'
> = {
  'letter-issued'(_state, e) {
    noFutureDates(e, { issuedOn: e.payload.issuedOn });
  },
  'channel-created'(state, e) {
    if (state.teamsChannel) fail(e, 'the case already has its channel.');
  },
  'case-card-posted'(state, e) {
    if (!state.teamsChannel) fail(e, 'the case card is posted after the channel is created.');
  },
  'note-added'() {},
  'legal-hold-set'() {},
  'legal-hold-released'() {},
  'reminder-sent'(_state, e) {
    noFutureDates(e, { sentOn: e.payload.sentOn });
  },
  'partner-emailed'(_state, e) {
    noFutureDates(e, { sentOn: e.payload.sentOn });
  },
};
