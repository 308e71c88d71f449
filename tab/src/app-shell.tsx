import { Button, Link, Select, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Suspense, useRef } from 'react';
import { AppContext, type AppContextValue } from './app-context';
import { RouteView, SurfaceView } from './app-routes';
import { useCommonStyles } from './components/styles';
import { hrefOf, useRoute, type Route } from './router';
import { surfaceOf } from './surface';
import { themeOptions, type ThemeName } from './theme';

const useStyles = makeStyles({
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
  // The links wrap at 320-360 px (Teams mobile) rather than push the page wider than the screen.
  nav: { display: 'flex', gap: tokens.spacingHorizontalM, flexWrap: 'wrap', minWidth: 0, maxWidth: '100%' },
  navList: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalXS,
    listStyle: 'none',
    margin: 0,
    padding: 0,
  },
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
});

const navItems: { label: string; route: Route; matches: Route['view'][] }[] = [
  { label: 'Cases', route: { view: 'cases' }, matches: ['cases', 'case', 'ref'] },
  { label: 'New application', route: { view: 'new' }, matches: ['new'] },
  { label: 'Statistics', route: { view: 'statistics' }, matches: ['statistics'] },
];

/**
 * The signed-in app: the skip link, the header (navigation for the person's roles, who is signed in, and
 * in local mode the theme and "Sign out") and the route's view; an embedded surface shows its view alone.
 */
export function SignedIn({
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
