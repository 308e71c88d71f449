import type { MeetingView } from '../../../../bot/api/contract';
import type { ThemeName } from '../../theme-name';
import { markOnce, meetingMarks } from './marks';
import { panelHeadings, panelWords } from './panel-words';

/**
 * Issue 16: a member's first view of the side panel as plain, read-only HTML, drawn by the meeting page's
 * bootstrap the moment the view arrives on the stream. It exists because React, Fluent UI and the views
 * (~130 KB gzipped) take most of a second to load and evaluate when three members' panels open at once on
 * a small machine; the member reads the panel meanwhile, and React takes over the same root with the full
 * panel (the chair's buttons and forms). Same headings, words (panel-words.ts) and order as side-panel.tsx
 * and case-papers.tsx, the same structure and spacing (first-view.css copies Fluent's tokens), and only
 * what the server's view for this member holds. DOM APIs only: text goes in as text, never as HTML.
 */

/** An element to draw: its tag, attributes and children. Pure data, so it is tested without a DOM. */
export interface Plain {
  tag: string;
  attrs: Record<string, string>;
  children: (Plain | string)[];
}

const el = (tag: string, attrs: Record<string, string>, ...children: (Plain | string)[]): Plain => ({
  tag,
  attrs,
  children,
});

// Fluent UI's 20px filled icons for the message bars (WarningFilled, CheckmarkCircleFilled).
const ICONS = {
  warning:
    'M7.37 3.56a3 3 0 0 1 5.26 0l5.5 10A3 3 0 0 1 15.5 18h-11a3 3 0 0 1-2.63-4.44zM10 12.75a.75.75 0 1 0 0 1.5.75.75 0 0 0 0-1.5m0-6.25a.5.5 0 0 0-.5.5v4a.5.5 0 0 0 1 0V7a.5.5 0 0 0-.5-.5',
  success:
    'M10 2a8 8 0 1 1 0 16 8 8 0 0 1 0-16m3.36 5.65a.5.5 0 0 0-.64-.06l-.07.06L9 11.3 7.35 9.65l-.07-.06a.5.5 0 0 0-.7.7l.07.07 2 2 .07.06c.17.11.4.11.56 0l.07-.06 4-4 .07-.08a.5.5 0 0 0-.06-.63',
};

/** A Fluent-looking message bar (role status, as the React panel's MessageBar). */
function bar(intent: 'success' | 'warning', text: string): Plain {
  const icon = el(
    'svg',
    { viewBox: '0 0 20 20', width: '1em', height: '1em', fill: 'currentColor', 'aria-hidden': 'true' },
    el('path', { d: ICONS[intent] }),
  );
  return el(
    'div',
    { role: 'status', class: `fv-bar fv-bar--${intent}` },
    el('div', { class: 'fv-bar__icon' }, icon),
    el('div', { class: 'fv-bar__body' }, text),
  );
}

function section(id: keyof typeof panelHeadings, ...children: (Plain | string)[]): Plain {
  return el(
    'section',
    { class: 'fv-section', 'aria-labelledby': id },
    el('h2', { id }, panelHeadings[id]),
    ...children,
  );
}

const list = (tag: 'ul' | 'ol', attrs: Record<string, string>, items: Plain[]) =>
  el(tag, { class: 'fv-list', ...attrs }, ...items);

/** A section listing the view's items in words, with a line saying there are none (as the React panel). */
function listSection<T>(
  id: 'recommendations' | 'actions' | 'returns',
  items: T[],
  none: string,
  words: (item: T) => string,
): Plain {
  return section(
    id,
    ...(items.length ? [] : [el('p', {}, none)]),
    list(
      'ul',
      { 'data-testid': id },
      items.map((item) => el('li', {}, words(item))),
    ),
  );
}

/** The side panel's content for this view, as side-panel.tsx lays it out for a member who only reads. */
export function firstViewTree(view: MeetingView): Plain {
  const held = view.held;
  return el(
    'main',
    { id: 'main', class: 'fv-main' },
    el('h1', { class: 'fv-h1', tabindex: '-1' }, panelWords.title(view)),
    el('p', {}, panelWords.meeting(view)),
    // The minutes' download is a button: it comes with React.
    ...(held
      ? [
          bar(
            'success',
            `${panelWords.held(held)} ${held.minutesFileId ? '' : panelWords.minutesComing}`.trim(),
          ),
        ]
      : []),
    section(
      'agenda',
      list(
        'ol',
        {},
        view.agenda.map((a) =>
          el(
            'li',
            a.current ? { class: 'fv-current', 'aria-current': 'step' } : {},
            panelWords.agendaItem(a),
          ),
        ),
      ),
      el('p', {}, panelWords.onStage(view)),
    ),
    section(
      'attendance',
      bar(view.quorum.met ? 'success' : 'warning', view.quorum.message),
      list(
        'ul',
        {},
        view.attendees.map((a) =>
          el(
            'li',
            { 'data-testid': 'attendee' },
            `${panelWords.attendee(a)} `,
            el(
              'span',
              { class: `fv-badge${a.present ? ' fv-badge--here' : ''}` },
              panelWords.present(a.present),
            ),
          ),
        ),
      ),
    ),
    listSection(
      'recommendations',
      view.recommendations,
      panelWords.noRecommendations,
      panelWords.recommendation,
    ),
    listSection('actions', view.actions, panelWords.noActions, panelWords.action),
    // The case papers (case-papers.tsx): only what the server's view for this member holds.
    section('summary', el('p', {}, panelWords.summary(view.summary))),
    listSection('returns', view.returns, panelWords.noReturns, panelWords.returned),
    ...(view.victimStatements.length
      ? [section('statement', ...view.victimStatements.map((v) => el('p', {}, panelWords.statement(v))))]
      : []),
    section(
      'timeline',
      list(
        'ul',
        {},
        view.timeline.map((t) => el('li', {}, panelWords.timelineEntry(t))),
      ),
    ),
  );
}

const SVG = 'http://www.w3.org/2000/svg';

/** Makes the DOM for a tree: elements by name, attributes as attributes, text as text nodes. */
export function toDom(doc: Document, node: Plain | string): Node {
  if (typeof node === 'string') return doc.createTextNode(node);
  const svg = node.tag === 'svg' || node.tag === 'path';
  const element = svg ? doc.createElementNS(SVG, node.tag) : doc.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) element.setAttribute(name, value);
  for (const child of node.children) element.appendChild(toDom(doc, child));
  return element;
}

/**
 * Draws (or redraws, when a change comes before React) the member's first view into the page's root, in
 * the host's theme, and marks the moment for bench/meeting.
 */
export function drawFirstView(root: HTMLElement, view: MeetingView, theme: ThemeName): void {
  const page = el('div', { class: `fv fv--${theme}` }, firstViewTree(view));
  root.replaceChildren(toDom(root.ownerDocument, page));
  root.ownerDocument.title = `${panelWords.title(view)} - ASB Case Review`;
  markOnce(meetingMarks.firstView);
}
