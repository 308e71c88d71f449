import { problemsOf } from '../../shared';
import { emailApplicationSchema, type Person } from '../api/contract';
import type { CaseFiles } from '../store/case-files';
import type { CaseLog } from '../store/case-log';
import { caseIdFor, type CaseService } from './case-service';
import { InvalidInputError } from './errors';
import { stableUuid } from './stable-uuid';

/** A stable UUID for an email, so recording the same email twice opens one case, never two. */
export function requestIdForEmail(emailId: string): string {
  return stableUuid('email', emailId);
}

/**
 * Applications that arrive by email, recorded from the Outlook add-in: the case is created exactly as
 * from the tab, and the original message is kept with it as evidence.
 */
export class EmailIntake {
  constructor(
    private readonly service: CaseService,
    private readonly cases: Pick<CaseLog, 'getCase'>,
    private readonly files: Pick<CaseFiles, 'putFile'>,
  ) {}

  /** The case an email was already recorded as, if any. */
  async caseOf(emailId: string): Promise<{ caseId: string; reference: string } | null> {
    const record = await this.cases.getCase(caseIdFor(requestIdForEmail(emailId)));
    return record ? { caseId: record.projection.caseId, reference: record.projection.reference } : null;
  }

  async record(
    body: unknown,
    by: Person,
  ): Promise<{ caseId: string; reference: string; alreadyRecorded: boolean }> {
    const parsed = emailApplicationSchema.safeParse(body);
    if (!parsed.success)
      throw new InvalidInputError('The application is not complete.', problemsOf(parsed.error));
    const { emailId, eml, attachments: _attachments, ...application } = parsed.data;
    const existing = await this.caseOf(emailId);
    if (existing) return { ...existing, alreadyRecorded: true };
    const opened = await this.service.openCase(
      { ...application, requestId: requestIdForEmail(emailId), source: { kind: 'outlook', emailId } },
      by,
    );
    if (eml)
      await this.files.putFile(
        opened.caseId,
        {
          fileId: `${opened.caseId.slice(0, 16)}-email`,
          kind: 'email',
          name: `${opened.reference} application email.eml`,
          contentType: 'message/rfc822',
          storedBy: by.id,
        },
        Buffer.from(eml, 'base64'),
      );
    return { ...opened, alreadyRecorded: false };
  }
}
