/**
 * Graph connection settings from environment variables, validated:
 *   GRAPH_AUTH            client-secret (default) | certificate | managed-identity | token
 *   TENANT_ID, AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET          (client-secret)
 *   AAD_APP_CERT_THUMBPRINT_SHA256, AAD_APP_CERT_KEY_FILE          (certificate; PEM private key file)
 *   MANAGED_IDENTITY_CLIENT_ID                                   (managed-identity, user-assigned)
 *   GRAPH_ACCESS_TOKEN                                           (token: an already acquired token)
 *   GRAPH_BASE_URL        default https://graph.microsoft.com/v1.0 (a test double's URL in tests)
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { GraphAuth } from './token-provider';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

export interface GraphSettings {
  baseUrl: string;
  auth: GraphAuth;
}

const nonEmpty = (name: string) =>
  z
    .string({ error: `${name} is not set` })
    .trim()
    .min(1, `${name} is empty`);

const envSchema = z.discriminatedUnion('GRAPH_AUTH', [
  z.object({
    GRAPH_AUTH: z.literal('client-secret'),
    TENANT_ID: nonEmpty('TENANT_ID'),
    AAD_APP_CLIENT_ID: nonEmpty('AAD_APP_CLIENT_ID'),
    AAD_APP_CLIENT_SECRET: nonEmpty('AAD_APP_CLIENT_SECRET'),
  }),
  z.object({
    GRAPH_AUTH: z.literal('certificate'),
    TENANT_ID: nonEmpty('TENANT_ID'),
    AAD_APP_CLIENT_ID: nonEmpty('AAD_APP_CLIENT_ID'),
    AAD_APP_CERT_THUMBPRINT_SHA256: nonEmpty('AAD_APP_CERT_THUMBPRINT_SHA256'),
    AAD_APP_CERT_KEY_FILE: nonEmpty('AAD_APP_CERT_KEY_FILE'),
  }),
  z.object({
    GRAPH_AUTH: z.literal('managed-identity'),
    MANAGED_IDENTITY_CLIENT_ID: z.string().trim().optional(),
  }),
  z.object({ GRAPH_AUTH: z.literal('token'), GRAPH_ACCESS_TOKEN: nonEmpty('GRAPH_ACCESS_TOKEN') }),
]);

export class GraphSettingsError extends Error {
  constructor(problems: string[]) {
    super(`Graph settings are incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'GraphSettingsError';
  }
}

export function graphSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): GraphSettings {
  const baseUrl = (env.GRAPH_BASE_URL ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+\/[^/]+$/.test(baseUrl))
    throw new GraphSettingsError([
      `GRAPH_BASE_URL must look like https://graph.microsoft.com/v1.0, not "${baseUrl}"`,
    ]);
  const parsed = envSchema.safeParse({ ...env, GRAPH_AUTH: env.GRAPH_AUTH ?? 'client-secret' });
  if (!parsed.success) throw new GraphSettingsError(parsed.error.issues.map((i) => i.message));
  const e = parsed.data;
  switch (e.GRAPH_AUTH) {
    case 'client-secret':
      return {
        baseUrl,
        auth: {
          kind: 'client-secret',
          tenantId: e.TENANT_ID,
          clientId: e.AAD_APP_CLIENT_ID,
          clientSecret: e.AAD_APP_CLIENT_SECRET,
        },
      };
    case 'certificate':
      return {
        baseUrl,
        auth: {
          kind: 'certificate',
          tenantId: e.TENANT_ID,
          clientId: e.AAD_APP_CLIENT_ID,
          thumbprintSha256: e.AAD_APP_CERT_THUMBPRINT_SHA256,
          privateKey: readFileSync(e.AAD_APP_CERT_KEY_FILE, 'utf8'),
        },
      };
    case 'managed-identity':
      return {
        baseUrl,
        auth: { kind: 'managed-identity', clientId: e.MANAGED_IDENTITY_CLIENT_ID || undefined },
      };
    case 'token':
      return { baseUrl, auth: { kind: 'static', token: e.GRAPH_ACCESS_TOKEN } };
  }
}
