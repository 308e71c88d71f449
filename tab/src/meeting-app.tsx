import {
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { AppContext } from './app-context';
import type { Api } from './api/client';
import { afterSignIn, type Boot, type SessionState } from './auth/start-up';
import { Page } from './components/page';
import { savedTheme, themeFor, themeFromTeams, type ThemeName } from './theme';
import MeetingView from './views/meeting/meeting-view';

// Only in a plain browser in local mode (the workspace's "Run the review" link), never in Teams.
const SignInPage = lazy(() => import('./auth/sign-in-page').then((m) => ({ default: m.SignInPage })));

const useStyles = makeStyles({
  provider: { minHeight: '100vh', display: 'flex', flexDirection: 'column' },
  main: {
    flexGrow: 1,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    boxSizing: 'border-box',
  },
});

export interface MeetingAppProps {
  api: Api;
  session: SessionState;
  /** Where sign-in ended (meeting-main.ts ran it while this module loaded). */
  boot: Boot;
  /** Tells the bootstrap what to do when the server refuses the token (show the local sign-in). */
  onExpired: (listener: () => void) => void;
}

/** Renders the meeting page once sign-in has ended and React, Fluent UI and the views have loaded. */
export function renderMeeting(root: HTMLElement, props: MeetingAppProps): void {
  createRoot(root).render(<MeetingApp {...props} />);
}

/**
 * The meeting page (issue 16): the side panel or the stage (views/meeting/meeting-view.tsx) for whoever is
 * signed in, in the host's theme; else the local sign-in, "open this in Teams", or why it could not start.
 */
function MeetingApp({ api, session, boot: first, onExpired }: MeetingAppProps) {
  const styles = useStyles();
  const host = session.host;
  const [boot, setBoot] = useState<Boot>(first);
  const [themeName, setThemeName] = useState<ThemeName>(() => {
    host?.onThemeChange((t) => setThemeName(themeFromTeams(t)));
    return host ? themeFromTeams(host.theme) : (savedTheme() ?? 'web-light');
  });
  useEffect(
    () => onExpired(() => !session.host && !session.outside && setBoot({ stage: 'sign-in' })),
    [onExpired, session],
  );

  const signedIn = async (token: string) => setBoot(await afterSignIn(api, session, token));

  let body: ReactNode;
  switch (boot.stage) {
    case 'starting':
      body = <Spinner label="Signing you in..." />;
      break;
    case 'sign-in':
      body = (
        <Suspense fallback={<Spinner label="Loading..." />}>
          <SignInPage api={api} onSignedIn={signedIn} />
        </Suspense>
      );
      break;
    case 'teams-only':
      body = (
        <Page title="Open this in the Teams meeting">
          <p>
            The case review's panel signs you in through Microsoft Teams. Open it from the app in the panel's
            Teams meeting, not in a browser tab.
          </p>
        </Page>
      );
      break;
    case 'failed':
      body = (
        <Page title="The meeting panel could not start">
          <MessageBar intent="error" role="alert" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Could not load your details</MessageBarTitle>
              {boot.error.message} Close the panel and open it again.
            </MessageBarBody>
          </MessageBar>
        </Page>
      );
      break;
    case 'ready':
      body = (
        <AppContext.Provider value={{ api, me: boot.me, ...(host ? { host } : {}) }}>
          <MeetingView />
        </AppContext.Provider>
      );
      break;
  }
  return (
    <FluentProvider theme={themeFor(themeName)} className={styles.provider}>
      <main id="main" className={styles.main}>
        {body}
      </main>
    </FluentProvider>
  );
}
