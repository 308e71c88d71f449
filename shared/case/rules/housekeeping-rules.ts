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
  | 'document-added'
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
  'document-added'(state, e) {
    const p = e.payload;
    noFutureDates(e, { addedOn: p.addedOn });
    if (state.documents?.some((d) => d.fileId === p.fileId))
      fail(e, 'that document is on the case already.', 'file');
    if (p.agencyId && !state.agencies.includes(p.agencyId))
      fail(e, 'only an agency on the case can add a document for itself.', 'agencyId');
    if (p.agencyId && p.sharedWithPanel)
      fail(
        e,
        "an agency's document is for the officers and that agency; an officer shares with the panel.",
        'sharedWithPanel',
      );
  },
};
