/**
 * The Microsoft 365 Agents Playground as local mode's Teams: its mocked tenant, users and team come from
 * `.m365agentsplayground.yml` at the project root, and these ids must match that file (a test checks).
 * Case "channels" are threads in the team's case reviews channel: the Playground cannot create channels.
 */

export const PLAYGROUND_CONFIG_FILE = '.m365agentsplayground.yml';
export const PLAYGROUND_DEFAULT_PORT = 56150;

export const PLAYGROUND_TEAM = {
  /** The team's conversation id (also its General channel's). */
  teamId: 'community-safety-team',
  /** What TEAM_ID names in Microsoft 365: the team's Entra group id. */
  aadGroupId: '00000000-0000-4000-8000-0000000c5a1e',
  /** Where each case gets its thread. */
  casesChannelId: 'asb-case-reviews',
} as const;

/**
 * Tells the bot it was installed in the Playground's team, as Teams does when the app is added to a team:
 * the bot keeps the team's conversation reference and can post there. Uses the Playground's own template.
 */
export async function installInPlaygroundTeam(playgroundUrl: string): Promise<void> {
  const base = playgroundUrl.replace(/\/+$/, '');
  const template = await fetch(
    `${base}/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(PLAYGROUND_TEAM.teamId)}&type=install`,
  );
  if (!template.ok) throw new Error(`The Playground refused the install template (${template.status}).`);
  const sent = await fetch(`${base}/_internal/v1/customActivities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: await template.text(),
  });
  if (!sent.ok) throw new Error(`The Playground refused the install activity (${sent.status}).`);
}

/** Resolves when the Playground answers on `url`, or rejects after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s.`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
