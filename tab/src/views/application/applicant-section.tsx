import { Checkbox, Input, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { Fieldset } from '../../components/fieldset';
import { FormField } from '../../components/form-field';
import { useCommonStyles } from '../../components/styles';
import type { ApplicationFormState, PartyForm } from '../../lib/application-form';
import type { SectionProps } from './section-props';
import { useApplicationStyles } from './styles';

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
  const set = (patch: Partial<PartyForm>) => update({ [who]: { ...p, ...patch } });
  return (
    <div className={styles.two}>
      <FormField path={`parties.${who}.name`} problems={problems} label={`${label} name`}>
        <Input
          value={p.name}
          maxLength={200}
          autoComplete="off"
          onChange={(_, d) => set({ name: d.value })}
        />
      </FormField>
      <FormField path={`parties.${who}.email`} problems={problems} label="Email">
        <Input type="email" value={p.email} autoComplete="off" onChange={(_, d) => set({ email: d.value })} />
      </FormField>
      <FormField path={`parties.${who}.phone`} problems={problems} label="Phone">
        <Input
          type="tel"
          value={p.phone}
          maxLength={40}
          autoComplete="off"
          onChange={(_, d) => set({ phone: d.value })}
        />
      </FormField>
      <FormField path={`parties.${who}.address`} problems={problems} label="Address">
        <Textarea
          value={p.address}
          maxLength={500}
          resize="vertical"
          onChange={(_, d) => set({ address: d.value })}
        />
      </FormField>
    </div>
  );
}

/** Who applies (the victim or a third party, consent, anonymity), the victim, and their contact details. */
export function ApplicantSection(props: SectionProps) {
  const { form, update, problems } = props;
  const common = useCommonStyles();
  return (
    <section aria-labelledby="app-applicant">
      <h2 id="app-applicant" className={common.h2}>
        Applicant and victim
      </h2>
      <div className={common.stack}>
        <FormField
          path="application.applicant.relationship"
          problems={problems}
          label="Who is applying"
          required
        >
          <RadioGroup
            layout="horizontal"
            value={form.relationship}
            onChange={(_, d) => update({ relationship: d.value as ApplicationFormState['relationship'] })}
          >
            <Radio value="victim" label="The victim" />
            <Radio value="third-party" label="Someone on the victim's behalf (third party)" />
          </RadioGroup>
        </FormField>
        {form.relationship === 'third-party' && (
          <FormField path="application.applicant.consentGiven" problems={problems}>
            <Checkbox
              checked={form.consentGiven}
              label="The victim has given consent to this application"
              onChange={(_, d) => update({ consentGiven: d.checked === true })}
            />
          </FormField>
        )}
        <FormField
          path="application.applicant.anonymous"
          problems={problems}
          hint="A case review cannot go ahead on an anonymous application; the advice will say so."
        >
          <Checkbox
            checked={form.anonymous}
            label="The applicant wishes to remain anonymous"
            onChange={(_, d) => update({ anonymous: d.checked === true })}
          />
        </FormField>
        <FormField path="application.victim.kind" problems={problems} label="The victim is" required>
          <RadioGroup
            layout="horizontal"
            value={form.victimKind}
            onChange={(_, d) => update({ victimKind: d.value as ApplicationFormState['victimKind'] })}
          >
            <Radio value="individual" label="A person" />
            <Radio value="business" label="A business" />
            <Radio value="community-group" label="A community group" />
          </RadioGroup>
        </FormField>
        <FormField path="application.victim.vulnerable" problems={problems}>
          <Checkbox
            checked={form.vulnerable}
            label="The victim is vulnerable"
            onChange={(_, d) => update({ vulnerable: d.checked === true })}
          />
        </FormField>
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
