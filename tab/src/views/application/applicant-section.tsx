import { Fieldset } from '../../components/fieldset';
import { Radios, TextArea, TextInput, Tick } from '../../components/fields';
import { useCommonStyles } from '../../components/styles';
import type { PartyForm } from '../../lib/application-form';
import type { SectionProps } from './section-props';
import { useApplicationStyles } from './styles';

const relationshipOptions = [
  { value: 'victim', label: 'The victim' },
  { value: 'third-party', label: "Someone on the victim's behalf (third party)" },
] as const;

const victimKindOptions = [
  { value: 'individual', label: 'A person' },
  { value: 'business', label: 'A business' },
  { value: 'community-group', label: 'A community group' },
] as const;

/** A person's contact details: personal data, kept for letters only. */
function PartyFields({
  who,
  label,
  form,
  update,
  problems,
}: SectionProps & { who: 'victim' | 'applicant'; label: string }) {
  const styles = useApplicationStyles();
  const p: PartyForm = form[who];
  const field = (key: keyof PartyForm) => ({
    path: `parties.${who}.${key}`,
    problems,
    value: p[key],
    onChange: (value: string) => update({ [who]: { ...p, [key]: value } }),
  });
  return (
    <div className={styles.two}>
      <TextInput {...field('name')} label={`${label} name`} maxLength={200} autoComplete="off" />
      <TextInput {...field('email')} label="Email" type="email" autoComplete="off" />
      <TextInput {...field('phone')} label="Phone" type="tel" maxLength={40} autoComplete="off" />
      <TextArea {...field('address')} label="Address" maxLength={500} />
      <TextInput
        {...field('postcode')}
        label="Postcode"
        maxLength={10}
        autoComplete="off"
        hint="For finding the case by postcode, e.g. SG13 8EQ"
      />
    </div>
  );
}

/** Who applies (the victim or a third party, consent, anonymity), the victim, and their contact details. */
export function ApplicantSection(props: SectionProps) {
  const { form, update, problems } = props;
  const common = useCommonStyles();
  const tick = (key: 'consentGiven' | 'anonymous' | 'vulnerable', path: string) => ({
    path,
    problems,
    checked: form[key],
    onChange: (on: boolean) => update({ [key]: on }),
  });
  return (
    <section aria-labelledby="app-applicant">
      <h2 id="app-applicant" className={common.h2}>
        Applicant and victim
      </h2>
      <div className={common.stack}>
        <Radios
          path="application.applicant.relationship"
          problems={problems}
          label="Who is applying"
          required
          layout="horizontal"
          value={form.relationship}
          options={relationshipOptions}
          onChange={(relationship) => update({ relationship })}
        />
        {form.relationship === 'third-party' && (
          <Tick
            {...tick('consentGiven', 'application.applicant.consentGiven')}
            label="The victim has given consent to this application"
          />
        )}
        <Tick
          {...tick('anonymous', 'application.applicant.anonymous')}
          hint="A case review cannot go ahead on an anonymous application; the advice will say so."
          label="The applicant wishes to remain anonymous"
        />
        <Radios
          path="application.victim.kind"
          problems={problems}
          label="The victim is"
          required
          layout="horizontal"
          value={form.victimKind}
          options={victimKindOptions}
          onChange={(victimKind) => update({ victimKind })}
        />
        <Tick {...tick('vulnerable', 'application.victim.vulnerable')} label="The victim is vulnerable" />
        <Fieldset
          legend="Victim's contact details"
          hint="Personal data: kept for letters only, never shown to other agencies or in lists."
        >
          <PartyFields
            {...props}
            who="victim"
            label={form.victimKind === 'individual' ? "Victim's" : 'Business or group'}
          />
        </Fieldset>
        {form.relationship === 'third-party' && (
          <Fieldset legend="Applicant's contact details" hint="Personal data: kept for letters only.">
            <PartyFields {...props} who="applicant" label="Applicant's" />
          </Fieldset>
        )}
      </div>
    </section>
  );
}
