import type { Party } from '../../../../../shared';
import { DateInput, LongText, TextInput, useFieldStyles } from '../../../components/fields';
import { Fieldset } from '../../../components/fieldset';
import { formatDate } from '../../../lib/format';
import { partyOut, type PartyForm } from '../../../lib/application-form';
import { spec, type CaseContext, type FieldsProps } from './event-spec';

/**
 * Issue 15, a correction: the date of receipt, each incident's date, the victim's and applicant's contact
 * details, with the reason. Only what differs is sent; the timeline keeps before and after.
 */
interface CorrectionForm {
  reason: string;
  receivedOn: string;
  /** Each incident's date, by incident id. */
  incidentDates: Record<string, string>;
  victim: PartyForm;
  applicant: PartyForm;
}

const partyForm = (p: Party | undefined): PartyForm => ({
  name: p?.name ?? '',
  address: p?.address ?? '',
  postcode: p?.postcode ?? '',
  email: p?.email ?? '',
  phone: p?.phone ?? '',
});

const thirdParty = (ctx: CaseContext) =>
  ctx.detail.state.application.applicant.relationship === 'third-party';

function PartyFields({
  who,
  label,
  form,
  set,
  problems,
}: FieldsProps<CorrectionForm> & { who: 'victim' | 'applicant'; label: string }) {
  const styles = useFieldStyles();
  const p = form[who];
  const field = (key: keyof PartyForm) => ({
    path: `parties.${who}.${key}`,
    problems,
    value: p[key],
    onChange: (value: string) => set({ [who]: { ...p, [key]: value } }),
  });
  return (
    <Fieldset legend={label} path={`parties.${who}`} problems={problems}>
      <div className={styles.two}>
        <TextInput {...field('name')} label="Name" maxLength={200} autoComplete="off" />
        <TextInput {...field('phone')} label="Phone" type="tel" maxLength={40} autoComplete="off" />
        <TextInput {...field('email')} label="Email" type="email" autoComplete="off" />
        <TextInput {...field('postcode')} label="Postcode" maxLength={10} autoComplete="off" />
      </div>
      <TextInput {...field('address')} label="Address" maxLength={500} autoComplete="off" />
    </Fieldset>
  );
}

function CorrectionFields(props: FieldsProps<CorrectionForm>) {
  const { form, set, field, problems, ctx } = props;
  const incidents = ctx.detail.state.application.incidents;
  return (
    <>
      <LongText {...field('reason')} label="Why is it corrected?" required maxLength={2000} rows={2} />
      <DateInput
        {...field('receivedOn')}
        path="application.receivedOn"
        label="Application received on"
        max={ctx.today}
      />
      {incidents.map((incident, i) => (
        <DateInput
          key={incident.id}
          path={`application.incidents[${i}].occurredOn`}
          problems={problems}
          label={`Incident ${i + 1} happened on`}
          max={ctx.today}
          value={form.incidentDates[incident.id] ?? ''}
          onChange={(v) => set({ incidentDates: { ...form.incidentDates, [incident.id]: v } })}
        />
      ))}
      <PartyFields {...props} who="victim" label="The victim's contact details" />
      {thirdParty(ctx) && <PartyFields {...props} who="applicant" label="The applicant's contact details" />}
    </>
  );
}

export const applicationAmended = spec<CorrectionForm>({
  type: 'application-amended',
  button: 'Correct the application',
  title: 'Correct the application or contact details',
  intro: (ctx) =>
    `Corrections are kept with who made them, when and why; the timeline shows each field before and after. The threshold advice and the clocks follow the corrected dates (received ${formatDate(ctx.detail.state.receivedOn)}).`,
  init: (ctx) => {
    const s = ctx.detail.state;
    return {
      reason: '',
      receivedOn: s.application.receivedOn,
      incidentDates: Object.fromEntries(s.application.incidents.map((i) => [i.id, i.occurredOn])),
      victim: partyForm(s.parties?.victim),
      applicant: partyForm(s.parties?.applicant),
    };
  },
  payload: (f, ctx) => {
    const s = ctx.detail.state;
    const application = {
      ...s.application,
      receivedOn: f.receivedOn,
      incidents: s.application.incidents.map((i) => ({ ...i, occurredOn: f.incidentDates[i.id] ?? '' })),
    };
    const victim = partyOut(f.victim);
    const applicant = thirdParty(ctx) ? partyOut(f.applicant) : undefined;
    const parties = victim ? { victim, ...(applicant ? { applicant } : {}) } : undefined;
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    return {
      reason: f.reason.trim(),
      ...(same(application, s.application) ? {} : { application }),
      ...(parties && !same(parties, s.parties) ? { parties } : {}),
    };
  },
  check: (f) =>
    f.victim.name.trim() === '' && Object.values(f.victim).some((v) => v.trim() !== '')
      ? [{ path: 'parties.victim.name', message: "Enter the victim's name." }]
      : [],
  labelOf: (path) =>
    path === 'reason'
      ? 'Why is it corrected?'
      : path.startsWith('parties.victim')
        ? "The victim's contact details"
        : path.startsWith('parties.applicant')
          ? "The applicant's contact details"
          : path.startsWith('application.incidents')
            ? 'Incident date'
            : path === 'application.receivedOn'
              ? 'Application received on'
              : undefined,
  Fields: CorrectionFields,
});
