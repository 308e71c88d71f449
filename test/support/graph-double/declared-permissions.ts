/**
 * The permissions the app package declares, read from where an administrator grants them:
 * - `manifest/aad.manifest.json` `requiredResourceAccess` for Microsoft Graph: `Role` = application
 *   permission, `Scope` = delegated permission (consented in Entra);
 * - `manifest/manifest.json` `authorization.permissions.resourceSpecific` with `type: Application`: RSC,
 *   granted when the app is installed in a team;
 * - `docs/permissions.md`, summary table, rows typed "Exchange RBAC for Applications": application roles an
 *   Exchange administrator scopes to one mailbox (named by its setting, e.g. `PANEL_ORGANISER`).
 * The doubles start with these grants, so a call the package does not declare is answered 403.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Grants, SiteRole } from './graph-auth';

const root = join(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8').replace(/^\uFEFF/, '');

export interface DocRow {
  permission: string;
  type: string;
  grantedBy: string;
}

export type DeclaredKind = 'application' | 'delegated' | 'rsc' | 'exchange' | 'other';

export function kindOf(row: DocRow): DeclaredKind {
  if (/Exchange RBAC/i.test(row.type)) return 'exchange';
  if (/resource-specific|\bRSC\b/i.test(row.type)) return 'rsc';
  if (/^Application \(Graph\)/i.test(row.type)) return 'application';
  if (/^Delegated \(Graph\)/i.test(row.type)) return 'delegated';
  return 'other';
}

/** The rows of docs/permissions.md's summary table (the one whose first header cell is "Permission"). */
export function permissionsDocRows(markdown = read('docs/permissions.md')): DocRow[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => /^\|\s*Permission\s*\|/.test(l));
  if (start < 0) throw new Error('docs/permissions.md has no summary table starting "| Permission |".');
  const rows: DocRow[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    const names = [...(cells[0] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1] as string);
    for (const permission of names)
      rows.push({ permission, type: cells[1] ?? '', grantedBy: cells[2] ?? '' });
  }
  return rows;
}

export interface ManifestDeclarations {
  application: string[];
  delegated: string[];
  rsc: string[];
}

export function manifestDeclarations(): ManifestDeclarations {
  const aad = JSON.parse(read('manifest/aad.manifest.json')) as {
    requiredResourceAccess?: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  };
  const graph = (aad.requiredResourceAccess ?? []).filter(
    (r) =>
      r.resourceAppId === 'Microsoft Graph' || r.resourceAppId === '00000003-0000-0000-c000-000000000000',
  );
  const access = graph.flatMap((r) => r.resourceAccess);
  const teams = JSON.parse(read('manifest/manifest.json')) as {
    authorization?: { permissions?: { resourceSpecific?: { name: string; type: string }[] } };
  };
  return {
    application: access.filter((a) => a.type === 'Role').map((a) => a.id),
    delegated: access.filter((a) => a.type === 'Scope').map((a) => a.id),
    rsc: (teams.authorization?.permissions?.resourceSpecific ?? [])
      .filter((p) => p.type === 'Application')
      .map((p) => p.name),
  };
}

export interface DeploymentFacts {
  /** TEAM_ID: the community safety team the app is installed in. */
  teamId?: string;
  /** SHAREPOINT_SITE_ID and the Sites.Selected role granted on it. */
  site?: { id: string; role: SiteRole };
  /** Values of the settings the docs scope Exchange roles to, e.g. `{ PANEL_ORGANISER: 'x@y' }`. */
  mailboxes?: Record<string, string>;
}

/** What an administrator grants when following docs/deployment.md and docs/permissions.md. */
export function declaredGrants(facts: DeploymentFacts = {}): Grants {
  const declared = manifestDeclarations();
  const exchange: Record<string, string[]> = {};
  for (const row of permissionsDocRows().filter((r) => kindOf(r) === 'exchange')) {
    const settings = [...row.grantedBy.matchAll(/`([A-Z][A-Z_]+)`/g)].map((m) => m[1] as string);
    exchange[row.permission] = settings
      .map((s) => facts.mailboxes?.[s])
      .filter((m): m is string => typeof m === 'string');
  }
  return {
    application: declared.application,
    delegated: declared.delegated,
    rsc: declared.rsc,
    installedInTeams: facts.teamId ? [facts.teamId] : [],
    siteRoles: facts.site ? { [facts.site.id]: facts.site.role } : {},
    exchange,
  };
}
