/**
 * The Microsoft 365 adapter set: every store port over the provisioned lists of one SharePoint site
 * (through Graph) and its document library. Opening finds the lists (one request; a missing list stops
 * start-up, naming it) and rolls forward what a crash left behind in the last day.
 */
import { z } from 'zod';
import type { Projector } from '../../store/case-log';
import { Folds } from '../../store/projection';
import { StoreError } from '../../store/store-errors';
import type { Stores } from '../../store/stores';
import type { GraphApi } from './graph-client';
import { LIST_KEYS, LISTS, type ListKey } from './list-schema';
import { SharePointAccessLog } from './sharepoint-access-log';
import { SharePointCaseFiles } from './sharepoint-case-files';
import { SharePointCaseLog } from './sharepoint-case-log';
import { SharePointConversationRefs } from './sharepoint-conversation-refs';
import { SharePointList, type SharePointLists } from './sharepoint-list';
import { SharePointOutbox } from './sharepoint-outbox';
import { SharePointPurges } from './sharepoint-purges';
import { SharePointReminderClaims } from './sharepoint-reminder-claims';

const DAY_MS = 86_400_000;

export interface SharePointStoreOptions {
  api: GraphApi;
  /** The site id (`host,guid,guid`); resolveSite turns a URL into one. */
  siteId: string;
  projector: Projector;
  clock?: () => Date;
  /** Folder in the site's default document library for case files. */
  driveFolder?: string;
  /** On open, roll forward cases a crash left behind in the last day (default true). */
  repairOnOpen?: boolean;
  /** Operational lines (a case that could not be repaired); never case data. */
  log?: (message: string) => void;
}

export interface SharePointStores extends Stores {
  cases: SharePointCaseLog;
  outbox: SharePointOutbox;
}

export class MissingListsError extends StoreError {
  constructor(readonly missing: string[]) {
    super(
      `The SharePoint site lacks the list${missing.length === 1 ? '' : 's'} ${missing.join(', ')}. ` +
        'Run `npm run provision -- --site <site id or URL>` with an identity that may create lists.',
    );
    this.name = 'MissingListsError';
  }
}

const lower = (s: string) => s.toLowerCase();
const listsPage = z.looseObject({
  value: z.array(z.looseObject({ id: z.string(), displayName: z.string() })),
  '@odata.nextLink': z.string().optional(),
});

/** Finds the provisioned lists (one request) and, unless told not to, repairs recent crashes. */
export async function openSharePointStores(options: SharePointStoreOptions): Promise<SharePointStores> {
  const { api, siteId } = options;
  const found = new Map<string, string>();
  let path: string | undefined = `/sites/${siteId}/lists?$select=id,displayName&$top=500`;
  while (path) {
    const page = listsPage.parse(await api.get(path));
    for (const l of page.value) found.set(lower(l.displayName), l.id);
    path = page['@odata.nextLink'] ? api.relative(page['@odata.nextLink']) : undefined;
  }
  const missing = LIST_KEYS.filter((k) => !found.has(lower(LISTS[k].displayName)));
  if (missing.length > 0) throw new MissingListsError(missing.map((k) => LISTS[k].displayName));
  const l = Object.fromEntries(
    LIST_KEYS.map((k: ListKey) => [
      k,
      new SharePointList(api, siteId, found.get(lower(LISTS[k].displayName))!, LISTS[k]),
    ]),
  ) as SharePointLists;

  const clock = options.clock ?? (() => new Date());
  const folds = new Folds(options.projector);
  const folder = options.driveFolder ?? 'ASB Case Files';
  const cases = new SharePointCaseLog(api, l, folds, clock);
  if (options.repairOnOpen !== false) {
    // One case that cannot be repaired is reported and left for its next read; it never stops start-up.
    const { failed } = await cases.repairRecent(new Date(clock().getTime() - DAY_MS));
    for (const caseId of failed)
      options.log?.(
        `case ${caseId} could not be brought up to date on start-up; it is retried on its next read`,
      );
  }
  return {
    cases,
    files: new SharePointCaseFiles(api, siteId, l, folder, clock),
    conversations: new SharePointConversationRefs(l, clock),
    claims: new SharePointReminderClaims(l, clock),
    purges: new SharePointPurges(api, siteId, l, cases, folds, folder, clock),
    accessLog: new SharePointAccessLog(l.accessLog, clock),
    outbox: new SharePointOutbox(l.events, l.cases),
    // Nothing held open: each call is its own HTTP request.
    close: async () => {},
  };
}
