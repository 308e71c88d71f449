import {
  Button,
  FluentProvider,
  Link,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Select,
  Spinner,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Me } from '../../bot/api/contract';
import { Api, type TokenSource } from './api/client';
import { AppContext, type AppContextValue } from './app-context';
import { inOutlookAddin, pageAuthSettings } from './auth/host';
import { connectTeams, nextToken, storeToken, storedToken, type TeamsHost } from './auth/session';
import { SignInPage } from './auth/sign-in-page';
import { Page } from './components/page';
import { useCommonStyles } from './components/styles';
import { ApiRequestError, asApiError } from './lib/api-error';
import { hrefOf, surfaceOf, useRoute, type Route } from './router';
import { saveTheme, savedTheme, themeFor, themeFromTeams, themeOptions, type ThemeName } from './theme';
import { CasesView } from './views/cases-view';
import { RefView } from './views/ref-view';

// The first screen is the case list; everything else loads when it is first opened.
const NewApplicationView = lazy(() => import('./views/new-application-view'));
const CaseView = lazy(() => import('./views/case-view'));
const StatisticsView = lazy(() => import('./views/statistics-view'));
const ChannelView = lazy(() => import('./views/channel-view'));
const ConfigView = lazy(() => import('./views/config-view'));
const ReturnView = lazy(() => import('./views/return-view'));
const TaskpaneView = lazy(() => import('./views/taskpane-view'));
const OutboxView = lazy(() => import('./views/outbox-view')); // issue 8
const AccessLogView = lazy(() => import('./views/access-log-view'));
const DataProtectionView = lazy(() => import('./views/data-protection-view'));

const useStyles = makeStyles({
  provider: { minHeight: '100vh', display: 'flex', flexDirection: 'column' },
  skip: {
    position: 'absolute',
    left: '-10000px',
    top: 'auto',
    ':focus': {
      left: tokens.spacingHorizontalM,
      top: tokens.spacingVerticalS,
      zIndex: 10,
      padding: tokens.spacingHorizontalS,
      backgroundColor: tokens.colorNeutralBackground1,
    },
  },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  brand: { fontWeight: tokens.fontWeightSemibold, fontSize: tokens.fontSizeBase400 },
  nav: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  navList: { display: 'flex', gap: tokens.spacingHorizontalL, listStyle: 'none', margin: 0, padding: 0 },
  navLink: { fontSize: tokens.fontSizeBase300, padding: `${tokens.spacingVerticalXS} 0` },
  navCurrent: {
    fontWeight: tokens.fontWeightSemibold,
    borderBottom: `2px solid ${tokens.colorBrandStroke1}`,
  },
  user: { marginLeft: 'auto', display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center' },
  main: {
    flexGrow: 1,
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    maxWidth: '80rem',
    width: '100%',
    boxSizing: 'border-box',
    ':focus': { outline: 'none' },
  },
  centre: { padding: tokens.spacingHorizontalXXL },
});

type Boot =
  | { stage: 'starting' }
  | { stage: 'sign-in' }
  | { stage: 'teams-only' }
  | { stage: 'failed'; error: ApiRequestError }
  | { stage: 'ready'; me: Me };

export function App() {
  const styles = useStyles();
  const [boot, setBoot] = useState<Boot>({ stage: 'starting' });
  const [host, setHost] = useState<TeamsHost | undefined>();
  const [themeName, setThemeName] = useState<ThemeName>(() => savedTheme() ?? 'web-light');
  const hostRef = useRef<TeamsHost | undefined>(undefined);
  // Issue 8: the token source outside Teams (the Outlook pane's NAA, the partner page's Entra sign-in).
  const outsideRef = useRef<(() => Promise<string>) | undefined>(undefined);
  const tokenRef = useRef<string | undefined>(storedToken());
  // Set when the host's SSO (Teams getAuthToken, the Outlook pane's NAA) gave a token at start-up.
  const hostSsoRef = useRef(false);
  const [attempt, setAttempt] = useState(0);

  const tokens_: TokenSource = useMemo(
    () => ({
      // With host SSO, ask the host for each call (teams-js and MSAL cache and renew the token).
      get: () => {
        const h = hostRef.current;
        return nextToken(h ? () => h.getToken() : outsideRef.current, hostSsoRef.current, tokenRef);
      },
      refresh: async () => {
        const h = hostRef.current;
        const get = h ? () => h.getToken() : outsideRef.current; // issue 8
        if (!get) return undefined;
        try {
          const t = await get();
          tokenRef.current = t;
          storeToken(t);
          return t;
        } catch {
          return undefined;
        }
      },
      expired: () => {
        tokenRef.current = undefined;
        storeToken(undefined);
        if (!hostRef.current && !outsideRef.current) setBoot({ stage: 'sign-in' });
      },
    }),
    [],
  );
  const api = useMemo(() => new Api(tokens_), [tokens_]);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const next = await start(api, tokenRef, hostRef, outsideRef, hostSsoRef);
      if (cancelled) return;
      const h = hostRef.current;
      if (h) {
        setHost(h);
        setThemeName(themeFromTeams(h.theme));
        h.onThemeChange((t) => setThemeName(themeFromTeams(t)));
      }
      setBoot(next);
    })();
    return () => {
      cancelled = true;
    };
  }, [api, attempt]);

  const signedIn = useCallback(
    async (token: string) => {
      tokenRef.current = token;
      storeToken(token);
      try {
        setBoot({ stage: 'ready', me: await api.me() });
      } catch (err) {
        setBoot({ stage: 'failed', error: asApiError(err) });
      }
    },
    [api],
  );

  const signOut = useCallback(() => {
    tokenRef.current = undefined;
    storeToken(undefined);
    setBoot({ stage: 'sign-in' });
  }, []);

  const chooseTheme = (name: ThemeName) => {
    setThemeName(name);
    saveTheme(name);
  };

  let body: ReactNode;
  switch (boot.stage) {
    case 'starting':
      body = (
        <main className={styles.centre}>
          <Spinner label="Signing you in..." />
        </main>
      );
      break;
    case 'sign-in':
      body = (
        <main className={styles.centre}>
          <SignInPage api={api} onSignedIn={signedIn} />
        </main>
      );
      break;
    case 'teams-only':
      body = (
        <main className={styles.centre}>
          <Page title="Open this app in Teams">
            <p>
              ASB Case Review signs you in through Microsoft Teams. Open it from the app in Teams (or
              Outlook), not in a browser tab.
            </p>
          </Page>
        </main>
      );
      break;
    case 'failed':
      body = (
        <main className={styles.centre}>
          <Page title="ASB Case Review could not start">
            <MessageBar intent="error" role="alert" layout="multiline">
              <MessageBarBody>
                <MessageBarTitle>Could not load your details</MessageBarTitle>
                {boot.error.message}
              </MessageBarBody>
            </MessageBar>
            <p>
              <Button appearance="primary" onClick={() => setAttempt((n) => n + 1)}>
                Try again
              </Button>
            </p>
          </Page>
        </main>
      );
      break;
    case 'ready':
      body = (
        <SignedIn
          value={{ api, me: boot.me, ...(host ? { host } : {}) }}
          themeName={themeName}
          onTheme={boot.me.mode === 'local' && !host ? chooseTheme : undefined}
          onSignOut={boot.me.mode === 'local' && !host ? signOut : undefined}
        />
      );
      break;
  }

  return (
    <FluentProvider theme={themeFor(themeName)} className={styles.provider}>
      {body}
    </FluentProvider>
  );
}

/**
 * Teams SSO (the Outlook task pane: Nested App Authentication), then a stored token, then the local
 * sign-in, the partner's Entra sign-in on the return page, or "open in Teams".
 */
async function start(
  api: Api,
  tokenRef: { current: string | undefined },
  hostRef: { current: TeamsHost | undefined },
  outsideRef: { current: (() => Promise<string>) | undefined },
  hostSsoRef: { current: boolean },
): Promise<Boot> {
  // Issue 8: the task pane in Outlook is no Teams tab (teams-js would wait in vain): it uses NAA.
  const surface = surfaceOf(window.location.pathname);
  const addin = surface === 'taskpane' && inOutlookAddin(window.location.search, window);
  const host = addin ? undefined : await connectTeams();
  hostRef.current = host;
  if (addin) {
    const { outlookSignIn } = await import('./outlook/sign-in-outside-teams');
    outsideRef.current = (await outlookSignIn(pageAuthSettings()))?.getToken;
    if (outsideRef.current) {
      try {
        tokenRef.current = await outsideRef.current();
        hostSsoRef.current = true;
      } catch (err) {
        // NAA missing in this Outlook, or no tenant to sign in to: say so plainly.
        if (err instanceof Error && err.name === 'NaaUnavailableError')
          return { stage: 'failed', error: new ApiRequestError(0, 'unauthenticated', err.message) };
        return { stage: 'failed', error: signInFailed('Outlook') };
      }
    }
  }
  if (host) {
    try {
      tokenRef.current = await host.getToken();
      hostSsoRef.current = true;
    } catch {
      // SSO is not set up (or consent is missing): fall through to a stored token or the local sign-in.
    }
  }
  if (tokenRef.current) {
    try {
      return { stage: 'ready', me: await api.me() };
    } catch (err) {
      const e = asApiError(err);
      if (e.status !== 401) return { stage: 'failed', error: e };
      tokenRef.current = undefined;
      hostSsoRef.current = false;
      storeToken(undefined);
    }
  }
  // No token: the local sign-in exists only in local mode (GET /api/local/people answers only there).
  try {
    await api.people();
    return { stage: 'sign-in' };
  } catch (err) {
    const e = asApiError(err);
    if (e.code === 'network') return { stage: 'failed', error: e };
  }
  // Issue 8: outside Teams, a partner on the return page signs in to the council's tenant (Entra B2B).
  const settings = pageAuthSettings();
  if (surface === 'return' && !host && settings?.tenantId) {
    try {
      const { partnerSignIn } = await import('./outlook/sign-in-outside-teams');
      const signIn = await partnerSignIn({ ...settings, tenantId: settings.tenantId });
      outsideRef.current = signIn.getToken;
      tokenRef.current = await signIn.getToken();
      storeToken(tokenRef.current);
      return { stage: 'ready', me: await api.me() };
    } catch (err) {
      return { stage: 'failed', error: err instanceof ApiRequestError ? err : signInFailed('Microsoft') };
    }
  }
  try {
    return { stage: 'ready', me: await api.meAnonymous() };
  } catch (err) {
    const e = asApiError(err);
    if (e.status === 401 || e.status === 403) return { stage: 'teams-only' };
    return { stage: 'failed', error: e };
  }
}

/** Issue 8: why sign-in outside Teams failed, in words (the cause stays out of the page and the console). */
function signInFailed(through: string): ApiRequestError {
  return new ApiRequestError(
    0,
    'unauthenticated',
    `${through} could not sign you in. Try again; if it keeps failing, ask your administrator to check the app's sign-in set-up.`,
  );
}

const navItems: { label: string; route: Route; matches: Route['view'][] }[] = [
  { label: 'Cases', route: { view: 'cases' }, matches: ['cases', 'case', 'ref'] },
  { label: 'New application', route: { view: 'new' }, matches: ['new'] },
  { label: 'Statistics', route: { view: 'statistics' }, matches: ['statistics'] },
];

function SignedIn({
  value,
  themeName,
  onTheme,
  onSignOut,
}: {
  value: AppContextValue;
  themeName: ThemeName;
  onTheme: ((name: ThemeName) => void) | undefined;
  onSignOut: (() => void) | undefined;
}) {
  const styles = useStyles();
  const common = useCommonStyles();
  const surface = surfaceOf(window.location.pathname);
  const route = useRoute();
  const mainRef = useRef<HTMLElement>(null);
  const embedded = surface !== 'main';
  // Issue 8: local mode's outbox (the emails that would have been sent), for the SPOC.
  const officer = value.me.person.roles.some((r) => r === 'spoc' || r === 'manager');
  const items = [
    // Recording applications and the statistics are the officers' (the server refuses others anyway).
    ...navItems.filter((i) => officer || i.route.view === 'cases'),
    ...(value.me.mode === 'local' && value.me.person.roles.includes('spoc')
      ? [{ label: 'Outbox', route: { view: 'outbox' } as Route, matches: ['outbox'] as Route['view'][] }]
      : []),
    ...(officer
      ? [
          {
            label: 'Data protection',
            route: { view: 'data-protection' } as Route,
            matches: ['data-protection'] as Route['view'][],
          },
        ]
      : []),
    // Who looked at what: for managers, as the access policy says.
    ...(value.me.person.roles.includes('manager')
      ? [
          {
            label: 'Access log',
            route: { view: 'access-log' } as Route,
            matches: ['access-log'] as Route['view'][],
          },
        ]
      : []),
  ];

  return (
    <AppContext.Provider value={value}>
      <a
        href="#main"
        className={mergeClasses(styles.skip, 'no-print')}
        onClick={(e) => {
          e.preventDefault();
          mainRef.current?.focus();
        }}
      >
        Skip to main content
      </a>
      {!embedded && (
        <header className={mergeClasses(styles.header, 'no-print')}>
          <span className={styles.brand}>ASB Case Review</span>
          <nav aria-label="Main" className={styles.nav}>
            <ul className={styles.navList}>
              {items.map((item) => {
                const current = item.matches.includes(route.view);
                return (
                  <li key={item.label}>
                    <Link
                      href={hrefOf(item.route)}
                      className={mergeClasses(styles.navLink, current && styles.navCurrent)}
                      {...(current ? { 'aria-current': 'page' as const } : {})}
                    >
                      {item.label}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className={styles.user}>
            <span>
              <span className={common.srOnly}>Signed in as </span>
              {value.me.person.name}
            </span>
            {onTheme && (
              <Select
                aria-label="Theme"
                size="small"
                value={themeName}
                onChange={(_, d) => onTheme(d.value as ThemeName)}
              >
                {themeOptions.map((o) => (
                  <option key={o.name} value={o.name}>
                    {o.label}
                  </option>
                ))}
              </Select>
            )}
            {onSignOut && (
              <Button size="small" onClick={onSignOut}>
                Sign out
              </Button>
            )}
          </div>
        </header>
      )}
      <main id="main" ref={mainRef} tabIndex={-1} className={styles.main}>
        <Suspense fallback={<Spinner label="Loading..." />}>
          {embedded ? <SurfaceView surface={surface} /> : <RouteView route={route} />}
        </Suspense>
      </main>
    </AppContext.Provider>
  );
}

function RouteView({ route }: { route: Route }) {
  switch (route.view) {
    case 'cases':
      return <CasesView />;
    case 'new':
      return <NewApplicationView />;
    case 'case':
      return <CaseView key={route.caseId} caseId={route.caseId} />;
    case 'ref':
      return <RefView key={route.reference} reference={route.reference} />;
    case 'statistics':
      return <StatisticsView from={route.from} to={route.to} />;
    case 'outbox':
      return <OutboxView />; // issue 8
    case 'data-protection':
      return <DataProtectionView />;
    case 'access-log':
      return <AccessLogView key={route.caseId ?? ''} caseId={route.caseId} />;
    case 'not-found':
      return (
        <Page title="Page not found">
          <p>
            There is no page at {route.path}. <Link href={hrefOf({ view: 'cases' })}>Go to the cases</Link>.
          </p>
        </Page>
      );
  }
}

function SurfaceView({ surface }: { surface: ReturnType<typeof surfaceOf> }) {
  switch (surface) {
    case 'channel':
      return <ChannelView />;
    case 'config':
      return <ConfigView />;
    case 'return':
      return <ReturnView />;
    case 'taskpane':
      return <TaskpaneView />;
    default:
      return (
        <Page title="Page not found">
          <p>
            There is no page here. <Link href="/">Go to ASB Case Review</Link>.
          </p>
        </Page>
      );
  }
}
