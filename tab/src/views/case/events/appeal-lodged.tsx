import { currentReview } from '../../../../../shared';
import { uuid } from '../../../lib/uuid';
import { Radios } from '../../../components/fields';
import { AppealRequestFields, appealRequestPayload, type AppealRequestForm } from './appeal-request-fields';
import { spec, type FieldsProps } from './event-spec';
import { appealAgainstOptions } from './options';

interface AppealForm extends AppealRequestForm {
  against: 'threshold-decision' | 'review-outcome';
}

function AppealFields(props: FieldsProps<AppealForm>) {
  return (
    <>
      <Radios {...props.field('against')} label="Against" required options={appealAgainstOptions} />
      <AppealRequestFields
        {...props}
        receivedLabel="Received on"
        lateLabel="Reason to accept it out of time (only if late, or the right was waived)"
      />
    </>
  );
}

export const appealLodged = spec<AppealForm>({
  type: 'appeal-lodged',
  button: 'Appeal lodged',
  title: 'Record an appeal',
  intro: (ctx) =>
    `Appeals are heard by ${ctx.policy.appeals.hearer}.` +
    (ctx.detail.state.closed ? ' The case is closed: recording the appeal reopens it.' : ''),
  init: (ctx) => ({
    appealId: uuid(),
    receivedOn: ctx.today,
    against: currentReview(ctx.detail.state)?.outcomeSentOn ? 'review-outcome' : 'threshold-decision',
    grounds: [],
    detail: '',
    acceptedOutOfTime: '',
  }),
  payload: (f) => {
    const { appealId, receivedOn, ...rest } = appealRequestPayload(f);
    return { appealId, receivedOn, against: f.against, ...rest };
  },
  check: (f) =>
    f.grounds.length === 0 ? [{ path: 'grounds', message: 'Tick at least one ground of appeal.' }] : [],
  Fields: AppealFields,
});
