import { Checkbox, Input, Textarea } from '@fluentui/react-components';
import type { Policy } from '../../../../shared';
import { Fieldset } from '../../components/fieldset';
import { FormField } from '../../components/form-field';
import { useCommonStyles } from '../../components/styles';
import type { ApplicationFormState } from '../../lib/application-form';
import { toggle, type SectionProps } from './section-props';
import { useApplicationStyles } from './styles';

type Override = ApplicationFormState['override'];

/** A senior manager's override (where the policy has one): who, in what role, and why. */
function OverrideFields({ form, update, problems, policy }: SectionProps & { policy: Policy }) {
  const styles = useApplicationStyles();
  const set = (patch: Partial<Override>) => update({ override: { ...form.override, ...patch } });
  return (
    <Fieldset legend="Senior manager's override" path="application.seniorManagerOverride" problems={problems}>
      <Checkbox
        checked={form.override.enabled}
        label="A senior manager decided a case review is needed to safeguard a vulnerable victim"
        onChange={(_, d) => set({ enabled: d.checked === true })}
      />
      {form.override.enabled && (
        <div className={styles.two}>
          <FormField path="application.seniorManagerOverride.by" problems={problems} label="Name" required>
            <Input value={form.override.by} maxLength={120} onChange={(_, d) => set({ by: d.value })} />
          </FormField>
          <FormField
            path="application.seniorManagerOverride.role"
            problems={problems}
            label="Role"
            required
            hint={`Allowed: ${policy.threshold.seniorManagerOverride.eligibleRoles.join('; ')}`}
          >
            <Input value={form.override.role} maxLength={120} onChange={(_, d) => set({ role: d.value })} />
          </FormField>
          <FormField
            path="application.seniorManagerOverride.reason"
            problems={problems}
            label="Why a review is needed"
            required
          >
            <Textarea
              value={form.override.reason}
              maxLength={2000}
              resize="vertical"
              onChange={(_, d) => set({ reason: d.value })}
            />
          </FormField>
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
          <FormField
            path="previousCase"
            problems={problems}
            label="Previous case reference"
            hint="If the victim applied before, for example CT-2025-0012."
          >
            <Input
              value={form.previousCase}
              maxLength={40}
              onChange={(_, d) => update({ previousCase: d.value })}
            />
          </FormField>
          <FormField
            path="materialChange"
            problems={problems}
            label="Material change of circumstances"
            hint="For a repeat application: what has changed since."
          >
            <Textarea
              value={form.materialChange}
              maxLength={2000}
              resize="vertical"
              onChange={(_, d) => update({ materialChange: d.value })}
            />
          </FormField>
        </div>
      </div>
    </section>
  );
}
