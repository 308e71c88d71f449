/** The panel service as the tests build it, over a case world, and a case whose threshold is met. */
import { randomUUID } from 'node:crypto';
import { PanelService, teamsChannelLink } from '../../bot/app/panel-service';
import type { Calendar } from '../../bot/ports/calendar';
import { CHAIR, decide, openCase, panelMembers, type World } from '../letters/case-world';

export const ORGANISER = 'asb-panels@council.example';

export function panelService(w: World, calendar: Calendar) {
  return new PanelService({
    service: w.service,
    cases: w.stores.cases,
    files: w.stores.files,
    policy: w.policy,
    directory: w.directory,
    calendar,
    now: w.now,
    channelLink: teamsChannelLink('team-1', 'tenant-1'),
  });
}

export async function metCase(w: World) {
  const opened = await openCase(w);
  await decide(w, opened.caseId, '2026-03-10', 'met', ['Three qualifying complaints.']);
  w.at('2026-03-20T10:00:00Z');
  return opened;
}

export const booking = (w: World, requestId = randomUUID()) => ({
  requestId,
  start: '2026-04-14T09:00:00Z',
  end: '2026-04-14T11:00:00Z',
  members: panelMembers(w),
  chair: CHAIR,
  victimParticipation: 'attend-online' as const,
});
