/**
 * `npm run provision -- --site <site id or URL>`: creates the case store's SharePoint lists, columns and
 * indexes that are missing on the site; safe to run again. Credentials come from the environment
 * (bot/adapters/graph/graph-settings.ts): TENANT_ID, AAD_APP_CLIENT_ID, AAD_APP_CLIENT_SECRET, or
 * GRAPH_AUTH=managed-identity with MANAGED_IDENTITY_CLIENT_ID; GRAPH_BASE_URL for a test double.
 */
import { GraphApi } from '../bot/adapters/graph/graph-client';
import { graphSettingsFromEnv, GraphSettingsError } from '../bot/adapters/graph/graph-settings';
import { ProvisioningPermissionError, provisionSite, resolveSite } from '../bot/adapters/graph/provision';
import { tokenProvider } from '../bot/adapters/graph/token-provider';

const USAGE = 'usage: npm run provision -- --site <site id or https://<tenant>.sharepoint.com/sites/<site>>';

export async function main(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = (l) => console.log(l),
): Promise<number> {
  const at = argv.indexOf('--site');
  const site = at >= 0 ? argv[at + 1] : undefined;
  if (!site || argv.includes('--help')) {
    out(USAGE);
    return argv.includes('--help') ? 0 : 2;
  }
  try {
    const settings = graphSettingsFromEnv(env);
    const api = new GraphApi({ baseUrl: settings.baseUrl, tokens: tokenProvider(settings.auth) });
    const siteId = await resolveSite(api, site);
    out(`site ${siteId}`);
    const report = await provisionSite(api, siteId, out);
    for (const p of report.problems) out(`problem: ${p}`);
    out(
      `done: ${report.createdLists.length} lists created, ${report.addedColumns.length} columns added, ` +
        `${report.indexedColumns.length} columns indexed`,
    );
    return report.problems.length > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof ProvisioningPermissionError || err instanceof GraphSettingsError) {
      out(err.message);
      return 3;
    }
    out(`provisioning failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
