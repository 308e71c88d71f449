/**
 * Issue 16: where the side panel's first second goes, as performance marks (read by bench/meeting): from
 * the frame's navigation to the bootstrap evaluated (with teams-js), the token in hand, the member's
 * first view received, the first view on screen (drawn plain, views/meeting/first-view.ts), who is signed
 * in known, React and the views loaded, and React's full panel (the chair's controls) on screen.
 */
export const meetingMarks = {
  script: 'asb:meeting-script',
  token: 'asb:meeting-token',
  firstData: 'asb:meeting-first-data',
  views: 'asb:meeting-views',
  me: 'asb:meeting-me',
  firstView: 'asb:meeting-first-view',
  panel: 'asb:meeting-panel',
} as const;

/** Sets a mark the first time only (a reconnect or a second render does not move it). */
export function markOnce(name: string): void {
  if (typeof performance === 'undefined' || !performance.mark) return;
  if (performance.getEntriesByName(name).length === 0) performance.mark(name);
}
