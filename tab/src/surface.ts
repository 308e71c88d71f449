/**
 * Which of the tab's surfaces this page is, from its path (the server falls back to the SPA for each).
 * Apart from router.ts, which loads React, so that the meeting page's bootstrap (auth/start-up.ts) can ask
 * without carrying React in with it (issue 16: the side panel's first view is drawn before React loads).
 */
export type Surface = 'main' | 'config' | 'channel' | 'meeting' | 'taskpane' | 'return' | 'unknown';

export function surfaceOf(pathname: string): Surface {
  const p = pathname.replace(/\/+$/, '') || '/';
  if (p === '/' || p === '/index.html') return 'main';
  if (p === '/config') return 'config';
  if (p === '/channel') return 'channel';
  if (p === '/meeting') return 'meeting'; // issue 16: the meeting's tab, side panel and stage
  if (p === '/taskpane') return 'taskpane';
  if (p === '/return') return 'return';
  return 'unknown';
}
