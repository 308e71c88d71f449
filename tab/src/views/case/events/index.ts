import type { EventType } from '../../../../../shared';
import { acknowledged } from './acknowledged';
import { actionUpdated } from './action-updated';
import { appealDecided } from './appeal-decided';
import { appealHeard } from './appeal-heard';
import { appealLodged } from './appeal-lodged';
import { applicantTold } from './applicant-told';
import { applicationAmended } from './application-amended';
import { caseClosed } from './case-closed';
import { caseReopened } from './case-reopened';
import type { AnySpec } from './event-spec';
import { minutesCirculated } from './minutes-circulated';
import { noteAdded } from './note-added';
import { outcomeSent } from './outcome-sent';
import { returnReceived } from './return-received';
import { returnsRequested } from './returns-requested';
import { reviewHeld } from './review-held';
import { rightWaived } from './right-waived';
import { thresholdDecided } from './threshold-decided';
import { thresholdReviewRequested } from './threshold-review-requested';
import { victimContacted } from './victim-contacted';

/**
 * The dialogs that move a case on, one file each, by the event they record. Each turns its fields into the
 * event's payload; the shared payload schema checks it before it is sent, and the server's problems come
 * back by the same paths (`attendees[1].name`), so each shows beside its field. Booking and cancelling the
 * panel are not here: the Panel meeting section books them in the calendar (panel-booking/).
 */
export const eventSpecs: Partial<Record<EventType, AnySpec>> = {
  acknowledged,
  'threshold-decided': thresholdDecided,
  'threshold-review-requested': thresholdReviewRequested,
  'returns-requested': returnsRequested,
  'return-received': returnReceived,
  'victim-contacted': victimContacted,
  'review-held': reviewHeld,
  'outcome-sent': outcomeSent,
  'minutes-circulated': minutesCirculated,
  'action-updated': actionUpdated,
  'appeal-lodged': appealLodged,
  'appeal-heard': appealHeard,
  'appeal-decided': appealDecided,
  'case-closed': caseClosed,
  'right-waived': rightWaived,
  'case-reopened': caseReopened,
  'applicant-told': applicantTold,
  'application-amended': applicationAmended,
  'note-added': noteAdded,
};

export { actionUpdateSpec } from './action-updated';
export { defaultClosure } from './case-closed';
export { EventDialog } from './event-dialog';
export type { AnySpec, CaseContext, EventSpec, FieldsProps } from './event-spec';
