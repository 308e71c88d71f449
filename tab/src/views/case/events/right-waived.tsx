import { openRights, type ApplicantRight } from '../../../../../shared';
import { formatDate } from '../../../lib/format';
import { Choice, DateInput, LongText, useFieldStyles } from '../../../components/fields';
import { spec, type FieldsProps } from './event-spec';
import { waiverMethods } from './options';

/**
 * A waiver: only the applicant can give up a right, and the record says how they did, so a case can close
 * while the right would otherwise be open.
 */

const rightLabel = (right: ApplicantRight) =>
  right === 'appeal' ? "Appeal the review's outcome" : 'Ask for a review of the decision';

interface WaiverForm {
  right: ApplicantRight | '';
  waivedOn: string;
  how: 'in-writing' | 'email' | 'phone' | 'in-person' | 'other';
  note: string;
}

function WaiverFields({ form, field, ctx }: FieldsProps<WaiverForm>) {
  const styles = useFieldStyles();
  const rights = openRights(ctx.detail.state, ctx.policy, form.waivedOn || ctx.today).map((r) => ({
    value: r.right,
    label: `${rightLabel(r.right)}${r.until ? `, open until ${formatDate(r.until)}` : ' (no time limit)'}`,
  }));
  return (
    <>
      <Choice {...field('right')} label="The right" required placeholder="Choose..." options={rights} />
      <div className={styles.two}>
        <DateInput {...field('waivedOn')} label="Waived on" required max={ctx.today} />
        <Choice {...field('how')} label="How the applicant said so" required options={waiverMethods} />
      </div>
      <LongText {...field('note')} label="Note" maxLength={2000} />
    </>
  );
}

export const rightWaived = spec<WaiverForm>({
  type: 'right-waived',
  button: 'Right waived',
  title: 'Record that the applicant waived a right',
  intro: () =>
    'Only the applicant can give up a right, and the record says how they did. A waived right no longer keeps the case open.',
  init: (ctx) => ({
    right: openRights(ctx.detail.state, ctx.policy, ctx.today)[0]?.right ?? '',
    waivedOn: ctx.today,
    how: 'in-writing',
    note: '',
  }),
  payload: (f) => ({
    right: f.right,
    waivedOn: f.waivedOn,
    how: f.how,
    ...(f.note.trim() ? { note: f.note.trim() } : {}),
  }),
  Fields: WaiverFields,
});
