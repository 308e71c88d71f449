import { Button } from '@fluentui/react-components';
import { quorumBodyIds } from '../../../../../shared';
import { Fieldset } from '../../../components/fieldset';
import { uuid } from '../../../lib/uuid';
import { ChairFields, type ChairForm } from '../chair-fields';
import { Choice, DateInput, LongText, RemoveButton, useFieldStyles } from '../fields';
import { agencyOptions, opt, spec, type FieldsProps } from './event-spec';
import { MembersEditor, memberRows, membersOut, type MemberRow } from './members-editor';

interface RecommendationRow {
  key: string;
  id: string;
  text: string;
  ownerAgency: string;
}
interface ActionRow {
  key: string;
  id: string;
  description: string;
  ownerAgency: string;
  dueOn: string;
}

/** The chair may come from a neighbouring authority, outside the policy's agencies (East Herts s.12). */
interface ReviewForm extends ChairForm {
  heldOn: string;
  attendees: MemberRow[];
  victimParticipation: 'attended' | 'impact-statement' | 'none';
  recommendations: RecommendationRow[];
  actions: ActionRow[];
}

/** Rows of one list in the form: change one, remove one, add one. */
function rowsOf<K extends 'recommendations' | 'actions'>(
  form: ReviewForm,
  set: (patch: Partial<ReviewForm>) => void,
  key: K,
) {
  const rows = form[key];
  return {
    change: (i: number, patch: Partial<ReviewForm[K][number]>) =>
      set({ [key]: rows.map((r, k) => (k === i ? { ...r, ...patch } : r)) }),
    remove: (i: number) => set({ [key]: rows.filter((_, k) => k !== i) }),
    add: (row: ReviewForm[K][number]) => set({ [key]: [...rows, row] }),
  };
}

function Recommendations({ form, set, problems, ctx }: FieldsProps<ReviewForm>) {
  const styles = useFieldStyles();
  const recs = rowsOf(form, set, 'recommendations');
  return (
    <Fieldset legend="Recommendations" path="recommendations" problems={problems}>
      <div className={styles.rows}>
        {form.recommendations.map((r, i) => (
          <div key={r.key} className={styles.row}>
            <LongText
              path={`recommendations[${i}].text`}
              label={`Recommendation ${i + 1}`}
              required
              value={r.text}
              maxLength={4000}
              problems={problems}
              onChange={(text) => recs.change(i, { text })}
            />
            <Choice
              path={`recommendations[${i}].ownerAgency`}
              label="For agency"
              value={r.ownerAgency}
              problems={problems}
              placeholder="Any"
              options={agencyOptions(ctx.policy)}
              onChange={(ownerAgency) => recs.change(i, { ownerAgency })}
            />
            <RemoveButton label={`Remove recommendation ${i + 1}`} onClick={() => recs.remove(i)} />
          </div>
        ))}
      </div>
      <div>
        <Button
          size="small"
          onClick={() =>
            recs.add({ key: uuid(), id: `rec-${uuid().slice(0, 8)}`, text: '', ownerAgency: '' })
          }
        >
          Add a recommendation
        </Button>
      </div>
    </Fieldset>
  );
}

function ActionPlan({ form, set, problems, ctx }: FieldsProps<ReviewForm>) {
  const styles = useFieldStyles();
  const acts = rowsOf(form, set, 'actions');
  return (
    <Fieldset legend="Action plan" path="actions" problems={problems}>
      <div className={styles.rows}>
        {form.actions.map((a, i) => (
          <div key={a.key} className={styles.row}>
            <LongText
              path={`actions[${i}].description`}
              label={`Action ${i + 1}`}
              required
              value={a.description}
              maxLength={4000}
              problems={problems}
              onChange={(description) => acts.change(i, { description })}
            />
            <Choice
              path={`actions[${i}].ownerAgency`}
              label="Owner"
              required
              value={a.ownerAgency}
              problems={problems}
              placeholder="Choose..."
              options={agencyOptions(ctx.policy)}
              onChange={(ownerAgency) => acts.change(i, { ownerAgency })}
            />
            <DateInput
              path={`actions[${i}].dueOn`}
              label="Due"
              required
              value={a.dueOn}
              min={ctx.today}
              problems={problems}
              onChange={(dueOn) => acts.change(i, { dueOn })}
            />
            <RemoveButton label={`Remove action ${i + 1}`} onClick={() => acts.remove(i)} />
          </div>
        ))}
      </div>
      <div>
        <Button
          size="small"
          onClick={() =>
            acts.add({
              key: uuid(),
              id: `act-${uuid().slice(0, 8)}`,
              description: '',
              ownerAgency: '',
              dueOn: '',
            })
          }
        >
          Add an action
        </Button>
      </div>
    </Fieldset>
  );
}

function ReviewFields(props: FieldsProps<ReviewForm>) {
  const { form, set, problems, field, ctx } = props;
  const styles = useFieldStyles();
  return (
    <>
      <div className={styles.two}>
        <DateInput {...field('heldOn')} label="Held on" required max={ctx.today} />
        <Choice
          {...field('victimParticipation')}
          label="The victim"
          required
          options={[
            { value: 'attended', label: 'Attended' },
            { value: 'impact-statement', label: 'Sent an impact statement' },
            { value: 'none', label: 'Did not take part' },
          ]}
        />
      </div>
      <ChairFields
        form={form}
        set={set}
        problems={problems}
        policy={ctx.policy}
        legend="Chair"
        hint="Record a chair from a neighbouring authority here: they need not be an agency in the policy."
      />
      <MembersEditor
        rows={form.attendees}
        onChange={(attendees) => set({ attendees })}
        path="attendees"
        legend="Attendees"
        problems={problems}
        ctx={ctx}
      />
      <Recommendations {...props} />
      <ActionPlan {...props} />
    </>
  );
}

export const reviewHeld = spec<ReviewForm>({
  type: 'review-held',
  button: 'Record review held',
  title: 'Record the case review',
  intro: (ctx) =>
    `Who chaired and attended, the recommendations and the action plan. Owners must be agencies in the policy; the panel needs representatives of ${ctx.policy.panel.minimumDistinctBodies} of ${quorumBodyIds(ctx.policy).map(ctx.agencyName).join(', ')}.`,
  init: (ctx) => {
    const choice = ctx.detail.state.panel?.victimParticipation ?? ctx.detail.state.victimContact?.choice;
    const chair = ctx.detail.state.panel?.chair;
    return {
      chairName: chair?.name ?? '',
      chairOrganisation: chair?.organisation ?? '',
      chairIndependent: chair?.independent ?? ctx.policy.panel.chair !== 'council-manager',
      heldOn: ctx.today,
      attendees: memberRows(ctx),
      victimParticipation:
        choice === 'attend-in-person' || choice === 'attend-online'
          ? 'attended'
          : choice === 'impact-statement'
            ? 'impact-statement'
            : 'none',
      recommendations: [],
      actions: [],
    };
  },
  payload: (f) => ({
    heldOn: f.heldOn,
    attendees: membersOut(f.attendees),
    victimParticipation: f.victimParticipation,
    recommendations: f.recommendations.map((r) => ({
      id: r.id,
      text: r.text.trim(),
      ...opt('ownerAgency', r.ownerAgency),
    })),
    actions: f.actions.map((a) => ({
      id: a.id,
      description: a.description.trim(),
      ownerAgency: a.ownerAgency,
      dueOn: a.dueOn,
      status: 'open',
    })),
    ...(f.chairName.trim() || f.chairOrganisation.trim()
      ? {
          chair: {
            name: f.chairName.trim(),
            organisation: f.chairOrganisation.trim(),
            independent: f.chairIndependent,
          },
        }
      : {}),
  }),
  Fields: ReviewFields,
});
