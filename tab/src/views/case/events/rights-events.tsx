import { openRights, type ApplicantRight } from '../../../../../shared';
import { formatDate } from '../../../lib/format';
import type { Problem } from '../../../lib/problems';
import { spec, type CaseContext, type FieldsProps } from '../event-dialog';
import { Choice, DateInput, LongText, useFieldStyles } from '../fields';

/**
 * The dialogs for the applicant's rights and for telling them a decision: a waiver (recorded, so a case can
 * close while a right would otherwise be open), a reopening, and a recorded contact that tells the
 * applicant a decision (a duty is met by the act that meets it, never by a default date).
 */

const contactMethods = [
  { value: 'phone', label: 'Phone' },
  { value: 'letter', label: 'Letter' },
  { value: 'email', label: 'Email' },
  { value: 'in-person', label: 'In person' },
  { value: 'other', label: 'Other' },
] as const;

const rightLabel = (right: ApplicantRight) =>
  right === 'appeal' ? "Appeal the review's outcome" : 'Ask for a review of the decision';

// ---------------------------------------------------------------------------------------------------------
// Waiver

interface WaiverForm {
  right: ApplicantRight | '';
  waivedOn: string;
  how: 'in-writing' | 'email' | 'phone' | 'in-person' | 'other';
  note: string;
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
  Fields: ({ form, set, problems, ctx }: FieldsProps<WaiverForm>) => {
    const styles = useFieldStyles();
    const rights = openRights(ctx.detail.state, ctx.policy, form.waivedOn || ctx.today);
    return (
      <>
        <Choice
          path="right"
          label="The right"
          required
          value={form.right}
          problems={problems}
          placeholder="Choose..."
          options={rights.map((r) => ({
            value: r.right,
            label: `${rightLabel(r.right)}${r.until ? `, open until ${formatDate(r.until)}` : ' (no time limit)'}`,
          }))}
          onChange={(right) => set({ right })}
        />
        <div className={styles.two}>
          <DateInput
            path="waivedOn"
            label="Waived on"
            required
            value={form.waivedOn}
            max={ctx.today}
            problems={problems}
            onChange={(waivedOn) => set({ waivedOn })}
          />
          <Choice
            path="how"
            label="How the applicant said so"
            required
            value={form.how}
            problems={problems}
            options={[
              { value: 'in-writing', label: 'In writing' },
              { value: 'email', label: 'Email' },
              { value: 'phone', label: 'Phone' },
              { value: 'in-person', label: 'In person' },
              { value: 'other', label: 'Other' },
            ]}
            onChange={(how) => set({ how })}
          />
        </div>
        <LongText
          path="note"
          label="Note"
          value={form.note}
          maxLength={2000}
          problems={problems}
          onChange={(note) => set({ note })}
        />
      </>
    );
  },
});

// ---------------------------------------------------------------------------------------------------------
// Reopening

interface ReopenForm {
  reopenedOn: string;
  reason: string;
}

export const caseReopened = spec<ReopenForm>({
  type: 'case-reopened',
  button: 'Reopen case',
  title: 'Reopen the case',
  intro: () =>
    'A review request or appeal received after closure reopens the case by itself; reopen here for any other reason, which is recorded.',
  init: (ctx) => ({ reopenedOn: ctx.today, reason: '' }),
  payload: (f) => ({ reopenedOn: f.reopenedOn, reason: f.reason.trim() }),
  submit: 'Reopen the case',
  Fields: ({ form, set, problems, ctx }: FieldsProps<ReopenForm>) => (
    <>
      <DateInput
        path="reopenedOn"
        label="Reopened on"
        required
        value={form.reopenedOn}
        max={ctx.today}
        problems={problems}
        onChange={(reopenedOn) => set({ reopenedOn })}
      />
      <LongText
        path="reason"
        label="Why"
        required
        value={form.reason}
        maxLength={2000}
        problems={problems}
        onChange={(reason) => set({ reason })}
      />
    </>
  ),
});

// ---------------------------------------------------------------------------------------------------------
// Telling the applicant a decision

interface ToldForm {
  /** "decision", or the id of a decided appeal. */
  about: string;
  toldOn: string;
  method: (typeof contactMethods)[number]['value'];
}

/** The decisions the applicant has not been told of yet, newest first. */
function untoldDecisions(ctx: CaseContext): { value: string; label: string }[] {
  const s = ctx.detail.state;
  const decision = s.decisions.at(-1);
  return [
    ...s.appeals
      .filter((a) => a.decidedOn && !a.notifiedOn)
      .reverse()
      .map((a) => ({
        value: a.appealId,
        label: `The ${a.kind === 'threshold-review' ? 'review' : 'appeal'} decision of ${formatDate(a.decidedOn, 'short')}`,
      })),
    ...(decision && !decision.notifiedOn
      ? [{ value: 'decision', label: `The threshold decision of ${formatDate(decision.decidedOn, 'short')}` }]
      : []),
  ];
}

export const applicantTold = spec<ToldForm>({
  type: 'applicant-told',
  button: 'Applicant told',
  title: 'Record that the applicant was told a decision',
  intro: () =>
    'For a phone call, email or meeting that told the applicant. Issuing the CT3, CT4 or appeal decision letter records this for you.',
  init: (ctx) => ({ about: untoldDecisions(ctx)[0]?.value ?? '', toldOn: ctx.today, method: 'phone' }),
  payload: (f) =>
    f.about === 'decision'
      ? { about: 'threshold-decision', toldOn: f.toldOn, method: f.method }
      : { about: 'appeal-decision', appealId: f.about, toldOn: f.toldOn, method: f.method },
  check: (f): Problem[] => (f.about ? [] : [{ path: 'about', message: 'Choose the decision.' }]),
  Fields: ({ form, set, problems, ctx }: FieldsProps<ToldForm>) => {
    const styles = useFieldStyles();
    return (
      <>
        <Choice
          path="about"
          label="The decision"
          required
          value={form.about}
          problems={problems}
          placeholder="Choose..."
          options={untoldDecisions(ctx)}
          onChange={(about) => set({ about })}
        />
        <div className={styles.two}>
          <DateInput
            path="toldOn"
            label="Told on"
            required
            value={form.toldOn}
            max={ctx.today}
            problems={problems}
            onChange={(toldOn) => set({ toldOn })}
          />
          <Choice
            path="method"
            label="How"
            required
            value={form.method}
            problems={problems}
            options={contactMethods}
            onChange={(method) => set({ method })}
          />
        </div>
      </>
    );
  },
});
