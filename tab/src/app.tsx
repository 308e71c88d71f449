import {
  Button,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { SignedIn } from './app-shell';
import { SignInPage } from './auth/sign-in-page';
import { useSession } from './auth/use-session';
import { Page } from './components/page';
import { hrefOf } from './router';
import { saveTheme, savedTheme, themeFor, themeFromTeams, type ThemeName } from './theme';

const useStyles = makeStyles({
  provider: { minHeight: '100vh', display: 'flex', flexDirection: 'column' },
  centre: { padding: tokens.spacingHorizontalXXL },
});

/**
 * The tab: signs in (auth/use-session.ts and start-up.ts), then shows the signed-in app (app-shell.tsx),
 * the local sign-in, "open this in Teams", or why it could not start, in the theme of the host.
 */
export function App() {
  const styles = useStyles();
  const [themeName, setThemeName] = useState<ThemeName>(() => savedTheme() ?? 'web-light');
  const { boot, host, api, signedIn, signOut, retry } = useSession((h) => {
    // Issue 15: a card's, reminder's or email's link opens the case it is about (Teams hands its id over).
    if (h.subPageId && /^[\w-]{1,100}$/.test(h.subPageId) && !window.location.hash.startsWith('#/cases/'))
      window.location.hash = hrefOf({ view: 'case', caseId: h.subPageId });
    setThemeName(themeFromTeams(h.theme));
    h.onThemeChange((t) => setThemeName(themeFromTeams(t)));
  });

  const chooseTheme = (name: ThemeName) => {
    setThemeName(name);
    saveTheme(name);
  };

  // Before sign-in, one message in the middle of the page.
  const centred = (content: ReactNode) => <main className={styles.centre}>{content}</main>;
  let body: ReactNode;
  switch (boot.stage) {
    case 'starting':
      body = centred(<Spinner label="Signing you in..." />);
      break;
    case 'sign-in':
      body = centred(<SignInPage api={api} onSignedIn={signedIn} />);
      break;
    case 'teams-only':
      body = centred(
        <Page title="Open this app in Teams">
          <p>
            ASB Case Review signs you in through Microsoft Teams. Open it from the app in Teams (or Outlook),
            not in a browser tab.
          </p>
        </Page>,
      );
      break;
    case 'failed':
      body = centred(
        <Page title="ASB Case Review could not start">
          <MessageBar intent="error" role="alert" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Could not load your details</MessageBarTitle>
              {boot.error.message}
            </MessageBarBody>
          </MessageBar>
          <p>
            <Button appearance="primary" onClick={retry}>
              Try again
            </Button>
          </p>
        </Page>,
      );
      break;
    case 'ready': {
      const local = boot.me.mode === 'local' && !host;
      body = (
        <SignedIn
          value={{ api, me: boot.me, ...(host ? { host } : {}) }}
          themeName={themeName}
          onTheme={local ? chooseTheme : undefined}
          onSignOut={local ? signOut : undefined}
        />
      );
      break;
    }
  }

  return (
    <FluentProvider theme={themeFor(themeName)} className={styles.provider}>
      {body}
    </FluentProvider>
  );
}
