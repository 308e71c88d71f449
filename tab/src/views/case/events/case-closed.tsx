import { Fieldset } from '../../../components/fieldset';
import { currentDecision, currentReview, openRights } from '../../../../../shared';
import { formatDate } from '../../../lib/format';
import { closureReasonLabels } from '../../../lib/labels';
import type { Problem } from '../../../lib/problems';
import { DateInput, LongText, Radios, Tick, optionsOf, useFieldStyles } from '../../../components/fields';
import { blank, opt, spec, type CaseContext, type FieldsProps } from './event-spec';

interface CloseForm {
  closedOn: string;
  reason: keyof typeof closureReasonLabels;
  detail: string;
  victimToldOn: string;
  victimNotToldReason: string;
  keepRightsOpen: boolean;
}

/** The closure reason the case's state suggests (the close dialog and the closure letter). */
export function defaultClosure(ctx: CaseContext): CloseForm['reason'] {
  const s = ctx.detail.state;
  const d = currentDecision(s);
  if (s.appeals.at(-1)?.outcome === 'dismissed') return 'appeal-dismissed';
  if (d?.outcome === 'not-met') return 'threshold-not-met';
  if (d?.outcome === 'ineligible') return 'ineligible';
  if (currentReview(s)?.outcomeSentOn) return 'actions-complete';
  return 'withdrawn';
}

/** A closure letter issued since the case was (re)opened: it tells the victim when and why. */
const closureLetter = (ctx: CaseContext) => {
  const s = ctx.detail.state;
  const since = s.reopenings.at(-1)?.reopenedOn ?? s.receivedOn;
  return s.letters.find((l) => l.kind === 'closure' && l.issuedOn >= since);
};

function CloseFields({ form, set, problems, field, ctx }: FieldsProps<CloseForm>) {
  const styles = useFieldStyles();
  const rights = openRights(ctx.detail.state, ctx.policy, form.closedOn || ctx.today);
  const letter = closureLetter(ctx);
  return (
    <>
      <Radios {...field('reason')} label="Why it closes" required options={optionsOf(closureReasonLabels)} />
      <LongText {...field('detail')} label="Details" required={form.reason === 'other'} maxLength={4000} />
      <DateInput {...field('closedOn')} label="Closed on" required max={ctx.today} />
      {rights.length > 0 && (
        <Fieldset legend="The applicant's rights still open" path="keepRightsOpen" problems={problems}>
          <ul style={{ margin: 0 }}>
            {rights.map((r) => (
              <li key={r.right}>
                {r.right === 'appeal' ? 'Appeal the outcome' : 'Ask for a review of the decision'}
                {r.until ? ` until ${formatDate(r.until)}` : ' (no time limit)'}
              </li>
            ))}
          </ul>
          <Tick
            path="keepRightsOpen"
            problems={problems}
            checked={form.keepRightsOpen}
            onChange={(keepRightsOpen) => set({ keepRightsOpen })}
            label="Close keeping these rights open: a request or appeal that arrives later reopens the case"
          />
          <p style={{ margin: 0 }}>
            Otherwise record that the applicant waived them first, or wait until they end.
          </p>
        </Fieldset>
      )}
      <div className={styles.two}>
        <DateInput
          {...field('victimToldOn')}
          label="Victim told when and why on"
          required={ctx.policy.duties.closureNotice && !letter && blank(form.victimNotToldReason)}
          max={ctx.today}
          {...(letter ? { hint: `The closure letter went on ${formatDate(letter.issuedOn)}.` } : {})}
        />
        {!form.victimToldOn && !letter && (
          <LongText {...field('victimNotToldReason')} label="Why the victim was not told" maxLength={2000} />
        )}
      </div>
    </>
  );
}

export const caseClosed = spec<CloseForm>({
  type: 'case-closed',
  button: 'Close case',
  title: 'Close the case',
  intro: (ctx) =>
    ctx.policy.duties.closureNotice
      ? 'The 2025 statutory guidance: the victim is told when and why the case will close (the closure letter can go in advance). A right the applicant still has stays open unless they waived it.'
      : 'A right the applicant still has stays open unless they waived it.',
  init: (ctx) => ({
    closedOn: ctx.today,
    reason: defaultClosure(ctx),
    detail: '',
    victimToldOn: '',
    victimNotToldReason: '',
    keepRightsOpen: true,
  }),
  payload: (f, ctx) => ({
    closedOn: f.closedOn,
    reason: f.reason,
    ...opt('detail', f.detail.trim()),
    ...opt('victimToldOn', f.victimToldOn),
    ...(f.victimToldOn ? {} : opt('victimNotToldReason', f.victimNotToldReason.trim())),
    ...(f.keepRightsOpen && openRights(ctx.detail.state, ctx.policy, f.closedOn || ctx.today).length > 0
      ? { keepRightsOpen: true }
      : {}),
  }),
  check: (f, ctx) => {
    const out: Problem[] = [];
    if (f.reason === 'other' && blank(f.detail))
      out.push({ path: 'detail', message: 'Say why the case is closing.' });
    if (
      ctx.policy.duties.closureNotice &&
      !f.victimToldOn &&
      !closureLetter(ctx) &&
      blank(f.victimNotToldReason)
    )
      out.push({
        path: 'victimToldOn',
        message: 'Give the date the victim was told when and why the case closes, or say why they were not.',
      });
    return out;
  },
  submit: 'Close the case',
  Fields: CloseFields,
});
