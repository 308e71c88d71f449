import {
  Badge,
  Button,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
} from '@fluentui/react-components';
import { useState } from 'react';
import { quorumBodyIds, type PanelBooking } from '../../../../../shared';
import { downloadBlob, type BookingResult } from '../../../api/client';
import { useApp } from '../../../app-context';
import { DataTable, column } from '../../../components/data-table';
import { useCommonStyles } from '../../../components/styles';
import { relevantNow } from '../../../lib/case-helpers';
import { victimChoiceLabels } from '../../../lib/labels';
import { useAction } from '../../../lib/use-action';
import type { CaseSectionProps } from '../events/event-spec';
import { BookingDialog } from './booking-dialog';
import { CancelDialog } from './cancel-dialog';
import { PapersButton } from './papers-button';
import { usePanelStyles } from './styles';
import { chairPreference, formatSlot, quorumOf, roleLabels } from '../panel-logic';

type Member = PanelBooking['members'][number];

const memberColumns = (agencyName: (id: string) => string) => [
  column<Member>({ id: 'member', header: 'Member', cell: (m) => m.name }),
  column<Member>({ id: 'agency', header: 'Agency', cell: (m) => agencyName(m.agencyId) }),
  column<Member>({ id: 'role', header: 'Role', cell: (m) => roleLabels[m.role] }),
];

/**
 * The panel: who sits on it (the quorum live), the independent chair, how the victim takes part, free
 * times, and booking, rescheduling or cancelling the meeting in the calendar (a Teams meeting in Microsoft
 * 365; an .ics file kept with the case in local mode); then the panel papers.
 */
export function PanelSection({ ctx, onChanged }: CaseSectionProps) {
  const { api } = useApp();
  const styles = usePanelStyles();
  const common = useCommonStyles();
  const { detail } = ctx;
  const { state } = detail;
  const panel = state.panel;
  const booked = panel?.status === 'booked' ? panel : undefined;
  const can = new Set(detail.can.record);
  const canBook = can.has('panel-booked') && relevantNow('panel-booked', state) && !booked;
  const canChange = can.has('panel-booked') && !!booked && state.status === 'panel-booked';
  const canCancel = can.has('panel-cancelled') && relevantNow('panel-cancelled', state);
  const decisionMet = state.decisions.at(-1)?.outcome === 'met';
  // The papers are for the meeting: offered while the review is being prepared.
  const preparing = decisionMet && (state.status === 'threshold-met' || state.status === 'panel-booked');
  const [last, setLast] = useState<BookingResult | undefined>();
  const ics = useAction();

  if (!decisionMet && !panel) return null;

  const changed = async (result: BookingResult, message: string) => {
    setLast(result);
    await onChanged(message);
  };

  const downloadIcs = () =>
    ics.run(async () =>
      downloadBlob(await api.panelCalendar(detail.caseId), `${detail.reference} panel meeting.ics`),
    );

  const quorum = panel ? quorumOf(panel.members, ctx.policy) : undefined;
  const hasIcs = detail.files.some((f) => f.kind === 'calendar' && f.name.endsWith('.ics'));

  return (
    <section aria-labelledby="case-panel-booking" className={common.section}>
      <h2 id="case-panel-booking" className={common.h2}>
        Panel meeting
      </h2>
      {!panel && (
        <p>
          No panel meeting is booked. The panel needs representatives of at least{' '}
          {ctx.policy.panel.minimumDistinctBodies} of{' '}
          {quorumBodyIds(ctx.policy).map(ctx.agencyName).join(', ')}.{' '}
          {chairPreference[ctx.policy.panel.chair] ?? ''}
        </p>
      )}
      {panel && (
        <div className={common.card}>
          <p className={styles.quorum}>
            <strong>
              {panel.status === 'cancelled' ? 'Cancelled: ' : preparing ? 'Booked: ' : 'Panel meeting: '}
              {formatSlot(panel)}
            </strong>{' '}
            (UK time).{' '}
            {quorum && (
              <Badge appearance="tint" color={quorum.met ? 'success' : 'warning'}>
                {quorum.met ? 'Quorate' : 'Not quorate'}
              </Badge>
            )}
          </p>
          <p>
            Where: {panel.location ?? (panel.joinUrl ? 'Online, on Microsoft Teams' : 'not given')}. Chair:{' '}
            {panel.chair.name} ({panel.chair.organisation}
            {panel.chair.independent ? ', independent' : ', not independent'}). The victim:{' '}
            {victimChoiceLabels[panel.victimParticipation].toLowerCase()}.
          </p>
          <DataTable
            label="Panel members"
            columns={memberColumns(ctx.agencyName)}
            items={panel.members}
            rowKey={(m, i) => `${m.agencyId}-${i}`}
          />
          {booked && (
            <div className={styles.buttons}>
              {booked.joinUrl && (
                <Link href={booked.joinUrl} target="_blank" rel="noreferrer">
                  Join the Teams meeting
                </Link>
              )}
              {/* Issue 16: the review run live (in Teams, the app's side panel in the meeting). */}
              <Link
                href={`/meeting?caseId=${encodeURIComponent(detail.caseId)}`}
                target="_blank"
                rel="noreferrer"
              >
                Run the review (the meeting's side panel)
              </Link>
              {(hasIcs || ctx.me.mode === 'local' || !booked.joinUrl) && (
                <Button size="small" disabledFocusable={ics.busy} onClick={() => void downloadIcs()}>
                  {ics.busy ? 'Downloading...' : 'Download calendar file (.ics)'}
                </Button>
              )}
              {ics.busy && <Spinner size="extra-tiny" label="Downloading" labelPosition="after" />}
            </div>
          )}
          {ics.error && (
            <p role="alert" className={styles.error}>
              Could not download the calendar file: {ics.error.message}
            </p>
          )}
        </div>
      )}
      {last && (last.warnings.length > 0 || last.notInvited.length > 0) && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Check the booking</MessageBarTitle>
            <ul className={common.list}>
              {last.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
              {last.notInvited.length > 0 && (
                <li>
                  Not sent an invitation (no email address): {last.notInvited.join(', ')}. Tell them another
                  way.
                </li>
              )}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {(canBook || canChange || canCancel) && (
        <div className={styles.buttons} role="group" aria-label="Book or change the panel meeting">
          {canBook && <BookingDialog mode="book" ctx={ctx} onDone={changed} />}
          {canChange && <BookingDialog mode="reschedule" ctx={ctx} onDone={changed} />}
          {canCancel && <CancelDialog ctx={ctx} onDone={changed} />}
        </div>
      )}
      {preparing && (
        <>
          <h3 className={common.h3}>Panel papers</h3>
          <p className={styles.intro}>
            The case summary and every agency&apos;s current return, with late returns marked, in one Word
            document marked OFFICIAL-SENSITIVE and kept with the case. It leaves out the victim&apos;s name
            and contact details.
          </p>
          <PapersButton ctx={ctx} onChanged={onChanged} />
        </>
      )}
    </section>
  );
}
