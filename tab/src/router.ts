import { useEffect, useState } from 'react';
import { surfaceOf } from './surface';

/**
 * Client-side routes without a router library. The page's path picks the surface the server falls back
 * to (`/`, `/config`, `/channel`, `/taskpane`, `/return`); inside `/` the hash picks the view, so the server
 * needs no fallback for them and a link can be opened in a new window:
 *
 *   #/                 cases
 *   #/new              new application
 *   #/cases/{caseId}   a case
 *   #/ref/{reference}  a case by its reference (CT-2026-0007)
 *   #/statistics       published statistics (?from=&to=)
 *   #/outbox           local mode: the emails that would have been sent
 *   #/access-log       managers: who looked at what (?caseId=)
 *   #/data-protection  retention (dry run, purge log), subject access requests
 */

export type Route =
  | { view: 'cases' }
  | { view: 'new' }
  | { view: 'case'; caseId: string }
  | { view: 'ref'; reference: string }
  | { view: 'statistics'; from?: string; to?: string }
  | { view: 'outbox' } // issue 8
  | { view: 'access-log'; caseId?: string }
  | { view: 'data-protection' }
  | { view: 'not-found'; path: string };

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.replace(/^\/+|\/+$/g, '');
  const params = new URLSearchParams(queryPart);
  const segments = path ? path.split('/').map((s) => safeDecode(s)) : [];
  const [head, id] = segments;
  if (segments.length === 0 || (head === 'cases' && segments.length === 1)) return { view: 'cases' };
  if (head === 'new' && segments.length === 1) return { view: 'new' };
  if (head === 'cases' && id && segments.length === 2) return { view: 'case', caseId: id };
  if (head === 'ref' && id && segments.length === 2) return { view: 'ref', reference: id };
  if (head === 'outbox' && segments.length === 1) return { view: 'outbox' }; // issue 8
  if (head === 'data-protection' && segments.length === 1) return { view: 'data-protection' };
  if (head === 'access-log' && segments.length === 1) {
    const caseId = params.get('caseId') ?? undefined;
    return { view: 'access-log', ...(caseId ? { caseId } : {}) };
  }
  if (head === 'statistics' && segments.length === 1) {
    const from = params.get('from') ?? undefined;
    const to = params.get('to') ?? undefined;
    return { view: 'statistics', ...(from ? { from } : {}), ...(to ? { to } : {}) };
  }
  return { view: 'not-found', path: `/${path}` };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function hrefOf(route: Route): string {
  switch (route.view) {
    case 'cases':
      return '#/';
    case 'new':
      return '#/new';
    case 'case':
      return `#/cases/${encodeURIComponent(route.caseId)}`;
    case 'ref':
      return `#/ref/${encodeURIComponent(route.reference)}`;
    case 'statistics': {
      const q = new URLSearchParams();
      if (route.from) q.set('from', route.from);
      if (route.to) q.set('to', route.to);
      const s = q.toString();
      return `#/statistics${s ? `?${s}` : ''}`;
    }
    case 'outbox':
      return '#/outbox'; // issue 8
    case 'data-protection':
      return '#/data-protection';
    case 'access-log':
      return route.caseId ? `#/access-log?caseId=${encodeURIComponent(route.caseId)}` : '#/access-log';
    case 'not-found':
      return `#${route.path}`;
  }
}

/** Goes to a view inside `/`. `replace` keeps the back button from returning to a redirect. */
export function navigate(route: Route, options: { replace?: boolean } = {}): void {
  const href = hrefOf(route);
  if (window.location.pathname !== '/' && surfaceOf(window.location.pathname) !== 'main') {
    window.location.assign(`/${href}`);
    return;
  }
  if (options.replace) {
    window.history.replaceState(null, '', href);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else window.location.hash = href;
}

/** The current route; re-renders on hash changes. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', update);
    window.addEventListener('popstate', update);
    return () => {
      window.removeEventListener('hashchange', update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}
