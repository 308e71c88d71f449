import { uuid } from '../../../lib/uuid';
import { AppealRequestFields, appealRequestPayload, type AppealRequestForm } from './appeal-request-fields';
import { spec, type FieldsProps } from './event-spec';

function ReviewRequestFields(props: FieldsProps<AppealRequestForm>) {
  return (
    <AppealRequestFields
      {...props}
      receivedLabel="Request received on"
      lateLabel="Reason to accept it out of time (only if late)"
    />
  );
}

export const thresholdReviewRequested = spec<AppealRequestForm>({
  type: 'threshold-review-requested',
  button: 'Review of "not met" requested',
  title: 'The applicant asks for a review of the "not met" decision',
  intro: (ctx) =>
    `Reviewed by: ${ctx.policy.thresholdReview.reviewer.replace(/-/g, ' ')}. A request after the window closes needs a reason to accept it.` +
    (ctx.detail.state.closed ? ' The case is closed: recording the request reopens it.' : ''),
  init: (ctx) => ({
    appealId: uuid(),
    receivedOn: ctx.today,
    grounds: ['threshold-wrongly-refused'],
    detail: '',
    acceptedOutOfTime: '',
  }),
  payload: appealRequestPayload,
  Fields: ReviewRequestFields,
});
