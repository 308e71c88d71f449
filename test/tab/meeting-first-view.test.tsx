/**
 * Issue 16: the side panel's plain first view (tab/src/views/meeting/first-view.ts), drawn by the meeting
 * page's bootstrap before React and Fluent UI have loaded. A member reads the same words in the same order
 * as in React's panel (rendered here on the server, from the same view), only what the server's view for
 * them holds, and text stays text.
 */
import { DOMImplementation, XMLSerializer } from '@xmldom/xmldom';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Me, MeetingView } from '../../bot/api/contract';
import type { Api } from '../../tab/src/api/client';
import { AppContext } from '../../tab/src/app-context';
import { firstViewTree, toDom, type Plain } from '../../tab/src/views/meeting/first-view';
import { dropEarly, openEarly } from '../../tab/src/views/meeting/meeting-feed';
import { SidePanel } from '../../tab/src/views/meeting/side-panel';

/** A police member's view of a case under East Herts, as the server sends it (bot/app/meeting-service.ts). */
function policeView(overrides: Partial<MeetingView> = {}): MeetingView {
  return {
    caseId: 'case-1',
    reference: 'CT-2026-0007',
    version: 12,
    status: 'panel-booked',
    meeting: {
      bookingId: 'booking-1',
      start: '2026-04-13T09:00:00Z',
      end: '2026-04-13T10:30:00Z',
      chair: 'Jordan Lee',
      victimParticipation: 'attend-online',
    },
    agenda: [
      { part: 'victim', title: "The victim's part", current: false },
      { part: 'agencies', title: "The agencies' part: returns and discussion", current: true },
      { part: 'actions', title: 'Recommendations and the action plan', current: false },
    ],
    stage: 'agenda',
    summary: {
      receivedOn: '2026-03-02',
      incidents: 3,
      agencies: [
        { id: 'ehc', name: 'East Herts District Council' },
        { id: 'herts-police', name: 'Hertfordshire Constabulary' },
      ],
      decision: { outcome: 'met', decidedOn: '2026-03-10' },
    },
    returns: [
      {
        agencyId: 'herts-police',
        agency: 'Hertfordshire Constabulary',
        receivedOn: '2026-03-04',
        incidents: 1,
        otherInformation: 'Police intelligence that only the panel may read',
      },
      { agencyId: 'ehc', agency: 'East Herts District Council', incidents: 0 },
    ],
    victimStatements: [{ receivedOn: '2026-03-20', text: 'The noise goes on past midnight.' }],
    timeline: [
      { at: '2026-03-10T10:00:00Z', what: 'panel-booked', by: 'Sam Patel' },
      { at: '2026-03-04T10:00:00Z', what: 'return-received', by: 'Tom Evans' },
    ],
    attendees: [
      {
        attendeeId: 'herts-police-1',
        personId: 'herts-police-1',
        name: 'Priya Shah',
        agencyId: 'herts-police',
        agency: 'Hertfordshire Constabulary',
        present: true,
      },
      {
        attendeeId: 'ehc-1',
        name: 'Alex Morgan',
        agencyId: 'ehc',
        agency: 'East Herts District Council',
        present: false,
      },
    ],
    quorum: { met: false, message: 'Not quorate: 1 of the bodies that make up the panel are here.' },
    recommendations: [{ id: 'r1', text: 'Mediation offered to both households', owner: 'Housing' }],
    actions: [
      {
        id: 'a1',
        description: 'Joint patrols on Example Road',
        owner: 'Hertfordshire Constabulary',
        ownerName: 'Priya Shah',
        dueOn: '2026-05-15',
      },
    ],
    can: { run: false },
    ...overrides,
  };
}

/** The words of a plain tree in reading order, one piece per text node. */
function words(node: Plain | string): string[] {
  return typeof node === 'string' ? [node] : node.children.flatMap(words);
}
const said = (pieces: string[]) => pieces.join(' ').replace(/\s+/g, ' ').trim();

function find(node: Plain, test: (n: Plain) => boolean): Plain[] {
  const here = test(node) ? [node] : [];
  return [...here, ...node.children.flatMap((c) => (typeof c === 'string' ? [] : find(c, test)))];
}

/** React's side panel for this view, rendered to HTML on the server, then its text in reading order. */
function reactPanelSays(view: MeetingView): string {
  const api = {
    meetingStream: (_caseId: string, onView: (v: MeetingView) => void) => {
      onView(view);
      return new Promise<void>(() => undefined);
    },
  } as unknown as Api;
  // The page's bootstrap opened the stream before React: the panel's first render shows its view.
  openEarly(api, view.caseId);
  const me = { today: '2026-04-13' } as unknown as Me;
  const html = renderToStaticMarkup(
    <FluentProvider theme={webLightTheme}>
      <AppContext.Provider value={{ api, me }}>
        <SidePanel caseId={view.caseId} />
      </AppContext.Provider>
    </FluentProvider>,
  );
  dropEarly();
  const text = html
    .replace(/<style[^>]*>[\s\S]*?<\/style>/g, ' ')
    .replace(/<!--[\s\S]*?-->|<[^>]+>/g, ' ')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return said([text]);
}

describe("the side panel's plain first view", () => {
  it('says what React’s panel says, in the same order, for a member who reads', () => {
    const view = policeView();
    const plain = said(words(firstViewTree(view)));
    expect(plain).toBe(reactPanelSays(view));
    // ...and both say it: the headings in order, the member's papers among them.
    expect(plain).toMatch(
      /^Case review: CT-2026-0007 13 Apr 2026, 10:00, chaired by Jordan Lee\. Agenda .* Attendance .* Recommendations .* Action plan .* The case .* Agency returns .* The victim’s statement .* Latest on the case /,
    );
    expect(plain).toContain("The agencies' part: returns and discussion (now)");
    expect(plain).toContain('Priya Shah (Hertfordshire Constabulary) here');
    expect(plain).toContain('Alex Morgan (East Herts District Council) not here');
    expect(plain).toContain(
      'Joint patrols on Example Road: Hertfordshire Constabulary (Priya Shah), due 15 May 2026',
    );
    expect(plain).toContain(
      'Hertfordshire Constabulary: returned 4 March 2026, 1 incident on record. Police intelligence that only the panel may read',
    );
  });

  it('says the same as React’s panel with nothing agreed yet, no statement, and the review held', () => {
    const view = policeView({
      recommendations: [],
      actions: [],
      victimStatements: [],
      returns: [],
      held: { heldOn: '2026-04-13' },
      agenda: policeView().agenda.map((a) => ({ ...a, current: false })),
    });
    const plain = said(words(firstViewTree(view)));
    expect(plain).toBe(reactPanelSays(view));
    expect(plain).toContain(
      'The review was recorded as held on 13 April 2026. The minutes are being made...',
    );
    expect(plain).toContain('None agreed yet.');
    expect(plain).toContain('No actions agreed yet.');
    expect(plain).toContain('No returns you can see.');
    expect(plain).not.toContain('The victim’s statement');
  });

  it('shows only what the server’s view for this member holds', () => {
    // A member whose view carries no victim's statement and only their own agency's return.
    const view = policeView({
      victimStatements: [],
      returns: [{ agencyId: 'herts-police', agency: 'Hertfordshire Constabulary', incidents: 0 }],
    });
    const tree = firstViewTree(view);
    const text = said(words(tree));
    expect(text).not.toContain('The noise goes on past midnight');
    expect(text).not.toContain('East Herts District Council: ');
    expect(find(tree, (n) => n.attrs['data-testid'] === 'returns')[0]!.children).toHaveLength(1);
    // Nothing from the view's other fields (ids, the booking, the join link) is put on the page.
    const all = JSON.stringify(tree);
    for (const hidden of ['booking-1', 'herts-police-1', 'case-1', 'attend-online'])
      expect(all).not.toContain(hidden);
  });

  it('is accessible as React’s panel is: one h1, sections named by their h2, the current part marked', () => {
    const tree = firstViewTree(policeView());
    expect(tree.tag).toBe('main');
    expect(find(tree, (n) => n.tag === 'h1').map((h) => said(words(h)))).toEqual([
      'Case review: CT-2026-0007',
    ]);
    const sections = find(tree, (n) => n.tag === 'section');
    for (const s of sections) {
      const h2 = s.children[0] as Plain;
      expect(h2.tag).toBe('h2');
      expect(s.attrs['aria-labelledby']).toBe(h2.attrs.id);
    }
    const current = find(tree, (n) => n.attrs['aria-current'] === 'step');
    expect(current.map((n) => said(words(n)))).toEqual(["The agencies' part: returns and discussion (now)"]);
    expect(find(tree, (n) => n.attrs.role === 'status').map((n) => said(words(n)))).toEqual([
      'Not quorate: 1 of the bodies that make up the panel are here.',
    ]);
  });

  it('puts text in as text: a reference or a note with markup in it shows as written', () => {
    const doc = new DOMImplementation().createDocument('http://www.w3.org/1999/xhtml', 'html', null);
    const view = policeView({
      reference: '<img src=x onerror=alert(1)>',
      recommendations: [{ id: 'r1', text: '<b>bold</b> & more' }],
    });
    const node = toDom(doc as unknown as Document, firstViewTree(view));
    const xml = new XMLSerializer().serializeToString(node as never);
    expect(xml).toContain('Case review: &lt;img src=x onerror=alert(1)&gt;');
    expect(xml).toContain('&lt;b&gt;bold&lt;/b&gt; &amp; more');
    expect(xml).not.toContain('<img');
    expect(xml).not.toContain('<b>');
  });
});
