import { Checkbox } from '@fluentui/react-components';
import { Fieldset } from '../../../components/fieldset';
import { agenciesToAsk } from '../../../lib/case-helpers';
import { uuid } from '../../../lib/uuid';
import { DateInput, useFieldStyles } from '../../../components/fields';
import { spec, type FieldsProps } from './event-spec';

interface ReturnsForm {
  requestedOn: string;
  agencies: string[];
}

function ReturnsFields({ form, set, problems, field, ctx }: FieldsProps<ReturnsForm>) {
  const styles = useFieldStyles();
  const waiting = new Set(
    ctx.detail.state.requests.filter((r) => r.returns.length === 0).map((r) => r.agencyId),
  );
  return (
    <>
      <DateInput {...field('requestedOn')} label="Requested on" required max={ctx.today} />
      <Fieldset
        legend="Agencies to ask"
        path="requests"
        problems={problems}
        hint="An agency with an unanswered request cannot be asked again until it answers."
      >
        <div className={styles.checks}>
          {ctx.policy.agencies.map((a) => (
            <Checkbox
              key={a.id}
              label={`${a.name}${waiting.has(a.id) ? ' (waiting for an answer)' : ''}`}
              disabled={waiting.has(a.id)}
              checked={form.agencies.includes(a.id)}
              onChange={(_, d) =>
                set({
                  agencies:
                    d.checked === true ? [...form.agencies, a.id] : form.agencies.filter((x) => x !== a.id),
                })
              }
            />
          ))}
        </div>
      </Fieldset>
    </>
  );
}

export const returnsRequested = spec<ReturnsForm>({
  type: 'returns-requested',
  button: 'Request returns',
  title: 'Ask agencies what they hold',
  intro: (ctx) =>
    `Each agency is asked about every incident in the application (${ctx.detail.state.application.incidents.length}) and has ${ctx.policy.clocks.agencyReturn.amount} ${ctx.policy.clocks.agencyReturn.unit.replace('-', ' ')} to answer.`,
  init: (ctx) => ({ requestedOn: ctx.today, agencies: agenciesToAsk(ctx.detail) }),
  payload: (f, ctx) => ({
    requestedOn: f.requestedOn,
    requests: f.agencies.map((agencyId) => ({ requestId: `${agencyId}-${uuid().slice(0, 8)}`, agencyId })),
    incidentIds: ctx.detail.state.application.incidents.map((i) => i.id),
  }),
  check: (f) =>
    f.agencies.length === 0 ? [{ path: 'requests', message: 'Choose at least one agency.' }] : [],
  Fields: ReturnsFields,
});
