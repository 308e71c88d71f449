import {
  Badge,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { safeAssessThreshold, SecondReportPrompt } from '../../../../shared';
import { useCommonStyles } from '../../components/styles';
import { applicationFieldLabel } from '../../lib/application-form';
import { outcomeLabels } from '../../lib/labels';
import { useApplicationStyles } from './styles';

/** The advisory threshold result beside the form, updated as incidents are typed (and spoken politely). */
export function AdvicePanel({
  advice,
  incomplete,
  prompt,
}: {
  advice: ReturnType<typeof safeAssessThreshold>;
  incomplete: string[];
  prompt: SecondReportPrompt | undefined;
}) {
  const styles = useApplicationStyles();
  const common = useCommonStyles();
  const outcome = advice.success ? advice.assessment.outcome : undefined;
  const spoken = advice.success
    ? `Advice: ${advice.assessment.reasons[0] ?? ''} ${advice.assessment.qualifyingCount} of ${advice.assessment.required} qualifying complaints.`
    : 'Advice not available yet: complete the details marked below.';
  return (
    <div className={common.card}>
      <h2 id="app-advice" className={common.h2} style={{ marginTop: 0 }}>
        Advisory threshold result
      </h2>
      <p className={common.muted}>
        Advice only: the decision is recorded on the case by a named officer, who may depart from it with a
        reason.
      </p>
      <div aria-live="polite" aria-atomic="true" className={common.srOnly}>
        {spoken}
      </div>
      {advice.success ? (
        <>
          <div className={styles.result}>
            <Badge
              size="large"
              appearance="filled"
              color={outcome === 'met' ? 'success' : outcome === 'ineligible' ? 'danger' : 'warning'}
            >
              {outcome ? outcomeLabels[outcome] : ''}
            </Badge>
            <span>
              {advice.assessment.qualifyingCount} of {advice.assessment.required} qualifying complaints
            </span>
          </div>
          <ul className={styles.reasons}>
            {advice.assessment.reasons.map((r, i) => (
              <li key={i}>{r}</li>
            ))}
          </ul>
        </>
      ) : (
        <>
          <p>The advice appears when the details below are complete:</p>
          <ul className={styles.reasons}>
            {advice.problems.slice(0, 8).map((p, i) => (
              <li key={i}>
                {applicationFieldLabel(`application.${p.path}`) ?? p.path}: {p.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {incomplete.length > 0 && (
        <>
          <h3 className={common.h3}>Not yet counted</h3>
          <ul className={mergeClasses(styles.reasons, common.muted)}>
            {incomplete.slice(0, 10).map((m, i) => (
              <li key={i}>{m}</li>
            ))}
            {incomplete.length > 10 && <li>and {incomplete.length - 10} more</li>}
          </ul>
        </>
      )}
      {prompt?.applies && (
        <MessageBar intent="info" layout="multiline" style={{ marginTop: tokens.spacingVerticalM }}>
          <MessageBarBody>
            <MessageBarTitle>Explain the case review to the victim</MessageBarTitle>
            {prompt.reason}
          </MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
