import type { MeetingView } from '../../../../bot/api/contract';
import { formatDate, formatInstant } from '../../lib/format';
import { eventLabels, outcomeLabels } from '../../lib/labels';

/**
 * The words of a member's side panel, in one place: the React panel (side-panel.tsx, case-papers.tsx) and
 * the plain first view the meeting page draws before React has loaded (first-view.ts) both read them, so
 * a member reads the same words in both. Pure (no React, no DOM).
 */

type Attendee = MeetingView['attendees'][number];
type Recommendation = MeetingView['recommendations'][number];
type Action = MeetingView['actions'][number];
type Return = MeetingView['returns'][number];
type Statement = MeetingView['victimStatements'][number];
type TimelineEntry = MeetingView['timeline'][number];

/** The side panel's headings, by the id each section is labelled with. */
export const panelHeadings = {
  agenda: 'Agenda',
  attendance: 'Attendance',
  recommendations: 'Recommendations',
  actions: 'Action plan',
  summary: 'The case',
  returns: 'Agency returns',
  statement: 'The victim’s statement',
  timeline: 'Latest on the case',
} as const;

export const panelWords = {
  /** The page's title while there is no view yet (or a refusal). */
  untitled: 'Case review meeting',
  title: (view: Pick<MeetingView, 'reference'>) => `Case review: ${view.reference}`,
  meeting: (view: Pick<MeetingView, 'meeting'>) =>
    `${formatInstant(view.meeting.start)}, chaired by ${view.meeting.chair}.`,
  agendaItem: (item: { title: string; current: boolean }) => `${item.title}${item.current ? ' (now)' : ''}`,
  onStage: (view: Pick<MeetingView, 'stage'>) =>
    `On the stage now: ${view.stage === 'agenda' ? 'the agenda' : 'the action plan'}.`,
  attendee: (a: Pick<Attendee, 'name' | 'agency'>) => `${a.name} (${a.agency})`,
  present: (present: boolean) => (present ? 'here' : 'not here'),
  noRecommendations: 'None agreed yet.',
  recommendation: (r: Recommendation) => `${r.text}${r.owner ? ` (${r.owner})` : ''}`,
  noActions: 'No actions agreed yet.',
  action: (a: Action) =>
    `${a.description}: ${a.owner}${a.ownerName ? ` (${a.ownerName})` : ''}, due ${formatDate(a.dueOn)}`,
  held: (held: { heldOn: string }) => `The review was recorded as held on ${formatDate(held.heldOn)}.`,
  minutesComing: 'The minutes are being made...',
  summary: (s: MeetingView['summary']) =>
    `Received ${formatDate(s.receivedOn)}; ${s.incidents} incident${s.incidents === 1 ? '' : 's'}` +
    (s.decision
      ? `; threshold ${outcomeLabels[s.decision.outcome].toLowerCase()} (decided ${formatDate(s.decision.decidedOn)})`
      : '') +
    `. Agencies: ${s.agencies.map((a) => a.name).join(', ')}.`,
  noReturns: 'No returns you can see.',
  returned: (r: Return) =>
    `${r.agency}: ` +
    (r.receivedOn
      ? `returned ${formatDate(r.receivedOn)}, ${r.incidents} incident${r.incidents === 1 ? '' : 's'} on record`
      : 'no return yet') +
    (r.otherInformation ? `. ${r.otherInformation}` : ''),
  statement: (v: Statement) => `${formatDate(v.receivedOn)}: ${v.text ?? 'a document, in the case files'}`,
  timelineEntry: (t: TimelineEntry) =>
    `${formatInstant(t.at)}: ${eventLabels[t.what as keyof typeof eventLabels] ?? t.what} (${t.by})`,
};
