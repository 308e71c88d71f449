import { app, authentication, calendar, call, chat, mail, meeting, pages } from '@microsoft/teams-js';

/**
 * The parts of teams-js the tab uses, imported by name so the bundler leaves the rest of it out (issue 16:
 * the meeting's page loads teams-js with itself, and every kilobyte is parsed by each member's panel).
 * Add a namespace here before using it through `TeamsHost.sdk`.
 */
export const teamsSdk = { app, authentication, calendar, call, chat, mail, meeting, pages };

export type TeamsSdk = typeof teamsSdk;
