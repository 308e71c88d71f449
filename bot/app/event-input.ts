import { caseEventSchema, problemsOf, type CaseEvent } from '../../shared';
import { recordEventSchema, type Person } from '../api/contract';
import type { JsonObject, NewCaseEvent } from '../store/case-log';
import { isOfficer } from './access-policy';
import { cleanDeep } from './clean-text';
import type { Directory } from './directory';
import { InvalidInputError } from './errors';

/**
 * An event as a person sends it, made into the event recorded: cleaned (every door comes through here),
 * parsed, stamped with who and when, and its people checked against the directory.
 */
export function parseEventInput(
  input: unknown,
  by: Person,
  ctx: { now: () => Date; today: () => string; directory: Directory },
): CaseEvent {
  const request = recordEventSchema.safeParse(cleanDeep(input));
  if (!request.success) throw new InvalidInputError('The request is not valid.', problemsOf(request.error));
  const parsed = caseEventSchema.safeParse({
    ...request.data,
    actor: by.id,
    at: ctx.now().toISOString(),
  });
  if (!parsed.success) {
    const problems = problemsOf(parsed.error).map((p) => ({
      ...p,
      path: p.path.replace(/^payload\.?/, ''),
    }));
    throw new InvalidInputError(`Check the ${request.data.type} details.`, problems);
  }
  const event = stamped(parsed.data as CaseEvent, by, ctx.today);
  const unknown = unknownPeople(event, ctx.directory);
  if (unknown.length)
    throw new InvalidInputError(
      'Some people named are not in the directory.',
      unknown.map((path) => ({ path, message: 'not a person in the directory' })),
    );
  return event;
}

/**
 * An agency member's return is dated and signed by the server: today (London), by them. A date or an
 * author sent with it is not trusted (it could backdate a late return, or sign for another agency). An
 * officer may record a return received earlier on the agency's behalf; the event's actor shows who did.
 */
function stamped(event: CaseEvent, by: Person, today: () => string): CaseEvent {
  if (event.type !== 'return-received' || isOfficer(by)) return event;
  return { ...event, payload: { ...event.payload, receivedOn: today(), submittedBy: by.id } };
}

/** Paths in the event naming a person id that the directory does not know. */
function unknownPeople(event: CaseEvent, directory: Directory): string[] {
  const known = (id: string | undefined) => id === undefined || !!directory.get(id);
  const bad: string[] = [];
  const p = event.payload as {
    submittedBy?: string;
    decidedBy?: string;
    members?: { personId?: string }[];
    attendees?: { personId?: string }[];
    chair?: { personId?: string };
  };
  if (event.type === 'return-received' && !known(p.submittedBy)) bad.push('submittedBy');
  if (event.type === 'threshold-decided' && !known(p.decidedBy)) bad.push('decidedBy');
  p.members?.forEach((m, i) => !known(m.personId) && bad.push(`members.${i}.personId`));
  p.attendees?.forEach((m, i) => !known(m.personId) && bad.push(`attendees.${i}.personId`));
  if (event.type === 'panel-booked' && !known(p.chair?.personId)) bad.push('chair.personId');
  return bad;
}

/** An event as the store keeps it. */
export function toStored(event: CaseEvent): NewCaseEvent {
  return {
    id: event.id,
    type: event.type,
    actor: event.actor,
    at: event.at,
    payload: event.payload as unknown as JsonObject,
  };
}
