import {
  Badge,
  Button,
  Link,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { CaseDetail } from '../../../bot/api/contract';
import { agencyName, currentDecision, type EventType } from '../../../shared';
import { downloadBlob } from '../api/client';
import { useApp } from '../app-context';
import { Page } from '../components/page';
import { ProblemSummary } from '../components/problems';
import { RagBadge } from '../components/rag-badge';
import { useCommonStyles } from '../components/styles';
import { asApiError, type ApiRequestError } from '../lib/api-error';
import { confirmationsByIncident, offeredActions, requestRows } from '../lib/case-helpers';
import { formatDate, formatInstant, formatSize } from '../lib/format';
import {
  actionStatusLabels,
  appealGroundLabels,
  channelLabels,
  closureReasonLabels,
  eventLabel,
  outcomeLabels,
  ownerLabel,
  routeLabels,
  statusLabel,
  victimChoiceLabels,
} from '../lib/labels';
import { ragOf } from '../lib/rag';
import { hrefOf } from '../router';
import { EventDialog, type CaseContext } from './case/event-dialog';
import { actionUpdateSpec, eventSpecs } from './case/event-specs';
import { letterKindLabel } from './case/letter-logic';
import { LettersSection } from './case/letters-panel';
import { PanelSection } from './case/panel-booking';
import { LegalHoldSection } from './case/legal-hold';
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
  nowrap: { whiteSpace: 'nowrap' },
  reasons: { margin: `${tokens.spacingVerticalXS} 0`, paddingLeft: tokens.spacingHorizontalXL },
  remind: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXXS,
    alignItems: 'flex-start',
  },
  small: { fontSize: tokens.fontSizeBase200 },
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
  const [detail, setDetail] = useState<CaseDetail | undefined>();
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [loading, setLoading] = useState(true);
  const [announcement, setAnnouncement] = useState('');

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setDetail(await api.getCase(caseId));
      setError(undefined);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setLoading(false);
    }
  }, [api, caseId]);

  useEffect(() => {
    void load();
  }, [load]);

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
  // Letters and the panel's calendar are the SPOC's (and a manager's); their sections replace the plain
  // "Book panel" and "Cancel panel" events, which record a booking without the calendar.
  const writesLetters = me.person.roles.includes('spoc') || me.person.roles.includes('manager');
  const actions = offeredActions(detail.can.record, state, { policy: me.policy, today: me.today }).filter(
    (t) => !writesLetters || (t !== 'panel-booked' && t !== 'panel-cancelled'),
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
            {actions.map((type, i) => {
              const s = eventSpecs[type];
              return s ? (
                <EventDialog
                  key={type}
                  spec={s}
                  ctx={ctx}
                  onRecorded={recorded}
                  appearance={i === 0 && type !== 'note-added' ? 'primary' : 'secondary'}
                />
              ) : null;
            })}
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
      <Threshold detail={detail} />
      <Incidents detail={detail} name={name} />
      <Returns detail={detail} name={name} />
      <PanelAndReview ctx={ctx} showPanel={!writesLetters} onRecorded={recorded} />
      <VictimVoiceSection detail={detail} />
      <Appeals detail={detail} />
      <LettersAndFiles detail={detail} />
      <Timeline detail={detail} person={person} />
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

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const common = useCommonStyles();
  return (
    <section aria-labelledby={id} className={common.section}>
      <h2 id={id} className={common.h2}>
        {title}
      </h2>
      {children}
    </section>
  );
}

function SimpleTable({ label, head, children }: { label: string; head: string[]; children: ReactNode }) {
  const common = useCommonStyles();
  return (
    <div className={common.tableWrap}>
      <Table aria-label={label} size="small">
        <TableHeader>
          <TableRow>
            {head.map((h) => (
              <TableHeaderCell key={h}>{h}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>{children}</TableBody>
      </Table>
    </div>
  );
}

function Deadlines({ detail, name }: { detail: CaseDetail; name: (id: string) => string }) {
  const common = useCommonStyles();
  const met = detail.clocks.filter((c) => c.metOn);
  return (
    <Section id="case-deadlines" title="Deadlines">
      {detail.deadlines.length === 0 ? (
        <p className={common.muted}>No clock is running.</p>
      ) : (
        <SimpleTable label="Running deadlines" head={['What', 'Whose', 'Due', 'Working days left']}>
          {detail.deadlines.map((d, i) => (
            <TableRow key={`${d.clock}-${d.requestId ?? d.appealId ?? d.actionId ?? i}`}>
              <TableCell>
                {d.label}
                {d.kind === 'window' ? ' (the applicant’s window)' : ''}
              </TableCell>
              <TableCell>{d.agencyId ? name(d.agencyId) : ownerLabel(d.owner)}</TableCell>
              <TableCell>{formatDate(d.dueOn, 'short')}</TableCell>
              <TableCell>
                <RagBadge rag={ragOf(d)} deadline={d} />
              </TableCell>
            </TableRow>
          ))}
        </SimpleTable>
      )}
      {met.length > 0 && (
        <>
          <h3 className={common.h3}>Met</h3>
          <SimpleTable label="Deadlines met" head={['What', 'Due', 'Met on', 'On time']}>
            {met.map((c, i) => (
              <TableRow key={`${c.clock}-${c.requestId ?? c.appealId ?? i}`}>
                <TableCell>{c.label}</TableCell>
                <TableCell>{formatDate(c.dueOn, 'short')}</TableCell>
                <TableCell>{formatDate(c.metOn, 'short')}</TableCell>
                <TableCell>
                  <Badge appearance="tint" color={c.late ? 'danger' : 'success'}>
                    {c.late ? 'Late' : 'On time'}
                  </Badge>
                </TableCell>
              </TableRow>
            ))}
          </SimpleTable>
        </>
      )}
    </Section>
  );
}

function Threshold({ detail }: { detail: CaseDetail }) {
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

function Incidents({ detail, name }: { detail: CaseDetail; name: (id: string) => string }) {
  const common = useCommonStyles();
  const confirmed = confirmationsByIncident(detail);
  const advice = new Map(detail.assessment.incidents.map((r) => [r.id, r]));
  const incidents = detail.state.application.incidents;
  if (incidents.length === 0)
    return (
      <Section id="case-incidents" title="Incidents">
        <p className={common.muted}>The application lists no incidents.</p>
      </Section>
    );
  return (
    <Section id="case-incidents" title="Incidents">
      <SimpleTable label="Incidents" head={['Incident', 'Happened', 'Reports', 'Advice', 'Confirmed by']}>
        {incidents.map((incident, i) => {
          const r = advice.get(incident.id);
          const agencies = confirmed.get(incident.id) ?? [];
          return (
            <TableRow key={incident.id}>
              <TableCell>
                {i + 1}
                {incident.hate ? ' (hate)' : ''}
              </TableCell>
              <TableCell>{formatDate(incident.occurredOn, 'short')}</TableCell>
              <TableCell>
                {incident.reports.length === 0
                  ? 'None'
                  : incident.reports.map((rep, k) => (
                      <div key={k}>
                        {name(rep.agency)}, {formatDate(rep.reportedOn, 'short')}
                        {rep.kind === 'diary-sheet' ? ' (diary sheet)' : ''}
                        {rep.reference ? `, ref ${rep.reference}` : ''}
                      </div>
                    ))}
              </TableCell>
              <TableCell>
                {r ? (
                  <Badge appearance="tint" color={r.qualifies ? 'success' : 'warning'}>
                    {r.qualifies ? 'Counts' : 'Does not count'}
                  </Badge>
                ) : (
                  ''
                )}
              </TableCell>
              <TableCell>
                {agencies.length ? (
                  agencies.map(name).join(', ')
                ) : (
                  <span className={common.muted}>Not yet</span>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </SimpleTable>
    </Section>
  );
}

function Returns({ detail, name }: { detail: CaseDetail; name: (id: string) => string }) {
  const common = useCommonStyles();
  const rows = requestRows(detail);
  return (
    <Section id="case-returns" title="Agency returns">
      {rows.length === 0 ? (
        <p className={common.muted}>No agency has been asked yet.</p>
      ) : (
        <SimpleTable label="Agency returns" head={['Agency', 'Asked', 'Due', 'Return', 'Remind']}>
          {rows.map((row) => (
            <TableRow key={row.requestId}>
              <TableCell>{name(row.agencyId)}</TableCell>
              <TableCell>{formatDate(row.requestedOn, 'short')}</TableCell>
              <TableCell>{row.dueOn ? formatDate(row.dueOn, 'short') : ''}</TableCell>
              <TableCell>
                {row.receivedOn ? (
                  <>
                    Received {formatDate(row.receivedOn, 'short')}{' '}
                    <Badge appearance="tint" color={row.late ? 'danger' : 'success'}>
                      {row.late ? 'Late' : 'On time'}
                    </Badge>
                    {row.returnsCount > 1 ? ` (corrected ${row.returnsCount - 1}×)` : ''}
                  </>
                ) : row.workingDaysLeft !== undefined ? (
                  <RagBadge
                    rag={row.rag}
                    deadline={{ overdue: row.overdue, workingDaysLeft: row.workingDaysLeft }}
                  />
                ) : (
                  'Waiting'
                )}
              </TableCell>
              <TableCell>
                {detail.can.remind && !row.receivedOn && detail.state.status !== 'closed' && (
                  <RemindButton
                    caseId={detail.caseId}
                    requestId={row.requestId}
                    agency={name(row.agencyId)}
                  />
                )}
              </TableCell>
            </TableRow>
          ))}
        </SimpleTable>
      )}
    </Section>
  );
}

function RemindButton({ caseId, requestId, agency }: { caseId: string; requestId: string; agency: string }) {
  const { api } = useApp();
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<ApiRequestError | undefined>();
  const remind = async () => {
    setBusy(true);
    setError(undefined);
    setDone('');
    try {
      const { sent } = await api.remind(caseId, requestId);
      setDone(
        sent === 0
          ? `No one at ${agency} could be reminded: check the agency's contacts.`
          : sent === undefined
            ? 'Reminder sent.'
            : `Reminder sent to ${sent} ${sent === 1 ? 'person' : 'people'}.`,
      );
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className={styles.remind}>
      <Button
        size="small"
        onClick={() => void remind()}
        disabledFocusable={busy}
        aria-label={`Remind ${agency} now`}
      >
        {busy ? 'Sending...' : 'Remind now'}
      </Button>
      <span role="status" className={styles.small}>
        {done}
      </span>
      {error && (
        <span role="alert" className={styles.small}>
          {error.message}
        </span>
      )}
    </div>
  );
}

function PanelAndReview({
  ctx,
  showPanel,
  onRecorded,
}: {
  ctx: CaseContext;
  /** The booking, for people without the Panel meeting section (it shows it to the SPOC). */
  showPanel: boolean;
  onRecorded: (type: EventType) => Promise<void>;
}) {
  const common = useCommonStyles();
  const styles = useStyles();
  const { detail } = ctx;
  const name = ctx.agencyName;
  const { panel, reviews, actions, victimContact } = detail.state;
  if (!panel && reviews.length === 0 && actions.length === 0 && !victimContact) return null;
  const review = reviews.at(-1);
  const canUpdate = detail.can.record.includes('action-updated') && detail.state.status !== 'closed';
  return (
    <Section id="case-panel" title="Victim, review and action plan">
      {victimContact && (
        <p>
          Victim contacted {formatDate(victimContact.contactedOn)}:{' '}
          {victimChoiceLabels[victimContact.choice].toLowerCase()}.
        </p>
      )}
      {showPanel && panel && (
        <>
          <h3 className={common.h3}>Panel {panel.status === 'cancelled' ? '(cancelled)' : ''}</h3>
          <p>
            {formatInstant(panel.start)} to {formatInstant(panel.end)}. Chair: {panel.chair.name} (
            {panel.chair.organisation}
            {panel.chair.independent ? ', independent' : ''}). Victim:{' '}
            {victimChoiceLabels[panel.victimParticipation].toLowerCase()}.
            {panel.location ? ` Where: ${panel.location}.` : ''}{' '}
            {panel.joinUrl && (
              <Link href={panel.joinUrl} target="_blank" rel="noreferrer">
                Join online
              </Link>
            )}
          </p>
          <p>Members: {panel.members.map((m) => `${m.name} (${name(m.agencyId)})`).join('; ')}.</p>
        </>
      )}
      {reviews.map((r, i) => (
        <div key={i}>
          <h3 className={common.h3}>Review held {formatDate(r.heldOn)}</h3>
          <p>
            Attended by {r.attendees.map((m) => `${m.name} (${name(m.agencyId)})`).join('; ')}. Victim:{' '}
            {r.victimParticipation.replace('-', ' ')}.
            {r.outcomeSentOn ? ` Outcome sent ${formatDate(r.outcomeSentOn)}.` : ' Outcome not sent yet.'}
            {r.minutesCirculatedOn
              ? ` Minutes circulated ${formatDate(r.minutesCirculatedOn)}.`
              : ' Minutes not circulated yet.'}
          </p>
          <h4 className={common.h3}>Recommendations</h4>
          {r.recommendations.length > 0 ? (
            <ol>
              {r.recommendations.map((rec) => (
                <li key={rec.id}>
                  {rec.text}
                  {rec.ownerAgency ? ` (${name(rec.ownerAgency)})` : ''}
                </li>
              ))}
            </ol>
          ) : (
            <p className={common.muted}>None recorded.</p>
          )}
        </div>
      ))}
      {actions.length > 0 && (
        <>
          <h3 className={common.h3}>Action plan</h3>
          <p>
            {review?.victimConsultedOn
              ? `Victim consulted on the action plan ${formatDate(review.victimConsultedOn)}.`
              : review?.notConsultedReason
                ? `Victim not consulted on the action plan: ${review.notConsultedReason}`
                : 'Victim consulted on the action plan: not recorded (the 2025 guidance: consult the victim before the plan is final).'}
          </p>
          <SimpleTable
            label="Action plan"
            head={[
              'Action',
              'Owner agency',
              'Due',
              'Status',
              'Victim consulted',
              ...(canUpdate ? ['Update'] : []),
            ]}
          >
            {actions.map((a) => (
              <TableRow key={a.id}>
                <TableCell>{a.description}</TableCell>
                <TableCell>{name(a.ownerAgency)}</TableCell>
                <TableCell className={styles.nowrap}>{formatDate(a.dueOn, 'short')}</TableCell>
                <TableCell>
                  <Badge
                    appearance="tint"
                    color={
                      a.status === 'complete' ? 'success' : a.status === 'dropped' ? 'informative' : 'warning'
                    }
                  >
                    {actionStatusLabels[a.status]}
                  </Badge>
                </TableCell>
                <TableCell className={styles.nowrap}>
                  {review?.victimConsultedOn ? formatDate(review.victimConsultedOn, 'short') : 'Not recorded'}
                </TableCell>
                {canUpdate && (
                  <TableCell>
                    <EventDialog
                      spec={actionUpdateSpec(a.id)}
                      ctx={ctx}
                      onRecorded={onRecorded}
                      size="small"
                      label={`Update action: ${a.description.slice(0, 80)}`}
                    />
                  </TableCell>
                )}
              </TableRow>
            ))}
          </SimpleTable>
        </>
      )}
    </Section>
  );
}

function Appeals({ detail }: { detail: CaseDetail }) {
  const appeals = detail.state.appeals;
  if (appeals.length === 0) return null;
  /** The clock for one step of an appeal: met (on time or late), running (working days left), or none. */
  const step = (appealId: string, clock: 'appealHearing' | 'appealDecision') => {
    const record = detail.clocks.find((c) => c.appealId === appealId && c.clock === clock);
    const running = detail.deadlines.find((d) => d.appealId === appealId && d.clock === clock);
    if (running)
      return (
        <>
          by {formatDate(running.dueOn, 'short')} <RagBadge rag={ragOf(running)} deadline={running} />
        </>
      );
    if (record?.metOn)
      return (
        <>
          {formatDate(record.metOn, 'short')}{' '}
          <Badge appearance="tint" color={record.late ? 'danger' : 'success'}>
            {record.late ? 'Late' : 'On time'}
          </Badge>
        </>
      );
    return record ? `due ${formatDate(record.dueOn, 'short')}` : '';
  };
  return (
    <Section id="case-appeals" title="Appeals">
      <SimpleTable label="Appeals" head={['Kind', 'Received', 'Grounds', 'Heard', 'Decided', 'Outcome']}>
        {appeals.map((a) => (
          <TableRow key={a.appealId}>
            <TableCell>
              {a.kind === 'threshold-review'
                ? 'Review of the decision'
                : `Appeal against the ${a.against.replace('-', ' ')}`}
            </TableCell>
            <TableCell>{formatDate(a.receivedOn, 'short')}</TableCell>
            <TableCell>{a.grounds.map((g) => appealGroundLabels[g]).join('; ')}</TableCell>
            <TableCell>{step(a.appealId, 'appealHearing')}</TableCell>
            <TableCell>{step(a.appealId, 'appealDecision')}</TableCell>
            <TableCell>
              {a.outcome === 'upheld' ? 'Upheld' : a.outcome === 'dismissed' ? 'Dismissed' : 'Open'}
              {a.notifiedOn ? `; applicant told ${formatDate(a.notifiedOn, 'short')}` : ''}
            </TableCell>
          </TableRow>
        ))}
      </SimpleTable>
    </Section>
  );
}

/** Files the SPOC keeps: letters, papers, calendar files; not the calendar's internal booking record. */
const shownFile = (f: CaseDetail['files'][number]) =>
  !(f.kind === 'calendar' && f.contentType.startsWith('application/json'));

function LettersAndFiles({ detail }: { detail: CaseDetail }) {
  const { api } = useApp();
  const common = useCommonStyles();
  const [error, setError] = useState<ApiRequestError | undefined>();
  const [busy, setBusy] = useState('');
  const { letters } = detail.state;
  const files = detail.files.filter(shownFile);
  if (letters.length === 0 && files.length === 0) return null;
  const download = async (fileId: string, fileName: string) => {
    setBusy(fileId);
    setError(undefined);
    try {
      downloadBlob(await api.file(detail.caseId, fileId), fileName);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy('');
    }
  };
  return (
    <Section id="case-files" title="Letters and files">
      {letters.length > 0 && (
        <ul className={common.list}>
          {letters.map((l) => (
            <li key={l.letterId}>
              {letterKindLabel(l.kind)} issued {formatDate(l.issuedOn)}
            </li>
          ))}
        </ul>
      )}
      {files.length > 0 && (
        <SimpleTable label="Files" head={['File', 'Kind', 'Added', 'Size']}>
          {files.map((f) => (
            <TableRow key={f.fileId}>
              <TableCell>
                <Link
                  as="button"
                  type="button"
                  onClick={() => void download(f.fileId, f.name)}
                  disabledFocusable={busy === f.fileId}
                >
                  {f.name}
                </Link>
                {busy === f.fileId && <Spinner size="extra-tiny" label="Downloading" labelPosition="after" />}
              </TableCell>
              <TableCell>{f.kind}</TableCell>
              <TableCell>{formatInstant(f.createdAt)}</TableCell>
              <TableCell>{formatSize(f.size)}</TableCell>
            </TableRow>
          ))}
        </SimpleTable>
      )}
      <ProblemSummary title="Could not download the file" message={error?.message} />
    </Section>
  );
}

function Timeline({ detail, person }: { detail: CaseDetail; person: (id: string) => string }) {
  const entries = [...detail.state.timeline].reverse();
  return (
    <Section id="case-timeline" title="Timeline">
      <SimpleTable label="Timeline, newest first" head={['When', 'What', 'Who']}>
        {entries.map((t) => (
          <TableRow key={t.eventId}>
            <TableCell>{formatInstant(t.at)}</TableCell>
            <TableCell>{eventLabel(t.type)}</TableCell>
            <TableCell>{person(t.actor)}</TableCell>
          </TableRow>
        ))}
      </SimpleTable>
    </Section>
  );
}
