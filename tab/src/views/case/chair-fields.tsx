import type { ReactNode } from 'react';
import type { Policy } from '../../../../shared';
import { Fieldset } from '../../components/fieldset';
import type { ProblemIndex } from '../../lib/problems';
import { TextInput, Tick, binder, useFieldStyles } from '../../components/fields';

/** The chair as the review and the panel booking record them. */
export interface ChairForm {
  chairName: string;
  chairOrganisation: string;
  chairIndependent: boolean;
}

/**
 * The chair: name, organisation (the policy's sources offered as the person types) and whether they are
 * independent of the agencies on the case. `extra` goes beside the organisation (an email for the
 * invitation), `children` under the tick (the policy's advice).
 */
export function ChairFields({
  form,
  set,
  problems,
  policy,
  legend,
  hint,
  required,
  extra,
  children,
}: {
  form: ChairForm;
  set: (patch: Partial<ChairForm>) => void;
  problems: ProblemIndex;
  policy: Policy;
  legend: string;
  hint?: string | undefined;
  required?: boolean;
  extra?: ReactNode;
  children?: ReactNode;
}) {
  const styles = useFieldStyles();
  const field = binder(form, set, problems, 'chair.');
  const sources = [...policy.panel.chairSources, ...policy.panel.chairFallback];
  const independent = 'The chair is independent of the agencies on the case';
  return (
    <Fieldset legend={legend} path="chair" problems={problems} {...(hint ? { hint } : {})}>
      <div className={styles.two}>
        <TextInput
          {...field('chairName')}
          path="chair.name"
          label="Chair's name"
          required={required}
          maxLength={200}
        />
        <TextInput
          {...field('chairOrganisation')}
          path="chair.organisation"
          label="Chair's organisation"
          required={required}
          maxLength={200}
          suggestions={sources}
        />
        {extra}
      </div>
      <Tick
        path="chair.independent"
        problems={problems}
        label={independent}
        checked={form.chairIndependent}
        onChange={(chairIndependent) => set({ chairIndependent })}
      />
      {children}
    </Fieldset>
  );
}
