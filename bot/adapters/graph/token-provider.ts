/**
 * Application tokens for Graph: client credentials (a secret or a certificate) through msal-node, a
 * user-assigned managed identity when hosted in Azure, or a fixed token (tests, the double, an admin's
 * `az account get-access-token`). msal-node caches tokens and renews them before they expire.
 */
import { ConfidentialClientApplication, ManagedIdentityApplication } from '@azure/msal-node';

export interface TokenProvider {
  getToken(): Promise<string>;
}

export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
export const GRAPH_RESOURCE = 'https://graph.microsoft.com';

export type GraphAuth =
  | { kind: 'client-secret'; tenantId: string; clientId: string; clientSecret: string }
  | {
      kind: 'certificate';
      tenantId: string;
      clientId: string;
      thumbprintSha256: string;
      privateKey: string;
      x5c?: string;
    }
  | { kind: 'managed-identity'; clientId?: string }
  | { kind: 'static'; token: string };

export function staticToken(token: string): TokenProvider {
  return { getToken: async () => token };
}

export function tokenProvider(auth: GraphAuth): TokenProvider {
  switch (auth.kind) {
    case 'static':
      return staticToken(auth.token);
    case 'managed-identity': {
      const app = new ManagedIdentityApplication(
        auth.clientId ? { managedIdentityIdParams: { userAssignedClientId: auth.clientId } } : {},
      );
      return { getToken: async () => (await app.acquireToken({ resource: GRAPH_RESOURCE })).accessToken };
    }
    case 'client-secret':
    case 'certificate': {
      const app = new ConfidentialClientApplication({
        auth: {
          clientId: auth.clientId,
          authority: `https://login.microsoftonline.com/${auth.tenantId}`,
          ...(auth.kind === 'client-secret'
            ? { clientSecret: auth.clientSecret }
            : {
                clientCertificate: {
                  thumbprintSha256: auth.thumbprintSha256,
                  privateKey: auth.privateKey,
                  ...(auth.x5c ? { x5c: auth.x5c } : {}),
                },
              }),
        },
      });
      return {
        getToken: async () => {
          const result = await app.acquireTokenByClientCredential({ scopes: [GRAPH_SCOPE] });
          if (!result) throw new Error('Entra ID returned no token for the Graph application.');
          return result.accessToken;
        },
      };
    }
  }
}
