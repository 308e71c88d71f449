import { Checkbox } from '@fluentui/react-components';
import { openAppeals } from '../../../../../shared';
import { Fieldset } from '../../../components/fieldset';
import { formatDate } from '../../../lib/format';
import { appealGroundLabels } from '../../../lib/labels';
import {
  Choice,
  DateInput,
  LongText,
  optionsOf,
  useFieldStyles,
  type Bound,
} from '../../../components/fields';
import { opt, type CaseContext, type FieldsProps, type Option } from './event-spec';

/** What a review request and an appeal both hold: when it came, the grounds, and a late one's reason. */
export interface AppealRequestForm {
  appealId: string;
  receivedOn: string;
  grounds: string[];
  detail: string;
  acceptedOutOfTime: string;
}

export const appealRequestPayload = (f: AppealRequestForm) => ({
  appealId: f.appealId,
  receivedOn: f.receivedOn,
  grounds: f.grounds,
  ...opt('detail', f.detail.trim()),
  ...opt('acceptedOutOfTime', f.acceptedOutOfTime.trim()),
});

function Grounds({ field }: Pick<FieldsProps<AppealRequestForm>, 'field'>) {
  const styles = useFieldStyles();
  const { value, onChange, problems } = field('grounds');
  return (
    <Fieldset legend="Grounds" path="grounds" problems={problems}>
      <div className={styles.checks}>
        {optionsOf(appealGroundLabels).map((o) => (
          <Checkbox
            key={o.value}
            label={o.label}
            checked={value.includes(o.value)}
            onChange={(_, d) =>
              onChange(d.checked === true ? [...value, o.value] : value.filter((v) => v !== o.value))
            }
          />
        ))}
      </div>
    </Fieldset>
  );
}

/** The received date, the grounds, the details and the reason to accept it late. */
export function AppealRequestFields<F extends AppealRequestForm>({
  field,
  ctx,
  receivedLabel,
  lateLabel,
}: Pick<FieldsProps<F>, 'field' | 'ctx'> & { receivedLabel: string; lateLabel: string }) {
  const f = field as unknown as FieldsProps<AppealRequestForm>['field'];
  return (
    <>
      <DateInput {...f('receivedOn')} label={receivedLabel} required max={ctx.today} />
      <Grounds field={f} />
      <LongText {...f('detail')} label="Details" maxLength={5000} />
      <LongText {...f('acceptedOutOfTime')} label={lateLabel} maxLength={1000} />
    </>
  );
}

/** The open reviews and appeals, to choose which one a step is about. */
export const appealOptions = (ctx: CaseContext, notHeardOnly: boolean): Option<string>[] =>
  openAppeals(ctx.detail.state)
    .filter((a) => !notHeardOnly || !a.heardOn)
    .map((a) => ({
      value: a.appealId,
      label: `${a.kind === 'threshold-review' ? 'Review of the decision' : 'Appeal'} received ${formatDate(a.receivedOn, 'short')}`,
    }));

/** Which review or appeal a step is about. */
export function AppealChoice(props: Bound<string> & { ctx: CaseContext; notHeardOnly: boolean }) {
  const { ctx, notHeardOnly, ...bound } = props;
  const options = appealOptions(ctx, notHeardOnly);
  return <Choice {...bound} label="Appeal" required placeholder="Choose..." options={options} />;
}

/**
 * When a decision was made and, if already, when the applicant was told: left blank until they are, as
 * issuing `letter` records it (a duty is met by the act that meets it, never by a default date).
 */
export function DecidedAndTold({
  decided,
  told,
  today,
  letter,
}: {
  decided: Bound<string>;
  told: Bound<string>;
  today: string;
  letter: string;
}) {
  const styles = useFieldStyles();
  const hint = `Leave blank until they are told: issuing ${letter} records it.`;
  return (
    <div className={styles.two}>
      <DateInput {...decided} label="Decided on" required max={today} />
      <DateInput {...told} label="Applicant already told on" max={today} hint={hint} />
    </div>
  );
}
