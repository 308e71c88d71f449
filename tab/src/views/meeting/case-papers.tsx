import { makeStyles, tokens } from '@fluentui/react-components';
import type { MeetingView } from '../../../../bot/api/contract';
import { panelHeadings, panelWords } from './panel-words';

const useStyles = makeStyles({
  section: { marginBottom: tokens.spacingVerticalL },
  list: { paddingLeft: tokens.spacingHorizontalL, margin: 0 },
});

/** The case as this member may see it: the summary, the returns, the victim's statement, the timeline. */
export function CasePapers({ view }: { view: MeetingView }) {
  const styles = useStyles();
  return (
    <>
      <section className={styles.section} aria-labelledby="summary">
        <h2 id="summary">{panelHeadings.summary}</h2>
        <p>{panelWords.summary(view.summary)}</p>
      </section>
      <section className={styles.section} aria-labelledby="returns">
        <h2 id="returns">{panelHeadings.returns}</h2>
        {view.returns.length === 0 && <p>{panelWords.noReturns}</p>}
        <ul className={styles.list} data-testid="returns">
          {view.returns.map((r) => (
            <li key={r.agencyId}>{panelWords.returned(r)}</li>
          ))}
        </ul>
      </section>
      {view.victimStatements.length > 0 && (
        <section className={styles.section} aria-labelledby="statement">
          <h2 id="statement">{panelHeadings.statement}</h2>
          {view.victimStatements.map((v, i) => (
            <p key={i}>{panelWords.statement(v)}</p>
          ))}
        </section>
      )}
      <section className={styles.section} aria-labelledby="timeline">
        <h2 id="timeline">{panelHeadings.timeline}</h2>
        <ul className={styles.list}>
          {view.timeline.map((t, i) => (
            <li key={i}>{panelWords.timelineEntry(t)}</li>
          ))}
        </ul>
      </section>
    </>
  );
}
