import { actionDueProblem } from '../../../../../shared';
import { actionStatusLabels } from '../../../lib/labels';
import {
  Choice,
  DateInput,
  LongText,
  TextInput,
  optionsOf,
  useFieldStyles,
} from '../../../components/fields';
import { agencyOptions, opt, spec, type AnySpec, type EventSpec, type FieldsProps } from './event-spec';

interface ActionUpdateForm {
  actionId: string;
  status: keyof typeof actionStatusLabels;
  dueOn: string;
  ownerAgency: string;
  ownerPerson: string;
  note: string;
}

function ActionUpdateFields({ set, field, ctx }: FieldsProps<ActionUpdateForm>) {
  const styles = useFieldStyles();
  const { actions } = ctx.detail.state;
  const options = actions.map((a) => ({
    value: a.id,
    label: `${a.description.slice(0, 80)} (${ctx.agencyName(a.ownerAgency)}, ${actionStatusLabels[a.status]})`,
  }));
  // Choosing an action shows where it stands, to change from there.
  const choose = (actionId: string) => {
    const a = actions.find((x) => x.id === actionId);
    set({
      actionId,
      ...(a
        ? { status: a.status, dueOn: a.dueOn, ownerAgency: a.ownerAgency, ownerPerson: a.ownerPerson ?? '' }
        : {}),
    });
  };
  return (
    <>
      <Choice
        {...field('actionId')}
        label="Action"
        required
        placeholder="Choose..."
        options={options}
        onChange={choose}
      />
      <div className={styles.two}>
        <Choice {...field('status')} label="Status" required options={optionsOf(actionStatusLabels)} />
        <DateInput {...field('dueOn')} label="Due" />
        <Choice {...field('ownerAgency')} label="Owner" options={agencyOptions(ctx.policy)} />
        <TextInput {...field('ownerPerson')} label="Person responsible" maxLength={200} />
      </div>
      <LongText {...field('note')} label="Note" maxLength={4000} />
    </>
  );
}

const actionUpdatedSpec: EventSpec<ActionUpdateForm> = {
  type: 'action-updated',
  button: 'Update an action',
  title: 'Update an action in the plan',
  init: (ctx) => {
    const mine = ctx.me.person.roles.includes('spoc') ? undefined : ctx.me.person.agencyId;
    const a =
      ctx.detail.state.actions.find(
        (x) => (x.status === 'open' || x.status === 'in-progress') && (!mine || x.ownerAgency === mine),
      ) ?? ctx.detail.state.actions[0];
    return {
      actionId: a?.id ?? '',
      status: a?.status ?? 'in-progress',
      dueOn: a?.dueOn ?? '',
      ownerAgency: a?.ownerAgency ?? '',
      ownerPerson: a?.ownerPerson ?? '',
      note: '',
    };
  },
  payload: (f, ctx) => {
    const a = ctx.detail.state.actions.find((x) => x.id === f.actionId);
    return {
      actionId: f.actionId,
      status: f.status,
      ...(f.dueOn && f.dueOn !== a?.dueOn ? { dueOn: f.dueOn } : {}),
      ...(f.ownerAgency && f.ownerAgency !== a?.ownerAgency ? { ownerAgency: f.ownerAgency } : {}),
      ...(f.ownerPerson.trim() && f.ownerPerson.trim() !== a?.ownerPerson
        ? { ownerPerson: f.ownerPerson.trim() }
        : {}),
      ...opt('note', f.note.trim()),
    };
  },
  // The rules' own check (issue 15): a new due date is today or later; an unchanged one may be past.
  check: (f, ctx) => {
    const current = ctx.detail.state.actions.find((x) => x.id === f.actionId)?.dueOn;
    const problem = actionDueProblem(f.dueOn || undefined, current, ctx.today);
    return problem ? [{ path: 'dueOn', message: problem }] : [];
  },
  Fields: ActionUpdateFields,
};

export const actionUpdated = spec(actionUpdatedSpec);

/** "Update" beside one action in the plan: the same dialog, opened on that action. */
export function actionUpdateSpec(actionId: string): AnySpec {
  return spec<ActionUpdateForm>({
    ...actionUpdatedSpec,
    button: 'Update',
    title: 'Update the action',
    init: (ctx) => {
      const a = ctx.detail.state.actions.find((x) => x.id === actionId);
      return a
        ? {
            actionId,
            status: a.status,
            dueOn: a.dueOn,
            ownerAgency: a.ownerAgency,
            ownerPerson: a.ownerPerson ?? '',
            note: '',
          }
        : actionUpdatedSpec.init(ctx);
    },
  });
}
