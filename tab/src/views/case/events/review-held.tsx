import { quorumBodyIds } from '../../../../../shared';
import { RowList } from '../../../components/row-list';
import { uuid } from '../../../lib/uuid';
import { ChairFields, type ChairForm } from '../chair-fields';
import { Choice, DateInput, LongText, TextInput, useFieldStyles } from '../../../components/fields';
import { agencyOptions, opt, spec, type FieldsProps } from './event-spec';
import { reviewVictimOptions } from './options';
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
  ownerPerson: string;
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

function Recommendations({ form, set, problems, ctx }: FieldsProps<ReviewForm>) {
  const agencies = agencyOptions(ctx.policy);
  return (
    <RowList
      legend="Recommendations"
      path="recommendations"
      problems={problems}
      rows={form.recommendations}
      onChange={(recommendations) => set({ recommendations })}
      addLabel="Add a recommendation"
      newRow={() => ({ key: uuid(), id: `rec-${uuid().slice(0, 8)}`, text: '', ownerAgency: '' })}
      removeLabel={(i) => `Remove recommendation ${i + 1}`}
    >
      {(_, i, field) => (
        <>
          <LongText {...field('text')} label={`Recommendation ${i + 1}`} required maxLength={4000} />
          <Choice {...field('ownerAgency')} label="For agency" placeholder="Any" options={agencies} />
        </>
      )}
    </RowList>
  );
}

function ActionPlan({ form, set, problems, ctx }: FieldsProps<ReviewForm>) {
  const agencies = agencyOptions(ctx.policy);
  const blankAction = () => ({
    key: uuid(),
    id: `act-${uuid().slice(0, 8)}`,
    description: '',
    ownerAgency: '',
    ownerPerson: '',
    dueOn: '',
  });
  return (
    <RowList
      legend="Action plan"
      path="actions"
      problems={problems}
      rows={form.actions}
      onChange={(actions) => set({ actions })}
      addLabel="Add an action"
      newRow={blankAction}
      removeLabel={(i) => `Remove action ${i + 1}`}
    >
      {(_, i, field) => (
        <>
          <LongText {...field('description')} label={`Action ${i + 1}`} required maxLength={4000} />
          <Choice
            {...field('ownerAgency')}
            label="Owner"
            required
            placeholder="Choose..."
            options={agencies}
          />
          <TextInput {...field('ownerPerson')} label="Person responsible" maxLength={200} />
          <DateInput {...field('dueOn')} label="Due" required min={ctx.today} />
        </>
      )}
    </RowList>
  );
}

function ReviewFields(props: FieldsProps<ReviewForm>) {
  const { form, set, problems, field, ctx } = props;
  const styles = useFieldStyles();
  return (
    <>
      <div className={styles.two}>
        <DateInput {...field('heldOn')} label="Held on" required max={ctx.today} />
        <Choice {...field('victimParticipation')} label="The victim" required options={reviewVictimOptions} />
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
      ...opt('ownerPerson', a.ownerPerson.trim()),
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
