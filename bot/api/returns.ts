import { z } from 'zod';
import { isoDate } from '../../shared';

/** The partner return page: an agency member's requests, one request, and their return. */

/** What a partner's return page shows: one request of their own agency, nothing else of the case. */
export interface ReturnRequestView {
  caseId: string;
  reference: string;
  requestId: string;
  agencyId: string;
  agencyName: string;
  requestedOn: string;
  dueOn: string;
  incidents: { id: string; occurredOn: string; hate: boolean }[];
  returns: {
    receivedOn: string;
    late: boolean;
    submittedBy: string;
    incidents: unknown[];
    otherInformation?: string;
  }[];
}

export const submitReturnSchema = z.strictObject({
  /** Chosen by the page when it opens, so a double submit records one return. */
  id: z.uuid(),
  incidents: z
    .array(
      z.strictObject({
        incidentId: z.string().min(1).max(100),
        holdsRecord: z.boolean(),
        reference: z.string().max(100).optional(),
        reportedOn: isoDate.optional(),
        actionTaken: z.string().max(4000).optional(),
      }),
    )
    .max(200),
  otherInformation: z.string().max(20_000).optional(),
});
export type SubmitReturn = z.infer<typeof submitReturnSchema>;

/** What GET /api/returns lists: the agency's requests (every status) with the case reference. */
export interface MyReturnRequest {
  requestId: string;
  caseId: string;
  reference: string;
  agencyId: string;
  requestedAt: string;
  dueOn: string;
  status: 'requested' | 'returned' | 'withdrawn';
  returnedAt: string | null;
  late: boolean;
}

export interface MyReturnRequests {
  items: MyReturnRequest[];
}
