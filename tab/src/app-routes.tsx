import { Link, Spinner } from '@fluentui/react-components';
import { lazy, useEffect } from 'react';
import { Page } from './components/page';
import { hrefOf, type Route } from './router';
import type { Surface } from './surface';
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

/** The view for a route of the workspace (`#/cases/...`). */
export function RouteView({ route }: { route: Route }) {
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

/** The view for an embedded surface: the channel tab, its configuration, the return page, the task pane. */
export function SurfaceView({ surface }: { surface: Surface }) {
  switch (surface) {
    case 'channel':
      return <ChannelView />;
    case 'config':
      return <ConfigView />;
    case 'meeting':
      return <ToMeetingPage />;
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

/**
 * Issue 16: the meeting has a page of its own (tab/meeting.html, which the server serves at `/meeting`);
 * where the workspace is served at `/meeting` instead (Vite's development server), it goes there.
 */
function ToMeetingPage() {
  useEffect(() => window.location.replace(`/meeting.html${window.location.search}`), []);
  return <Spinner label="Opening the meeting..." />;
}
