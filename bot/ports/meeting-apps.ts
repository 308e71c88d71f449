/**
 * Issue 16: the MeetingApps port: puts the app in a panel's Teams meeting (installed in the meeting's
 * chat, with its tab pinned on the case), so the members find the side panel there. m365 mode only:
 * Graph (bot/adapters/graph/graph-meeting-apps.ts); local mode opens the meeting pages in a browser.
 */
export interface MeetingTab {
  /** The meeting's join link, as the calendar answered when the panel was booked. */
  joinUrl: string;
  caseId: string;
  /** The tab's name in the meeting: the case reference, no personal data. */
  reference: string;
}

export interface MeetingApps {
  /** `added`, or `no-chat` when the join link names no chat the app can find (an older link format). */
  addToMeeting(tab: MeetingTab): Promise<'added' | 'no-chat'>;
}
