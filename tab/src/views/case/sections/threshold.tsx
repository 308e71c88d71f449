import { makeStyles, tokens } from '@fluentui/react-components';
import type { CaseDetail } from '../../../../../bot/api/contract';
import { currentDecision } from '../../../../../shared';
import { useCommonStyles } from '../../../components/styles';
import { formatDate } from '../../../lib/format';
import { outcomeLabels, routeLabels } from '../../../lib/labels';
import { Section } from './section';

const useStyles = makeStyles({
  reasons: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalXL },
});

/** The decision in force (and whether the applicant was told), then the advice with its reasons. */
export function Threshold({ detail }: { detail: CaseDetail }) {
  const styles = useStyles();
  const common = useCommonStyles();
  const a = detail.assessment;
  const decision = currentDecision(detail.state);
  return (
    <Section id="case-threshold" title="Threshold">
      {decision ? (
        <p>
          <strong>Decision in force: {outcomeLabels[decision.outcome]}</strong>
          {decision.route ? ` (${routeLabels[decision.route]})` : ''}, decided{' '}
          {formatDate(decision.decidedOn)},{' '}
          {decision.notifiedOn
            ? `applicant told ${formatDate(decision.notifiedOn)}`
            : 'applicant not told yet (issue the letter, or record the contact)'}
          {decision.by === 'appeal' ? ', on appeal' : ''}
          {decision.overridden ? '; departs from the advice' : ''}.
        </p>
      ) : (
        <p>Not decided yet.</p>
      )}
      <h3 className={common.h3}>
        Advice: {outcomeLabels[a.outcome]} ({a.qualifyingCount} of {a.required} qualifying complaints)
      </h3>
      <ul className={styles.reasons}>
        {a.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
    </Section>
  );
}
