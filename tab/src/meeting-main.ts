/**
 * Issue 16: the meeting's own page (`/meeting`, tab/meeting.html), the side panel and the stage. The
 * bootstrap carries teams-js (the page is for Teams, and the host's handshake, the token and the first
 * view are the longest path) and starts sign-in and the member's first view (the stream) at once, while
 * React, Fluent UI and the meeting's views load beside them (meeting-app.tsx). None of the workspace (its
 * router, views, the rules module's phone metadata) is on this page. The token is checked by the server on
 * every request as anywhere else: nothing is fetched before there is one.
 */
import { Api } from './api/client';
import { mightBeInTeams, storedToken } from './auth/session';
import { startUp, type SessionState } from './auth/start-up';
import { teamsSdk } from './auth/teams-sdk';
import { sessionTokens } from './auth/token-source';
import { markOnce, meetingMarks } from './views/meeting/marks';
import { dropEarly, openEarly } from './views/meeting/meeting-feed';
import './styles.css';

markOnce(meetingMarks.script);
const views = import('./meeting-app').then((m) => {
  markOnce(meetingMarks.views);
  return m;
});

const session: SessionState = { token: storedToken(), host: undefined, outside: undefined, hostSso: false };
const expiry: { listener: () => void } = { listener: () => undefined };
const api = new Api(sessionTokens(session, () => expiry.listener()));
const params = new URLSearchParams(window.location.search);
const caseId = params.get('caseId');

const boot = startUp(api, session, {
  ...(mightBeInTeams() ? { teams: teamsSdk } : {}),
  withToken: () => {
    markOnce(meetingMarks.token);
    // The stage reads its own (smaller) answer; the side panel's stream opens beside `/api/me`.
    const stage = session.host?.frameContext === 'meetingStage' || params.get('frame') === 'stage';
    if (caseId && !stage) openEarly(api, caseId);
  },
}).then((b) => {
  markOnce(meetingMarks.me);
  if (b.stage !== 'ready') dropEarly();
  return b;
});

const root = document.getElementById('root');
if (root)
  Promise.all([views, boot]).then(
    ([app, first]) =>
      app.renderMeeting(root, {
        api,
        session,
        boot: first,
        onExpired: (listener) => (expiry.listener = listener),
      }),
    () => {
      root.textContent = 'The meeting panel could not load. Close it and open it again.';
    },
  );
