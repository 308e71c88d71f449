import { acknowledgementsOutstanding } from '../../../../../shared';
import { formatDate } from '../../../lib/format';
import { DateInput, Radios } from '../../../components/fields';
import { spec, type FieldsProps } from './event-spec';

interface AckForm {
  sentOn: string;
  to: 'victim' | 'third-party' | 'both';
}

function AckFields({ field, ctx }: FieldsProps<AckForm>) {
  const state = ctx.detail.state;
  const thirdParty = state.application.applicant.relationship === 'third-party';
  const done = (on: string | undefined) => (on ? ` (sent ${formatDate(on, 'short')})` : '');
  return (
    <>
      <DateInput {...field('sentOn')} label="Sent on" required max={ctx.today} />
      {thirdParty ? (
        <Radios
          {...field('to')}
          label="Sent to"
          required
          options={[
            { value: 'victim', label: `The victim (CT1)${done(state.acknowledged.victim)}` },
            {
              value: 'third-party',
              label: `The third party who applied (CT2)${done(state.acknowledged.thirdParty)}`,
            },
            { value: 'both', label: 'Both' },
          ]}
        />
      ) : (
        <p style={{ margin: 0 }}>Sent to the victim, who applied.</p>
      )}
    </>
  );
}

export const acknowledged = spec<AckForm>({
  type: 'acknowledged',
  button: 'Acknowledge',
  title: 'Acknowledge the application',
  intro: (ctx) =>
    ctx.detail.state.application.applicant.relationship === 'third-party' &&
    ctx.policy.duties.acknowledgeThirdParty
      ? 'A third party applied: the victim (CT1) and the third party (CT2) are each acknowledged; the clock is met when both are. Issuing the letter records it for you.'
      : 'Record when the acknowledgement was sent. Issuing the CT1 letter records it for you.',
  init: (ctx) => {
    const outstanding = acknowledgementsOutstanding(ctx.detail.state, ctx.policy);
    return {
      sentOn: ctx.today,
      to: outstanding.length === 2 ? 'both' : (outstanding[0] ?? 'victim'),
    };
  },
  payload: (f) => ({ sentOn: f.sentOn, to: f.to }),
  Fields: AckFields,
});
