import { makeStyles, tokens } from '@fluentui/react-components';
import type { MeetingView } from '../../../../bot/api/contract';
import { formatDate, formatInstant } from '../../lib/format';
import { eventLabels, outcomeLabels } from '../../lib/labels';

const useStyles = makeStyles({
  section: { marginBottom: tokens.spacingVerticalL },
  list: { paddingLeft: tokens.spacingHorizontalL, margin: 0 },
});

/** The case as this member may see it: the summary, the returns, the victim's statement, the timeline. */
export function CasePapers({ view }: { view: MeetingView }) {
  const styles = useStyles();
  const s = view.summary;
  return (
    <>
      <section className={styles.section} aria-labelledby="summary">
        <h2 id="summary">The case</h2>
        <p>
          Received {formatDate(s.receivedOn)}; {s.incidents} incident{s.incidents === 1 ? '' : 's'}
          {s.decision
            ? `; threshold ${outcomeLabels[s.decision.outcome].toLowerCase()} (decided ${formatDate(s.decision.decidedOn)})`
            : ''}
          . Agencies: {s.agencies.map((a) => a.name).join(', ')}.
        </p>
      </section>
      <section className={styles.section} aria-labelledby="returns">
        <h2 id="returns">Agency returns</h2>
        {view.returns.length === 0 && <p>No returns you can see.</p>}
        <ul className={styles.list} data-testid="returns">
          {view.returns.map((r) => (
            <li key={r.agencyId}>
              {r.agency}:{' '}
              {r.receivedOn
                ? `returned ${formatDate(r.receivedOn)}, ${r.incidents} incident${r.incidents === 1 ? '' : 's'} on record`
                : 'no return yet'}
              {r.otherInformation ? `. ${r.otherInformation}` : ''}
            </li>
          ))}
        </ul>
      </section>
      {view.victimStatements.length > 0 && (
        <section className={styles.section} aria-labelledby="statement">
          <h2 id="statement">The victim’s statement</h2>
          {view.victimStatements.map((v, i) => (
            <p key={i}>
              {formatDate(v.receivedOn)}: {v.text ?? 'a document, in the case files'}
            </p>
          ))}
        </section>
      )}
      <section className={styles.section} aria-labelledby="timeline">
        <h2 id="timeline">Latest on the case</h2>
        <ul className={styles.list}>
          {view.timeline.map((t, i) => (
            <li key={i}>
              {formatInstant(t.at)}: {eventLabels[t.what as keyof typeof eventLabels] ?? t.what} ({t.by})
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
