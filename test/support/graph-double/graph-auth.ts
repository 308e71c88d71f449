/**
 * Who may call what, as Microsoft Graph decides it, for the Graph doubles (SharePoint and Teams in
 * graph-double.ts, Outlook in ../graph-calendar-double.ts).
 *
 * A Graph access token is a JWT. An app-only token carries the consented application permissions in
 * `roles` (and `idtyp: "app"`); a delegated token carries the consented scopes in `scp`
 * (Microsoft Learn, "Access tokens in the Microsoft identity platform", claims `roles`, `scp`, `idtyp`).
 * Three grants never appear in a token and are checked by the service itself:
 * - resource-specific consent (RSC): granted in each team the app is installed in
 *   ("Resource-specific consent for apps in Teams", `authorization.permissions.resourceSpecific`);
 * - Sites.Selected: a role (read, write, manage, fullcontrol) granted per site
 *   ("Overview of Selected permissions in OneDrive and SharePoint");
 * - Exchange Online RBAC for Applications: an application role scoped to some mailboxes
 *   ("Role Based Access Control for Applications in Exchange Online").
 * A token that is not a JWT is refused with 401, a call whose permission is missing with 403, in the shape
 * each workload answers ("Microsoft Graph error responses and resource types").
 */
import { randomUUID } from 'node:crypto';

export type SiteRole = 'read' | 'write' | 'manage' | 'fullcontrol';
const SITE_ROLES: SiteRole[] = ['read', 'write', 'manage', 'fullcontrol'];

export interface Grants {
  /** Application permissions an administrator consented to (the `roles` of an app-only token). */
  application: string[];
  /** Delegated permissions consented to (the `scp` of a delegated token). */
  delegated: string[];
  /** RSC application permissions, granted in every team in `installedInTeams`. */
  rsc: string[];
  /** Team ids (the Entra group id) the app is installed in. */
  installedInTeams: string[];
  /** Sites.Selected: the role granted on each site id. */
  siteRoles: Record<string, SiteRole>;
  /** Exchange RBAC for Applications: permission -> the mailboxes its management scope holds. */
  exchange: Record<string, string[]>;
}

export const noGrants = (): Grants => ({
  application: [],
  delegated: [],
  rsc: [],
  installedInTeams: [],
  siteRoles: {},
  exchange: {},
});

export type Workload = 'sharepoint' | 'teams' | 'exchange';

/** One row of a Learn page's "Permissions" table, read into what the double checks. */
export interface PermissionRule {
  /** The Microsoft Learn API page the permissions come from. */
  doc: string;
  workload: Workload;
  /** Application permissions that allow the call (least privileged first); [] = not supported. */
  application: string[];
  /** Delegated permissions that allow the call; [] = not supported. */
  delegated: string[];
  /** RSC application permissions that allow it in a team the app is installed in. */
  rsc?: string[];
  /** Sites.Selected: the least site role that allows it. */
  siteRole?: SiteRole;
}

export type Caller =
  | { kind: 'app'; roles: string[]; appId: string; tenantId: string }
  | { kind: 'delegated'; scopes: string[]; userId: string; tenantId: string };

export interface AuthReply {
  status: number;
  body: { error: { code: string; message: string; innerError: Record<string, string> } };
}

export const graphError = (status: number, code: string, message: string): AuthReply => ({
  status,
  body: {
    error: { code, message, innerError: { date: new Date().toISOString(), 'request-id': randomUUID() } },
  },
});

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An unsigned token shaped like Entra's (the doubles read claims; they do not check signatures). */
export function fakeJwt(claims: Record<string, unknown>): string {
  return `${b64url({ typ: 'JWT', alg: 'RS256' })}.${b64url(claims)}.c2lnbmF0dXJl`;
}

export const DOUBLE_TENANT = '00000000-0000-4000-8000-0000000000aa';
export const DOUBLE_APP_ID = '00000000-0000-4000-8000-00000000a991';

export function appToken(roles: readonly string[]): string {
  return fakeJwt({
    aud: 'https://graph.microsoft.com',
    tid: DOUBLE_TENANT,
    appid: DOUBLE_APP_ID,
    idtyp: 'app',
    ...(roles.length ? { roles: [...roles] } : {}),
  });
}

export function delegatedToken(scopes: readonly string[], userId = randomUUID()): string {
  return fakeJwt({
    aud: 'https://graph.microsoft.com',
    tid: DOUBLE_TENANT,
    appid: DOUBLE_APP_ID,
    idtyp: 'user',
    oid: userId,
    scp: scopes.join(' '),
  });
}

/** The caller a bearer token names, or Graph's 401 for a missing or malformed one. */
export function callerOf(authorization: string | undefined): Caller | AuthReply {
  const token = /^Bearer (\S+)$/.exec(authorization ?? '')?.[1];
  if (!token) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  const parts = token.split('.');
  let claims: Record<string, unknown> | undefined;
  try {
    if (parts.length === 3)
      claims = JSON.parse(Buffer.from(parts[1] as string, 'base64url').toString('utf8')) as Record<
        string,
        unknown
      >;
  } catch {
    claims = undefined;
  }
  if (!claims || typeof claims !== 'object')
    return graphError(
      401,
      'InvalidAuthenticationToken',
      'IDX14100: JWT is not well formed, there are no dots (.). The token needs to be in JWS or JWE Compact Serialization Format.',
    );
  const tenantId = String(claims.tid ?? '');
  if (typeof claims.scp === 'string')
    return {
      kind: 'delegated',
      scopes: claims.scp.split(' ').filter(Boolean),
      userId: String(claims.oid ?? ''),
      tenantId,
    };
  const roles = Array.isArray(claims.roles) ? claims.roles.map(String) : [];
  if (claims.idtyp === 'app' || roles.length > 0)
    return { kind: 'app', roles, appId: String(claims.appid ?? ''), tenantId };
  return graphError(
    401,
    'InvalidAuthenticationToken',
    'Either scp or roles claim need to be present in the token.',
  );
}

export interface Scope {
  /** The team a Teams call is about (its group id), for RSC. */
  teamId?: string;
  /** The site a SharePoint call is about, for Sites.Selected. */
  siteId?: string;
  /** The mailbox an Outlook call is about, for Exchange RBAC for Applications. */
  mailbox?: string;
}

/** The permission that lets the caller make this call, or undefined when none does. */
export function permissionFor(
  rule: PermissionRule,
  caller: Caller,
  grants: Grants,
  scope: Scope,
): string | undefined {
  if (caller.kind === 'delegated') return rule.delegated.find((p) => caller.scopes.includes(p));
  const direct = rule.application.find((p) => caller.roles.includes(p));
  if (direct) return direct;
  if (rule.rsc && scope.teamId && grants.installedInTeams.includes(scope.teamId)) {
    const rsc = rule.rsc.find((p) => grants.rsc.includes(p));
    if (rsc) return rsc;
  }
  if (rule.siteRole && scope.siteId && caller.roles.includes('Sites.Selected')) {
    const role = grants.siteRoles[scope.siteId];
    if (role && SITE_ROLES.indexOf(role) >= SITE_ROLES.indexOf(rule.siteRole))
      return `Sites.Selected (${role})`;
  }
  if (rule.workload === 'exchange' && scope.mailbox) {
    const mailbox = scope.mailbox.toLowerCase();
    const scoped = rule.application.find((p) =>
      (grants.exchange[p] ?? []).some((m) => m.toLowerCase() === mailbox),
    );
    if (scoped) return `${scoped} (Exchange RBAC)`;
  }
  return undefined;
}

/** Graph's 403 for a call without its permission, in the shape of the workload that answers. */
export function forbidden(rule: PermissionRule, caller: Caller): AuthReply {
  const had = caller.kind === 'app' ? caller.roles.join(', ') : caller.scopes.join(' ');
  switch (rule.workload) {
    case 'teams':
      return graphError(
        403,
        'Forbidden',
        `Missing role permissions on the request. API requires one of '${[...rule.application, ...(rule.rsc ?? [])].join(', ')}'. Roles on the request '${had}'. Resource specific consent grants on the request ''.`,
      );
    case 'exchange':
      return graphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
    case 'sharepoint':
      return graphError(403, 'accessDenied', 'Access denied');
  }
}

/**
 * Checks a call: the caller's permission, or the 403 (or, for a delegated-only API called app-only, the
 * 400 Graph answers to `/me` without a user). Returns the permission used when allowed.
 */
export function authorize(
  rule: PermissionRule,
  caller: Caller,
  grants: Grants,
  scope: Scope,
): { permission: string } | AuthReply {
  if (caller.kind === 'app' && rule.application.length === 0 && rule.delegated.length > 0)
    return graphError(400, 'BadRequest', '/me request is only valid with delegated authentication flow.');
  const permission = permissionFor(rule, caller, grants, scope);
  return permission ? { permission } : forbidden(rule, caller);
}
