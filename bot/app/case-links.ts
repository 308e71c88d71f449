/**
 * Where a case is opened from a card, a reminder or an email (issue 15): in Teams, a deep link to the app's
 * workspace tab carrying the case's id (`context.subEntityId`, which the tab reads as `page.subPageId`),
 * with the web address as its fallback (`webUrl`); elsewhere, the web address itself. Microsoft Learn,
 * "Deep link to an application": `https://teams.microsoft.com/l/entity/<appId>/<entityId>?webUrl=...
 * &label=...&context={"subEntityId": ...}`; the app id is the manifest's id (`TEAMS_APP_ID`). Pure.
 */
export interface CaseLinks {
  /** The workspace's web address for the case (the tab outside Teams, an email's link). */
  web(caseId: string): string;
  /** The link for Teams (a deep link when the app id is known, else the web address). */
  teams(caseId: string, label?: string): string;
}

/** The workspace tab's entity id (manifest/manifest.json `staticTabs`). */
export const WORKSPACE_ENTITY_ID = 'workspace';

export function caseLinks(options: { publicUrl: string; teamsAppId?: string | undefined }): CaseLinks {
  const base = options.publicUrl.replace(/\/$/, '');
  const web = (caseId: string) => `${base}/#/cases/${encodeURIComponent(caseId)}`;
  return {
    web,
    teams(caseId, label = 'ASB case review') {
      if (!options.teamsAppId) return web(caseId);
      const q = new URLSearchParams({
        webUrl: web(caseId),
        label,
        context: JSON.stringify({ subEntityId: caseId }),
      });
      return `https://teams.microsoft.com/l/entity/${options.teamsAppId}/${WORKSPACE_ENTITY_ID}?${q.toString()}`;
    },
  };
}
