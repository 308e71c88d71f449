import { Checkbox } from '@fluentui/react-components';
import type { Policy } from '../../../../shared';
import { Fieldset } from '../../components/fieldset';
import { TextArea, TextInput } from '../../components/fields';
import { useCommonStyles } from '../../components/styles';
import { toggle, type SectionProps } from './section-props';
import { useApplicationStyles } from './styles';

/** A senior manager's override (where the policy has one): who, in what role, and why. */
function OverrideFields({ form, update, problems, policy }: SectionProps & { policy: Policy }) {
  const styles = useApplicationStyles();
  const field = (key: 'by' | 'role' | 'reason') => ({
    path: `application.seniorManagerOverride.${key}`,
    problems,
    value: form.override[key],
    onChange: (value: string) => update({ override: { ...form.override, [key]: value } }),
    required: true,
  });
  return (
    <Fieldset legend="Senior manager's override" path="application.seniorManagerOverride" problems={problems}>
      <Checkbox
        checked={form.override.enabled}
        label="A senior manager decided a case review is needed to safeguard a vulnerable victim"
        onChange={(_, d) => update({ override: { ...form.override, enabled: d.checked === true } })}
      />
      {form.override.enabled && (
        <div className={styles.two}>
          <TextInput {...field('by')} label="Name" maxLength={120} />
          <TextInput
            {...field('role')}
            label="Role"
            maxLength={120}
            hint={`Allowed: ${policy.threshold.seniorManagerOverride.eligibleRoles.join('; ')}`}
          />
          <TextArea {...field('reason')} label="Why a review is needed" maxLength={2000} />
        </div>
      )}
    </Fieldset>
  );
}

/** The policy's exclusions, the override, and a repeat application's previous case and what changed. */
export function EligibilitySection(props: SectionProps & { policy: Policy }) {
  const { form, update, problems, policy } = props;
  const styles = useApplicationStyles();
  const common = useCommonStyles();
  return (
    <section aria-labelledby="app-eligibility">
      <h2 id="app-eligibility" className={common.h2}>
        Eligibility
      </h2>
      <div className={common.stack}>
        <Fieldset
          legend="Exclusions that apply"
          hint="Each one makes the application ineligible, with the reason recorded."
          path="application.exclusions"
          problems={problems}
          plain
        >
          {policy.exclusions.length === 0 && (
            <span className={common.muted}>This policy excludes nothing.</span>
          )}
          {policy.exclusions.map((ground) => (
            <Checkbox
              key={ground.id}
              label={ground.label}
              checked={form.exclusions.includes(ground.id)}
              onChange={(_, d) =>
                update({ exclusions: toggle(form.exclusions, ground.id, d.checked === true) })
              }
            />
          ))}
        </Fieldset>
        {policy.threshold.seniorManagerOverride.enabled && <OverrideFields {...props} />}
        <div className={styles.two}>
          <TextInput
            path="previousCase"
            problems={problems}
            label="Previous case reference"
            hint="If the victim applied before, for example CT-2025-0012."
            value={form.previousCase}
            maxLength={40}
            onChange={(previousCase) => update({ previousCase })}
          />
          <TextArea
            path="materialChange"
            problems={problems}
            label="Material change of circumstances"
            hint="For a repeat application: what has changed since."
            value={form.materialChange}
            maxLength={2000}
            onChange={(materialChange) => update({ materialChange })}
          />
        </div>
      </div>
    </section>
  );
}
