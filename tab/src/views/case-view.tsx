import { Badge, Button, Link, Spinner, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useRef, useState } from 'react';
import { agencyName, type EventType } from '../../../shared';
import { useApp } from '../app-context';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { useCommonStyles } from '../components/styles';
import { offeredActions } from '../lib/case-helpers';
import { formatDate } from '../lib/format';
import { channelLabels, closureReasonLabels, eventLabel, statusLabel } from '../lib/labels';
import { useLoad } from '../lib/use-load';
import { hrefOf } from '../router';
import { EventDialog, eventSpecs, type CaseContext } from './case/events';
import { LegalHoldSection } from './case/legal-hold';
import { LettersSection } from './case/letters/letters-section';
import { PanelSection } from './case/panel-booking/panel-section';
import { Appeals } from './case/sections/appeals';
import { ContactDetails } from './case/sections/contact-details';
import { Corrections } from './case/sections/corrections';
import { Deadlines } from './case/sections/deadlines';
import { LettersAndFiles } from './case/sections/files';
import { Notes } from './case/sections/notes';
import { Incidents } from './case/sections/incidents';
import { PanelAndReview } from './case/sections/panel-and-review';
import { Returns } from './case/sections/returns';
import { Threshold } from './case/sections/threshold';
import { Timeline } from './case/sections/timeline';
import { VictimVoiceSection } from './case/victim-voice'; // issue 17

const useStyles = makeStyles({
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
  meta: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    margin: `${tokens.spacingVerticalS} 0`,
  },
  dt: { fontWeight: tokens.fontWeightSemibold },
  dd: { margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  status: { minHeight: '1.5em' },
});

/**
 * `#/cases/{caseId}`: one case. Its clocks (running, met on time or late), the timeline, letters and files,
 * incidents and which agencies confirmed them, agency returns with "Remind now", and the actions that move
 * it on: each a dialog that records one event. Only the actions `can.record` lists are offered.
 */
export default function CaseView({ caseId, embedded }: { caseId: string; embedded?: boolean }) {
  const { api, me } = useApp();
  const styles = useStyles();
  const common = useCommonStyles();
  const {
    data: detail,
    error,
    loading,
    reload: load,
  } = useLoad((signal) => api.getCase(caseId, signal), [api, caseId]);
  const [announcement, setAnnouncement] = useState('');

  const ctx = useMemo<CaseContext | undefined>(
    () =>
      detail && {
        detail,
        me,
        policy: me.policy,
        today: me.today,
        agencyName: (id: string) => agencyName(me.policy, id),
        personName: (id: string) => detail.people[id] ?? id,
      },
    [detail, me],
  );

  const statusRef = useRef<HTMLParagraphElement>(null);
  const changed = async (message: string) => {
    setAnnouncement(`${message} Updating the case...`);
    // The button that opened the dialog may no longer apply (the case moved on): keep focus on the news.
    statusRef.current?.focus();
    await load();
    setAnnouncement(message);
  };
  const recorded = (type: EventType) => changed(`Recorded: ${eventLabel(type)}.`);

  if (!detail || !ctx) {
    return (
      <Page title="Case">
        {loading && <Spinner label="Loading the case..." />}
        <ProblemSummary title="Could not load the case" message={error?.message} />
        {error && (
          <p>
            <Button onClick={() => void load()}>Try again</Button>{' '}
            {!embedded && <Link href={hrefOf({ view: 'cases' })}>Back to the cases</Link>}
          </p>
        )}
      </Page>
    );
  }

  const { state } = detail;
  // Letters and the panel's calendar are the SPOC's (and a manager's). The panel is booked and cancelled
  // in its own section (with the calendar), so only the events with a dialog here are offered.
  const writesLetters = me.person.roles.includes('spoc') || me.person.roles.includes('manager');
  const actions = offeredActions(detail.can.record, state, { policy: me.policy, today: me.today }).flatMap(
    (type) => {
      const spec = eventSpecs[type];
      return spec ? [{ type, spec }] : [];
    },
  );
  const name = ctx.agencyName;
  const person = ctx.personName;

  return (
    <Page
      title={`${detail.reference}${state.title ? `: ${state.title}` : ''}`}
      heading={
        <>
          {detail.reference}
          {state.title ? `: ${state.title}` : ''}
        </>
      }
    >
      <div className={styles.header}>
        <Badge appearance="filled" color={state.status === 'closed' ? 'informative' : 'brand'} size="large">
          {statusLabel(state.status)}
        </Badge>
        {loading && <Spinner size="tiny" label="Updating..." labelPosition="after" />}
        {detail.can.seeAccessLog && (
          <Link href={hrefOf({ view: 'access-log', caseId: detail.caseId })}>
            Who has looked at this case
          </Link>
        )}
      </div>
      <dl className={styles.meta}>
        <dt className={styles.dt}>SPOC</dt>
        <dd className={styles.dd}>{person(state.spoc)}</dd>
        <dt className={styles.dt}>Received</dt>
        <dd className={styles.dd}>
          {formatDate(state.receivedOn)} by{' '}
          {(channelLabels as Record<string, string>)[state.receivedVia]?.toLowerCase() ?? state.receivedVia}
        </dd>
        <dt className={styles.dt}>Agencies</dt>
        <dd className={styles.dd}>{state.agencies.map(name).join(', ') || 'None yet'}</dd>
        {state.previousCase && (
          <>
            <dt className={styles.dt}>Previous case</dt>
            <dd className={styles.dd}>
              <Link href={hrefOf({ view: 'ref', reference: state.previousCase })}>{state.previousCase}</Link>
            </dd>
          </>
        )}
        {state.closed && (
          <>
            <dt className={styles.dt}>Closed</dt>
            <dd className={styles.dd}>
              {formatDate(state.closed.closedOn)} ({closureReasonLabels[state.closed.reason].toLowerCase()})
              {state.closed.victimToldOn ? `; victim told ${formatDate(state.closed.victimToldOn)}` : ''}
              {state.closed.keepsRightsOpen ? "; the applicant's rights were kept open" : ''}
            </dd>
          </>
        )}
        {state.reopenings.length > 0 && (
          <>
            <dt className={styles.dt}>Reopened</dt>
            <dd className={styles.dd}>
              {state.reopenings.map((r) => `${formatDate(r.reopenedOn)}: ${r.reason}`).join(' ')}
            </dd>
          </>
        )}
      </dl>

      <section aria-labelledby="case-actions">
        <h2 id="case-actions" className={common.h2}>
          Next steps
        </h2>
        {actions.length === 0 ? (
          <p className={common.muted}>There is nothing you can record on this case now.</p>
        ) : (
          <div className={styles.actions} role="group" aria-label="Record an event">
            {actions.map(({ type, spec }, i) => (
              <EventDialog
                key={type}
                spec={spec}
                ctx={ctx}
                onRecorded={recorded}
                appearance={i === 0 && type !== 'note-added' ? 'primary' : 'secondary'}
              />
            ))}
          </div>
        )}
        <p role="status" aria-live="polite" className={styles.status} tabIndex={-1} ref={statusRef}>
          {announcement}
        </p>
      </section>

      {detail.secondReport?.applies && (
        <p className={common.card}>
          <strong>Explain the case review to the victim.</strong> {detail.secondReport.reason}
        </p>
      )}

      <Deadlines detail={detail} name={name} />
      {writesLetters && <LettersSection ctx={ctx} onChanged={changed} />}
      {writesLetters && <PanelSection ctx={ctx} onChanged={changed} />}
      <ContactDetails detail={detail} />
      <Threshold detail={detail} />
      <Incidents detail={detail} name={name} />
      <Returns detail={detail} name={name} person={person} />
      <PanelAndReview ctx={ctx} showPanel={!writesLetters} onRecorded={recorded} />
      <VictimVoiceSection detail={detail} />
      <Appeals detail={detail} />
      <LettersAndFiles detail={detail} person={person} agencyName={name} onAdded={changed} />
      <Notes detail={detail} person={person} />
      <Corrections detail={detail} person={person} />
      <Timeline detail={detail} person={person} agencyName={name} />
      {writesLetters && (
        <LegalHoldSection
          detail={detail}
          personName={person}
          onChanged={() =>
            changed(detail.legalHold.on ? 'The legal hold is released.' : 'The case is on legal hold.')
          }
        />
      )}
      {!embedded && (
        <p>
          <Link href={hrefOf({ view: 'cases' })}>Back to the cases</Link>
        </p>
      )}
    </Page>
  );
}
