import { Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { StageContent } from '../../../../bot/api/contract';
import { useApp } from '../../app-context';
import { Page } from '../../components/page';
import { ProblemSummary } from '../../components/problems';
import type { ApiRequestError } from '../../lib/api-error';
import { formatDate } from '../../lib/format';
import { LiveFeed } from './meeting-feed';

const useStyles = makeStyles({
  stage: { fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  current: { fontWeight: tokens.fontWeightBold },
  table: {
    borderCollapse: 'collapse',
    '& td, & th': { padding: tokens.spacingHorizontalS, textAlign: 'left' },
  },
});

/**
 * The meeting stage, which everyone in the meeting sees (the victim too, during their part): the agenda,
 * or the action plan once the chair shares it after the victim's part. What each viewer gets is the
 * server's answer for them: nothing of the case for a victim or guest. It comes on the stage's stream, so
 * the chair's change is on every stage at once; a dropped stream reconnects and keeps what it showed. A
 * refusal (no meeting for the case, 404) is final, as the side panel's: the stage is shared from a meeting
 * that exists, so it says so rather than asking again.
 */
export function StageView({ caseId }: { caseId: string }) {
  const { api } = useApp();
  const styles = useStyles();
  const [content, setContent] = useState<StageContent | undefined>();
  const [error, setError] = useState<ApiRequestError | undefined>();

  useEffect(() => {
    const feed = new LiveFeed<StageContent>((onView, signal) =>
      api.meetingStageStream(caseId, onView, signal),
    ).start();
    feed.subscribe({
      view: (c) => {
        setContent(c);
        setError(undefined);
      },
      error: setError,
    });
    return () => feed.close();
  }, [api, caseId]);

  const title = content?.showing === 'action-plan' ? 'The action plan' : 'The agenda';
  return (
    <Page title={content?.reference ? `${title}: ${content.reference}` : title} followFocus={false}>
      <ProblemSummary message={error?.message} />
      {!content && !error && <Spinner label="Loading the stage..." />}
      {content && (
        <div className={styles.stage} data-testid="stage" aria-live="polite">
          {content.showing === 'agenda' && (
            <ol>
              {content.agenda.map((a) => (
                <li key={a.part} className={a.current ? styles.current : undefined}>
                  {a.title}
                  {a.current ? ' (now)' : ''}
                </li>
              ))}
            </ol>
          )}
          {content.showing === 'action-plan' && content.note && <p>{content.note}</p>}
          {content.actionPlan && (
            <table className={styles.table}>
              <caption>Actions agreed</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                </tr>
              </thead>
              <tbody>
                {content.actionPlan.map((a, i) => (
                  <tr key={i}>
                    <td>{a.description}</td>
                    <td>{a.owner}</td>
                    <td>{formatDate(a.dueOn)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </Page>
  );
}
