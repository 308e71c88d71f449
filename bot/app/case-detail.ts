import {
  caseClocks,
  deadlines,
  eventTypes,
  safeAssessThreshold,
  secondReportPrompt,
  type CaseState,
  type Policy,
} from '../../shared';
import type { CaseDetail, Person } from '../api/contract';
import type { CaseFiles } from '../store/case-files';
import type { CaseRecord } from '../store/case-log';
import { LEGAL_HOLD_RELEASED, LEGAL_HOLD_SET } from '../store/projection';
import { canReadFile, may, recordableEvents, visibleState, type CaseAccess } from './access-policy';
import type { Directory } from './directory';

/** What reading one case needs. */
export interface DetailContext {
  files: CaseFiles;
  directory: Directory;
  policy: Policy;
  today: () => string;
  /** A name for an id that is one of the app's services, not a person. */
  serviceName: (id: string) => string | undefined;
}

/** One case as `by` may see it: the state the access policy shows, its clocks, files and people's names. */
export async function caseDetail(
  ctx: DetailContext,
  record: CaseRecord,
  state: CaseState,
  access: CaseAccess,
  by: Person,
): Promise<CaseDetail> {
  const today = ctx.today();
  const assessment = safeAssessThreshold(state.application, ctx.policy);
  // Only the files this person may open; a document's kind in words and description come from its event.
  const files = (await ctx.files.caseFiles(record.projection.caseId)).filter((f) =>
    canReadFile(access, f, state.documents),
  );
  const documents = new Map(state.documents?.map((d) => [d.fileId, d]));
  const ids = new Set<string>([
    state.spoc,
    ...state.timeline.map((t) => t.actor),
    ...files.map((f) => f.storedBy),
  ]);
  const visible = visibleState(access, state);
  return {
    caseId: record.projection.caseId,
    reference: record.projection.reference,
    version: record.projection.version,
    state: visible,
    deadlines: deadlines(visible, ctx.policy, today),
    clocks: caseClocks(visible, ctx.policy),
    assessment: assessment.success
      ? assessment.assessment
      : {
          outcome: 'ineligible',
          qualifyingCount: 0,
          required: 0,
          incidents: [],
          reasons: ['The application could not be assessed.'],
        },
    // Guidance for the SPOC about the victim: not for the agencies.
    ...(access.officer ? { secondReport: secondReportPrompt(state.application, ctx.policy, today) } : {}),
    legalHold: access.officer ? legalHoldOf(record) : { on: record.projection.legalHold },
    files: files.map((f) => {
      const d = documents.get(f.fileId);
      return {
        fileId: f.fileId,
        name: f.name,
        contentType: f.contentType,
        kind: f.kind,
        createdAt: f.storedAt,
        size: f.size,
        addedBy: f.storedBy,
        ...(d ? { documentKind: d.kind, ...(d.description ? { description: d.description } : {}) } : {}),
        ...(d?.sharedWithPanel ? { sharedWithPanel: true } : {}),
        ...(d?.agencyId ? { agencyId: d.agencyId } : {}),
      };
    }),
    people: Object.fromEntries([...ids].map((id) => [id, ctx.serviceName(id) ?? ctx.directory.nameOf(id)])),
    can: {
      record: recordableEvents(access, state, eventTypes),
      remind: may.sendReminders(by),
      seeAccessLog: may.seeAccessLog(by),
      legalHold: may.setLegalHold(by),
      addDocument: access.officer || !!access.agencyId,
      shareWithPanel: access.officer,
    },
  };
}

/** The legal hold in force, from the case's log: who set it, when, and why. */
function legalHoldOf(record: CaseRecord): CaseDetail['legalHold'] {
  const last = [...record.events]
    .reverse()
    .find((e) => e.type === LEGAL_HOLD_SET || e.type === LEGAL_HOLD_RELEASED);
  if (!last || last.type !== LEGAL_HOLD_SET) return { on: false };
  return {
    on: true,
    since: last.at,
    by: last.actor,
    reason: String((last.payload as { reason?: unknown }).reason ?? ''),
  };
}
