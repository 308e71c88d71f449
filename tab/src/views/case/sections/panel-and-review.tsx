import { Badge, Link, makeStyles } from '@fluentui/react-components';
import type { EventType } from '../../../../../shared';
import { DataTable, column } from '../../../components/data-table';
import { useCommonStyles } from '../../../components/styles';
import { formatDate, formatInstant } from '../../../lib/format';
import { actionStatusLabels, victimChoiceLabels } from '../../../lib/labels';
import { actionUpdateSpec } from '../events/action-updated';
import { EventDialog } from '../events/event-dialog';
import type { CaseContext } from '../events/event-spec';
import { Section } from './section';

const useStyles = makeStyles({ nowrap: { whiteSpace: 'nowrap' } });

type Action = CaseContext['detail']['state']['actions'][number];

/** The victim's contact, the panel (for those without the Panel meeting section), reviews, the plan. */
export function PanelAndReview({
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
  const { detail } = ctx;
  const name = ctx.agencyName;
  const { panel, reviews, actions, victimContact } = detail.state;
  if (!panel && reviews.length === 0 && actions.length === 0 && !victimContact) return null;
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
      {actions.length > 0 && <ActionPlan ctx={ctx} onRecorded={onRecorded} />}
    </Section>
  );
}

function ActionPlan({
  ctx,
  onRecorded,
}: {
  ctx: CaseContext;
  onRecorded: (type: EventType) => Promise<void>;
}) {
  const common = useCommonStyles();
  const styles = useStyles();
  const { detail } = ctx;
  const review = detail.state.reviews.at(-1);
  const canUpdate = detail.can.record.includes('action-updated') && detail.state.status !== 'closed';
  const columns = [
    column<Action>({ id: 'action', header: 'Action', cell: (a) => a.description }),
    column<Action>({
      id: 'owner',
      header: 'Owner',
      cell: (a) => `${ctx.agencyName(a.ownerAgency)}${a.ownerPerson ? `: ${a.ownerPerson}` : ''}`,
    }),
    column<Action>({
      id: 'due',
      header: 'Due',
      cell: (a) => formatDate(a.dueOn, 'short'),
      className: styles.nowrap,
    }),
    column<Action>({
      id: 'status',
      header: 'Status',
      cell: (a) => (
        <Badge
          appearance="tint"
          color={a.status === 'complete' ? 'success' : a.status === 'dropped' ? 'informative' : 'warning'}
        >
          {actionStatusLabels[a.status]}
        </Badge>
      ),
    }),
    column<Action>({
      id: 'consulted',
      header: 'Victim consulted',
      cell: () =>
        review?.victimConsultedOn ? formatDate(review.victimConsultedOn, 'short') : 'Not recorded',
      className: styles.nowrap,
    }),
    ...(canUpdate
      ? [
          column<Action>({
            id: 'update',
            header: 'Update',
            cell: (a) => (
              <EventDialog
                spec={actionUpdateSpec(a.id)}
                ctx={ctx}
                onRecorded={onRecorded}
                size="small"
                label={`Update action: ${a.description.slice(0, 80)}`}
              />
            ),
          }),
        ]
      : []),
  ];
  return (
    <>
      <h3 className={common.h3}>Action plan</h3>
      <p>
        {review?.victimConsultedOn
          ? `Victim consulted on the action plan ${formatDate(review.victimConsultedOn)}.`
          : review?.notConsultedReason
            ? `Victim not consulted on the action plan: ${review.notConsultedReason}`
            : 'Victim consulted on the action plan: not recorded (the 2025 guidance: consult the victim before the plan is final).'}
      </p>
      <DataTable label="Action plan" columns={columns} items={detail.state.actions} rowKey="id" />
    </>
  );
}
