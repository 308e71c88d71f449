/**
 * Issue 16: a browser test over a case whose panel meets now: the East Herts case taken to a booked panel
 * (a housing member from the directory, a victim who attends online), then the clock at 09:02 on the
 * meeting's day, as both meeting journeys start.
 */
import type { Browser } from 'playwright-core';
import { apiClient, caseWithPanel, type ApiClient } from '../../support/api-client';
import type { LocalServer } from '../../support/local-server';
import { startBrowserTest } from './browser-test';

export interface MeetingTest {
  local: LocalServer;
  browser: Browser;
  close: () => Promise<void>;
  api: ApiClient;
  caseId: string;
  reference: string;
}

export async function startMeetingTest(shots: string): Promise<MeetingTest> {
  let now = new Date('2026-03-02T10:00:00Z');
  const { local, browser, close } = await startBrowserTest(shots, () => now);
  const api = apiClient(local.base);
  const { caseId, reference } = await caseWithPanel(api, (iso) => (now = new Date(iso)), {
    housingPersonId: 'social-housing-1',
    victimParticipation: 'attend-online',
  });
  now = new Date('2026-04-13T09:02:00Z');
  return { local, browser, close, api, caseId, reference };
}
