import { agencyName, agencyReturnDue, type EventOf } from '../../shared';
import { submitReturnSchema, type Person, type ReturnRequestView } from '../api/contract';
import type { Mailer } from '../ports/mailer';
import type { CaseService, ServiceActor } from './case-service';
import { stableUuid } from './stable-uuid';
import type { CaseReactor, RecordedChange } from './reactors';
import type { Directory } from './directory';
import { ForbiddenError, InvalidInputError, NotFoundError } from './errors';
import { problemsOf } from '../../shared';

/**
 * The return page for partners outside Teams: an agency member sees one request of their own agency and
 * answers it through the same use case as the card (same validation, idempotency and late marking).
 */
export class PartnerReturns {
  constructor(private readonly service: CaseService) {}

  async view(caseId: string, requestId: string, by: Person): Promise<ReturnRequestView> {
    const { state, reference, request } = await this.load(caseId, requestId, by);
    await this.service.audit(by, { action: 'return-viewed', caseId, reference, detail: requestId });
    const policy = this.service.policy;
    const dueOn = agencyReturnDue(request, policy);
    return {
      caseId,
      reference,
      requestId,
      agencyId: request.agencyId,
      agencyName: agencyName(policy, request.agencyId),
      requestedOn: request.requestedOn,
      dueOn,
      incidents: state.application.incidents.map((i) => ({
        id: i.id,
        occurredOn: i.occurredOn,
        hate: !!i.hate,
      })),
      returns: request.returns.map((r) => ({
        receivedOn: r.receivedOn,
        late: r.receivedOn > dueOn,
        submittedBy: r.submittedBy,
        incidents: r.incidents,
        ...(r.otherInformation ? { otherInformation: r.otherInformation } : {}),
      })),
    };
  }

  async submit(caseId: string, requestId: string, body: unknown, by: Person): Promise<ReturnRequestView> {
    const parsed = submitReturnSchema.safeParse(body);
    if (!parsed.success) throw new InvalidInputError('Check the return.', problemsOf(parsed.error));
    const { request } = await this.load(caseId, requestId, by);
    await this.service.recordEvent(
      caseId,
      {
        id: parsed.data.id,
        type: 'return-received',
        payload: {
          requestId,
          agencyId: request.agencyId,
          receivedOn: this.service.today(),
          incidents: parsed.data.incidents,
          ...(parsed.data.otherInformation ? { otherInformation: parsed.data.otherInformation } : {}),
          submittedBy: by.id,
        },
      },
      by,
    );
    return this.view(caseId, requestId, by);
  }

  /** The agency member's outstanding requests, soonest due first. */
  async mine(by: Person) {
    if (!by.agencyId) throw new ForbiddenError('Only agency members have return requests.');
    return this.service.agencyRequests(by.agencyId);
  }

  private async load(caseId: string, requestId: string, by: Person) {
    const { state, reference, agencyId } = await this.service.requestForAgency(caseId, requestId);
    // Another agency's request is "not found": a partner learns nothing of requests that are not theirs.
    if (!by.agencyId || by.agencyId !== agencyId)
      throw new NotFoundError('There is no such request for your agency.');
    const request = state.requests.find((r) => r.requestId === requestId)!;
    return { state, reference, request };
  }
}

/** Partner emails as the timeline names them (issue 15): it records only that an email went, and to which agency. */
export const PARTNER_EMAILS: ServiceActor = {
  id: 'partner-emails',
  name: 'Emails to partners (ASB Case Review)',
  records: ['partner-emailed'],
};

/**
 * On "returns requested": email each asked agency's members who work outside Teams a link to the page,
 * then record that it went (`partner-emailed`, its id derived from the request: a redelivery records once).
 */
export function partnerEmailReactor(deps: {
  directory: Directory;
  mailer: Mailer;
  publicUrl: string;
  policyName: (id: string) => string;
  log?: (message: string) => void;
  /** Records each email on the case (omitted in tests of the email alone). */
  service?: Pick<CaseService, 'recordAsService' | 'today' | 'registerService'>;
}): CaseReactor {
  deps.service?.registerService?.(PARTNER_EMAILS);
  return {
    name: 'partner-email',
    wants: (events) => events.some((e) => e.type === 'returns-requested'),
    async react(change: RecordedChange) {
      for (const event of change.events) {
        if (event.type !== 'returns-requested') continue;
        for (const r of event.payload.requests) {
          const to = deps.directory
            .membersOf(r.agencyId)
            .filter((p) => p.notify === 'email' && p.email)
            .map((p) => p.email!);
          if (to.length === 0) continue;
          await deps.mailer.send({
            to,
            caseId: change.caseId,
            subject: `Return requested: ASB case review ${change.reference}`,
            text: returnRequestText(change, event, r.requestId, deps.policyName(r.agencyId), deps.publicUrl),
          });
          await deps.service
            ?.recordAsService(
              change.caseId,
              [
                {
                  id: stableUuid('partner-emailed', change.caseId, r.requestId),
                  type: 'partner-emailed',
                  payload: {
                    sentOn: deps.service.today(),
                    agencyId: r.agencyId,
                    about: 'return-request',
                    requestId: r.requestId,
                  },
                },
              ],
              PARTNER_EMAILS,
            )
            // Sent but not recorded: say so, and do not let the outbox's retry send it a second time.
            .catch((err: unknown) =>
              deps.log?.(
                `partner email for ${change.reference} sent but not recorded: ${(err as Error).name}`,
              ),
            );
        }
      }
    },
  };
}

export function returnLink(publicUrl: string, caseId: string, requestId: string): string {
  return `${publicUrl.replace(/\/$/, '')}/return?caseId=${encodeURIComponent(caseId)}&requestId=${encodeURIComponent(requestId)}`;
}

function returnRequestText(
  change: { caseId: string; reference: string },
  event: EventOf<'returns-requested'>,
  requestId: string,
  agency: string,
  publicUrl: string,
): string {
  return [
    `The council has opened an anti-social behaviour case review (${change.reference}) and asks ${agency} for its return:`,
    'for each incident listed, whether you hold a record, your reference, the date it was reported to you and the action taken.',
    '',
    `Requested on ${event.payload.requestedOn}. Please answer here (sign in with your organisation's account):`,
    returnLink(publicUrl, change.caseId, requestId),
    '',
    'This email carries no personal details; they are on the signed-in page.',
  ].join('\n');
}
