/**
 * Issue 16: the meeting's own page (`/meeting`, tab/meeting.html), the side panel and the stage. The
 * bootstrap carries teams-js (the page is for Teams, and the host's handshake, the token and the first
 * view are the longest path) and starts sign-in and the member's first view (the stream) at once. When the
 * view arrives it is drawn as plain HTML (views/meeting/first-view.ts), and only then do React, Fluent UI
 * and the meeting's views load (meeting-app.tsx), so they no longer hold the main thread before the member
 * can read the panel; React then takes over the same root. A refusal, a page with no case, the stage and
 * anything but a signed-in member keep the React path from the start. None of the workspace (its router,
 * views, the rules module's phone metadata) is on this page. The token is checked by the server on every
 * request as anywhere else: nothing is fetched before there is one.
 */
import { Api } from './api/client';
import { mightBeInTeams, storedToken } from './auth/session';
import { startUp, type SessionState } from './auth/start-up';
import { teamsSdk } from './auth/teams-sdk';
import { sessionTokens } from './auth/token-source';
import { savedTheme, themeFromTeams } from './theme-name';
import { drawFirstView } from './views/meeting/first-view';
import { markOnce, meetingMarks } from './views/meeting/marks';
import { dropEarly, openEarly } from './views/meeting/meeting-feed';
import './styles.css';
import './views/meeting/first-view.css';

markOnce(meetingMarks.script);

// React, Fluent UI and the views: asked for once wanted (after the first view is drawn, or at once when
// there is none to draw), so their download, compilation and evaluation wait for the member's first view.
let wantViews: () => void = () => undefined;
const views = new Promise<void>((resolve) => (wantViews = resolve))
  .then(() => import('./meeting-app'))
  .then((m) => {
    markOnce(meetingMarks.views);
    return m;
  });
/** After the browser has painted what was just drawn (a timer too, for a frame that is not painting). */
const afterPaint = (then: () => void) => {
  requestAnimationFrame(() => setTimeout(then, 0));
  setTimeout(then, 250);
};

const session: SessionState = { token: storedToken(), host: undefined, outside: undefined, hostSso: false };
const expiry: { listener: () => void } = { listener: () => undefined };
const api = new Api(sessionTokens(session, () => expiry.listener()));
const params = new URLSearchParams(window.location.search);
const caseId = params.get('caseId');
const root = document.getElementById('root');
// No case, or the stage in a plain browser: no first view to draw, so today's path.
if (!caseId || params.get('frame') === 'stage') wantViews();
/** Stops drawing the plain view, once React is about to take the root. */
let stopPlain: () => void = () => undefined;

const boot = startUp(api, session, {
  ...(mightBeInTeams() ? { teams: teamsSdk } : {}),
  withToken: () => {
    markOnce(meetingMarks.token);
    // The stage reads its own (smaller) answer; the side panel's stream opens beside `/api/me`.
    const stage = session.host?.frameContext === 'meetingStage' || params.get('frame') === 'stage';
    if (!caseId || stage || !root) return wantViews();
    const theme = session.host ? themeFromTeams(session.host.theme) : (savedTheme() ?? 'web-light');
    stopPlain = openEarly(api, caseId).subscribe({
      view: (view) => {
        drawFirstView(root, view, theme);
        afterPaint(wantViews);
      },
      // A refusal (the same message as always) or a dropped stream: React's panel says so.
      error: () => wantViews(),
    });
    // A stream that does not answer: the panel's own spinner, as before.
    setTimeout(wantViews, 3000);
  },
}).then((b) => {
  markOnce(meetingMarks.me);
  if (b.stage !== 'ready') {
    dropEarly();
    wantViews();
  }
  return b;
});

if (root)
  Promise.all([views, boot]).then(
    ([app, first]) => {
      stopPlain();
      app.renderMeeting(root, {
        api,
        session,
        boot: first,
        onExpired: (listener) => (expiry.listener = listener),
      });
    },
    () => {
      root.textContent = 'The meeting panel could not load. Close it and open it again.';
    },
  );
