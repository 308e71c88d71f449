/**
 * The panel papers: the case summary and every agency's return, collated into one document for the
 * meeting (East Herts s.11: "collated into one document ... circulated in advance of the meeting").
 * For professionals under the information sharing agreement; the victim's contact details never appear.
 */
import {
  agencyName,
  currentDecision,
  agencyReturnDue,
  type CaseState,
  type IsoDate,
  type Policy,
  type VictimChoice,
} from '../../shared';
import { londonWallTime } from '../../shared/panel';
import type { DocBlock, DocumentContent } from './document-model';
import { dayAndDate, londonTimeRange, longDate } from './format';

export interface ReturnStatus {
  agencyId: string;
  requestId: string;
  dueOn: IsoDate;
  receivedOn?: IsoDate;
  late: boolean;
  outstanding: boolean;
}

const participation: Record<VictimChoice, string> = {
  'attend-in-person': 'The victim will attend the start of the meeting in person.',
  'attend-online': 'The victim will attend the start of the meeting online.',
  'impact-statement':
    'The victim has chosen to send a written impact statement, to be read at the start of the meeting.',
  'no-involvement': 'The victim has chosen not to take part in the meeting.',
  undecided: 'The victim has not yet said how they would like to take part.',
};

const yesNo = (b: boolean | undefined) => (b ? 'Yes' : 'No');

/** Each agency request with its current return and whether it was late or is still outstanding. */
export function returnStatuses(state: CaseState, policy: Policy, today: IsoDate): ReturnStatus[] {
  return state.requests.map((r) => {
    const dueOn = agencyReturnDue(r, policy);
    const first = r.returns[0];
    return {
      agencyId: r.agencyId,
      requestId: r.requestId,
      dueOn,
      ...(first ? { receivedOn: first.receivedOn } : {}),
      late: first ? first.receivedOn > dueOn : today > dueOn,
      outstanding: !first,
    };
  });
}

export function composePanelPapers(
  c: { reference: string; state: CaseState },
  policy: Policy,
  today: IsoDate,
): DocumentContent {
  const { state } = c;
  const app = state.application;
  const name = (id: string) => agencyName(policy, id);
  const p: DocBlock[] = [
    { type: 'heading', level: 1, text: `Case review panel papers: ${c.reference}` },
    {
      type: 'meta',
      text:
        `Prepared by ${policy.council} on ${longDate(today)}.\n` +
        'For the panel members only, under the information sharing agreement: do not forward. ' +
        "The victim's contact details are held by the single point of contact and are not included.",
    },
    { type: 'heading', text: 'Case summary' },
    {
      type: 'table',
      text: 'The application',
      header: ['', ''],
      rows: [
        ['Reference', c.reference],
        ['Received', `${longDate(state.receivedOn)} (${state.receivedVia})`],
        [
          'Applicant',
          app.applicant.relationship === 'victim' ? 'The victim' : 'A third party, with the victim’s consent',
        ],
        [
          'Victim',
          { individual: 'An individual', business: 'A business', 'community-group': 'A community group' }[
            app.victim.kind
          ],
        ],
        ['Vulnerable', yesNo(app.victim.vulnerable)],
        ['Agencies involved', state.agencies.map(name).join(', ') || 'None recorded'],
      ],
    },
    { type: 'heading', text: 'Incidents' },
    {
      type: 'table',
      text: `${app.incidents.length} incident${app.incidents.length === 1 ? '' : 's'} in the application`,
      header: ['Incident', 'Date', 'Hate incident', 'Reported to'],
      rows: app.incidents.map((i) => [
        i.id,
        longDate(i.occurredOn),
        yesNo(i.hate),
        i.reports
          .map(
            (r) =>
              `${name(r.agency)}, ${longDate(r.reportedOn)}${r.reference ? `, ref ${r.reference}` : ''}${r.kind === 'diary-sheet' ? ' (diary sheet)' : ''}`,
          )
          .join('\n') || 'No report recorded',
      ]),
    },
  ];

  p.push({ type: 'heading', text: 'Threshold decision' });
  const decision = currentDecision(state);
  if (!decision) p.push({ type: 'text', text: 'No threshold decision has been recorded.' });
  else {
    const outcome = { met: 'Met', 'not-met': 'Not met', ineligible: 'Not eligible' }[decision.outcome];
    p.push({
      type: 'text',
      text:
        `${outcome}${decision.route ? ` (route: ${decision.route})` : ''}, decided on ${longDate(decision.decidedOn)}; ` +
        (decision.notifiedOn
          ? `the applicant was told on ${longDate(decision.notifiedOn)}.`
          : 'the applicant has not been told yet.') +
        (decision.by === 'appeal' ? ' The decision was changed on appeal.' : '') +
        (decision.overridden && decision.by === 'decision'
          ? ' The decision departs from the advisory assessment.'
          : ''),
    });
    p.push(...decision.reasons.map((text): DocBlock => ({ type: 'bullet', text })));
  }

  p.push({ type: 'heading', text: 'Victim participation' });
  const choice = state.panel?.victimParticipation ?? state.victimContact?.choice ?? 'undecided';
  p.push({ type: 'text', text: participation[choice] });
  if (state.victimContact)
    p.push({
      type: 'text',
      text: `The single point of contact spoke to the victim on ${longDate(state.victimContact.contactedOn)}.`,
    });

  if (state.panel?.status === 'booked') {
    const b = state.panel;
    p.push({ type: 'heading', text: 'The meeting' });
    p.push({
      type: 'table',
      text: 'Date, place and panel',
      header: ['', ''],
      rows: [
        ['Date', dayAndDate(londonWallTime(b.start).date)],
        ['Time', `${londonTimeRange(b.start, b.end)} (UK time)`],
        ['Place', b.location ?? (b.joinUrl ? 'Online (Microsoft Teams)' : 'To be confirmed')],
        ['Chair', `${b.chair.name}, ${b.chair.organisation}${b.chair.independent ? ' (independent)' : ''}`],
        ...b.members.map((m) => [m.role === 'member' ? 'Member' : m.role, `${m.name}, ${name(m.agencyId)}`]),
      ],
    });
  }

  p.push({ type: 'heading', text: 'Agency returns' });
  const statuses = returnStatuses(state, policy, today);
  if (!statuses.length) p.push({ type: 'text', text: 'No returns have been requested.' });
  for (const s of statuses) {
    const request = state.requests.find((r) => r.requestId === s.requestId)!;
    const current = request.returns[request.returns.length - 1];
    p.push({ type: 'heading', text: name(s.agencyId) });
    p.push({
      type: 'meta',
      text: current
        ? `Requested ${longDate(request.requestedOn)}, due ${longDate(s.dueOn)}; received ${longDate(s.receivedOn!)}${s.late ? ' (LATE)' : ''}` +
          (request.returns.length > 1 ? `; corrected ${longDate(current.receivedOn)}` : '') +
          '.'
        : `Requested ${longDate(request.requestedOn)}, due ${longDate(s.dueOn)}: no return received${s.late ? ' (OVERDUE)' : ''}.`,
    });
    if (!current) continue;
    p.push({
      type: 'table',
      text: `${name(s.agencyId)}: incidents`,
      header: ['Incident', 'Holds a record', 'Reference', 'Date reported', 'Action taken'],
      rows: current.incidents.map((i) => [
        i.incidentId,
        yesNo(i.holdsRecord),
        i.reference ?? '',
        i.reportedOn ? longDate(i.reportedOn) : '',
        i.actionTaken ?? '',
      ]),
    });
    if (current.otherInformation)
      p.push({ type: 'text', text: `Other information: ${current.otherInformation}` });
  }

  if (state.actions.length) {
    p.push({ type: 'heading', text: 'Actions from earlier reviews' });
    p.push({
      type: 'table',
      text: 'Actions',
      header: ['Action', 'Owner', 'Due', 'Status'],
      rows: state.actions.map((a) => [a.description, name(a.ownerAgency), longDate(a.dueOn), a.status]),
    });
  }
  return {
    kind: 'panel-papers',
    title: `Case review panel papers: ${c.reference}`,
    marking: 'OFFICIAL-SENSITIVE',
    paragraphs: p,
  };
}
