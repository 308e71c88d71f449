import {
  Badge,
  Button,
  Checkbox,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import type { MeetingView } from '../../../../bot/api/contract';
import { useApp } from '../../app-context';
import { DownloadLink } from '../../components/download-link';
import { Page } from '../../components/page';
import { ProblemSummary } from '../../components/problems';
import { useAction } from '../../lib/use-action';
import { uuid } from '../../lib/uuid';
import { AddAction, AddAttendee, AddRecommendation, noteSender, type NoteInput } from './chair-controls';
import { CasePapers } from './case-papers';
import { markOnce, meetingMarks } from './marks';
import { panelHeadings, panelWords } from './panel-words';
import { useMeeting } from './use-meeting';

const useStyles = makeStyles({
  section: { marginBottom: tokens.spacingVerticalL },
  list: { paddingLeft: tokens.spacingHorizontalL, margin: 0 },
  current: { fontWeight: tokens.fontWeightBold },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
});

/**
 * A panel member's side panel in the meeting: the agenda, the attendance and the quorum, the
 * recommendations and actions as they are agreed, and the case papers as the access policy lets this
 * member see them. The chair (or the SPOC) also records; every member sees each change within a second.
 */
export function SidePanel({ caseId }: { caseId: string }) {
  const { api, me, host } = useApp();
  const styles = useStyles();
  const { view, error, setView } = useMeeting(api, caseId);
  const action = useAction();
  const download = useAction();
  useEffect(() => {
    // For bench/meeting: the moment the member's first view is on screen, from the frame's navigation
    // (drawn plain by the page's bootstrap, so this mark is usually set already), and React's panel.
    if (!view) return;
    markOnce(meetingMarks.firstView);
    markOnce(meetingMarks.panel);
  }, [view]);
  if (!view)
    return (
      <Page title={panelWords.untitled}>
        {error ? <p role="alert">{error.message}</p> : <Spinner label="Loading the meeting..." />}
      </Page>
    );
  const run = view.can.run;
  const note = noteSender(api, caseId, action, setView);
  const share = (showing: 'agenda' | 'action-plan') => {
    note({ kind: 'stage', showing });
    // In Teams, the side panel puts the meeting page on the stage for everyone (MeetingStage.Write.Chat).
    const meeting = host?.frameContext === 'sidePanel' ? host.sdk.meeting : undefined;
    meeting?.shareAppContentToStage(
      () => undefined,
      `${window.location.origin}/meeting?caseId=${encodeURIComponent(caseId)}`,
    );
  };
  const current = view.agenda.find((a) => a.current)?.part;
  return (
    <Page title={panelWords.title(view)}>
      <p>{panelWords.meeting(view)}</p>
      <ProblemSummary message={action.error?.message} problems={action.error?.problems ?? []} />
      {view.held && <Held view={view} caseId={caseId} download={download} />}

      <section className={styles.section} aria-labelledby="agenda">
        <h2 id="agenda">{panelHeadings.agenda}</h2>
        <ol className={styles.list}>
          {view.agenda.map((a) => (
            <li
              key={a.part}
              className={a.current ? styles.current : undefined}
              aria-current={a.current ? 'step' : undefined}
            >
              {panelWords.agendaItem(a)}
              {run && !a.current && (
                <>
                  {' '}
                  <Button
                    size="small"
                    onClick={() => note({ kind: 'agenda', part: a.part })}
                    disabled={action.busy}
                  >
                    Move to this part
                  </Button>
                </>
              )}
            </li>
          ))}
        </ol>
        {run && (
          <div className={styles.row}>
            <Button onClick={() => share('agenda')} disabled={action.busy}>
              Share the agenda to the stage
            </Button>
            <Button onClick={() => share('action-plan')} disabled={action.busy || current === 'victim'}>
              Share the action plan to the stage
            </Button>
          </div>
        )}
        <p>{panelWords.onStage(view)}</p>
      </section>

      <section className={styles.section} aria-labelledby="attendance">
        <h2 id="attendance">{panelHeadings.attendance}</h2>
        {/* Multiline from the first render (the message wraps in a side panel), as the plain first view
            draws it: "auto" would render it on one line, measure, then reflow, moving the page twice. */}
        <MessageBar intent={view.quorum.met ? 'success' : 'warning'} role="status" layout="multiline">
          <MessageBarBody>{view.quorum.message}</MessageBarBody>
        </MessageBar>
        <ul className={styles.list}>
          {view.attendees.map((a) => (
            <li key={a.attendeeId} data-testid="attendee">
              {run ? (
                <Checkbox
                  label={panelWords.attendee(a)}
                  checked={a.present}
                  disabled={action.busy}
                  onChange={(_, d) =>
                    note({
                      kind: 'attendance',
                      name: a.name,
                      agencyId: a.agencyId,
                      present: d.checked === true,
                      ...(a.personId ? { personId: a.personId } : {}),
                    } as NoteInput)
                  }
                />
              ) : (
                <>
                  {panelWords.attendee(a)}{' '}
                  <Badge appearance="tint" {...(a.present ? { color: 'success' } : {})}>
                    {panelWords.present(a.present)}
                  </Badge>
                </>
              )}
            </li>
          ))}
        </ul>
        {run && <AddAttendee note={note} action={action} />}
      </section>

      <section className={styles.section} aria-labelledby="recommendations">
        <h2 id="recommendations">{panelHeadings.recommendations}</h2>
        {view.recommendations.length === 0 && <p>{panelWords.noRecommendations}</p>}
        <ul className={styles.list} data-testid="recommendations">
          {view.recommendations.map((r) => (
            <li key={r.id}>
              {panelWords.recommendation(r)}
              {run && <Withdraw onClick={() => note({ kind: 'withdrawn', itemId: r.id })} />}
            </li>
          ))}
        </ul>
        {run && <AddRecommendation note={note} action={action} />}
      </section>

      <section className={styles.section} aria-labelledby="actions">
        <h2 id="actions">{panelHeadings.actions}</h2>
        {view.actions.length === 0 && <p>{panelWords.noActions}</p>}
        <ul className={styles.list} data-testid="actions">
          {view.actions.map((a) => (
            <li key={a.id}>
              {panelWords.action(a)}
              {run && <Withdraw onClick={() => note({ kind: 'withdrawn', itemId: a.id })} />}
            </li>
          ))}
        </ul>
        {run && <AddAction note={note} action={action} today={me.today} />}
      </section>

      {run && (
        <section className={styles.section} aria-labelledby="end">
          <h2 id="end">End of the meeting</h2>
          <p>
            Records the review as held with who attended, the recommendations and the action plan; the minutes
            and the outcome letter draft follow.
          </p>
          <Button
            appearance="primary"
            disabled={action.busy}
            onClick={() => void action.run(() => api.meetingEnd(caseId, uuid()))}
          >
            End the meeting and record the review
          </Button>
        </section>
      )}

      <CasePapers view={view} />
    </Page>
  );
}

function Withdraw({ onClick }: { onClick: () => void }) {
  return (
    <>
      {' '}
      <Button size="small" appearance="subtle" onClick={onClick}>
        Withdraw
      </Button>
    </>
  );
}

function Held({
  view,
  caseId,
  download,
}: {
  view: MeetingView;
  caseId: string;
  download: ReturnType<typeof useAction>;
}) {
  const { api } = useApp();
  const held = view.held;
  const minutes = held?.minutesFileId;
  return (
    <MessageBar intent="success" role="status" layout="multiline">
      <MessageBarBody>
        {held ? panelWords.held(held) : ''}{' '}
        {minutes ? (
          <DownloadLink
            action={download}
            id="minutes"
            name={`${view.reference} review minutes.docx`}
            fetch={() => api.file(caseId, minutes)}
          >
            Download the minutes
          </DownloadLink>
        ) : (
          panelWords.minutesComing
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
