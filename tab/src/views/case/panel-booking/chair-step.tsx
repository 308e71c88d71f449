import { MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { Policy } from '../../../../../shared';
import type { ProblemIndex } from '../../../lib/problems';
import { ChairFields } from '../chair-fields';
import { EmailInput } from '../../../components/fields';
import { chairAdvice, chairPreference, type PanelForm } from '../panel-logic';

/** Step 2: the chair, with the policy's advice about them (never a refusal). */
export function ChairStep({
  form,
  set,
  problems,
  policy,
}: {
  form: PanelForm;
  set: (patch: Partial<PanelForm>) => void;
  problems: ProblemIndex;
  policy: Policy;
}) {
  const advice = chairAdvice(form, policy);
  return (
    <ChairFields
      form={form}
      set={set}
      problems={problems}
      policy={policy}
      legend="The chair"
      hint={chairPreference[policy.panel.chair]}
      required
      extra={
        <EmailInput
          path="chair.email"
          label="Chair's email (optional)"
          value={form.chairEmail}
          problems={problems}
          onChange={(chairEmail) => set({ chairEmail })}
        />
      }
    >
      {advice.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            {advice.map((w) => (
              <div key={w}>{w}</div>
            ))}
          </MessageBarBody>
        </MessageBar>
      )}
    </ChairFields>
  );
}
