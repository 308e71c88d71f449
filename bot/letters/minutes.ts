/**
 * Issue 16: the minutes of the case review, made from what the panel's meeting recorded: who attended for
 * which body, the chair, the agenda's parts as discussion headings, the recommendations and the action plan.
 * For the panel under the information sharing agreement; no contact details, no return's contents.
 */
import {
  agencyName,
  agendaFor,
  agendaTitles,
  currentReview,
  panelQuorum,
  type CaseState,
  type Policy,
} from '../../shared';
import type { DocBlock, DocumentContent } from './document-model';
import { clockWords, longDate } from './format';
import { DEFAULT_MINUTES_LAYOUT, type MinutesLayout } from './templates';

const victimPart: Record<'attended' | 'impact-statement' | 'none', string> = {
  attended: 'The victim attended the start of the meeting and was heard before the agencies’ part.',
  'impact-statement': 'The victim’s impact statement was read at the start of the meeting.',
  none: 'The victim chose not to take part.',
};

/** The minutes, laid out as the council's templates say (issue 15: `minutes` in its template file). */
export function composeMinutes(
  c: { reference: string; state: CaseState },
  policy: Policy,
  layout: MinutesLayout = DEFAULT_MINUTES_LAYOUT,
): DocumentContent {
  const { state } = c;
  const review = currentReview(state);
  if (!review) throw new Error('The minutes follow a review recorded as held.');
  const name = (id: string) => agencyName(policy, id);
  const live = state.liveReview;
  const quorum = panelQuorum(review.attendees, policy);
  const owners = new Map((live?.actions ?? []).map((a) => [a.id, a.ownerName]));
  const chair = review.chair ?? state.panel?.chair;
  const title = layout.title.replace(/\{\{\s*reference\s*\}\}/g, c.reference);
  const h = layout.headings;
  const p: DocBlock[] = [
    { type: 'heading', level: 1, text: title },
    {
      type: 'meta',
      text:
        `Review held on ${longDate(review.heldOn)}. ${layout.intro ? `${layout.intro} ` : ''}` +
        `The minutes and the action plan are circulated within ${clockWords(policy.clocks.minutes)} of the meeting.`,
    },
    { type: 'heading', text: h.attendance },
    {
      type: 'table',
      text: 'Who attended, for which body',
      header: ['Name', 'Body', 'Role'],
      rows: [
        ...(chair
          ? [[chair.name, chair.organisation + (chair.independent ? ' (independent)' : ''), 'Chair']]
          : []),
        ...review.attendees.map((a) => [a.name, name(a.agencyId), a.role === 'member' ? 'Member' : a.role]),
      ],
    },
    {
      type: 'text',
      text: quorum.met
        ? `The panel was quorate: ${quorum.bodies.length} of the bodies that make up the panel (at least ${quorum.required}).`
        : `The panel was not quorate: ${quorum.bodies.length} of the bodies that make up the panel (at least ${quorum.required}).`,
    },
  ];
  const agenda = agendaFor(state.panel?.victimParticipation);
  p.push({ type: 'heading', text: h.discussion });
  for (const part of agenda) {
    p.push({ type: 'heading', level: 2, text: agendaTitles[part] });
    if (part === 'victim') p.push({ type: 'text', text: victimPart[review.victimParticipation] });
    if (part === 'agencies')
      p.push({
        type: 'text',
        text: state.requests.length
          ? `Returns were presented by ${[...new Set(state.requests.filter((r) => r.returns.length).map((r) => name(r.agencyId)))].join(', ') || 'no agency'}.`
          : 'No returns had been requested.',
      });
    if (part === 'actions')
      p.push({
        type: 'text',
        text: `${review.recommendations.length} recommendation${review.recommendations.length === 1 ? ' was' : 's were'} agreed and the action plan below.`,
      });
  }
  p.push({ type: 'heading', text: h.recommendations });
  if (!review.recommendations.length) p.push({ type: 'text', text: 'None recorded.' });
  for (const r of review.recommendations)
    p.push({ type: 'bullet', text: r.ownerAgency ? `${r.text} (${name(r.ownerAgency)})` : r.text });
  p.push({ type: 'heading', text: h.actionPlan });
  const ids = new Set((live?.actions ?? []).map((a) => a.id));
  const agreed = state.actions.filter((a) => ids.has(a.id) || !live);
  if (!agreed.length) p.push({ type: 'text', text: 'No actions were agreed.' });
  else
    p.push({
      type: 'table',
      text: 'Actions agreed',
      header: ['Action', 'Owner', 'Lead', 'Due'],
      rows: agreed.map((a) => [
        a.description.replace(/ \(lead: [^)]*\)$/, ''),
        name(a.ownerAgency),
        owners.get(a.id) ?? '',
        longDate(a.dueOn),
      ]),
    });
  for (const text of layout.closing) p.push({ type: 'text', text });
  return { kind: 'minutes', title, marking: layout.marking, paragraphs: p };
}
