import type { CaseState, EventType } from '../../shared';
import type { Person } from '../api/contract';

const isSpoc = (p: Person) => p.roles.includes('spoc') || p.roles.includes('manager');

/**
 * Who sees a case: the SPOC and managers see every case; an agency member only cases their agency is on;
 * a panel member without an agency only the cases whose panel they sit on.
 */
export function canSeeCase(person: Person, state: Pick<CaseState, 'agencies' | 'panel'>): boolean {
  if (isSpoc(person)) return true;
  if (person.agencyId && state.agencies.includes(person.agencyId)) return true;
  return !!state.panel?.members.some((m) => m.personId === person.id);
}

/** The agency filter a list query must carry for this person, or undefined when they see every case. */
export function agencyScope(person: Person): string | undefined {
  if (isSpoc(person)) return undefined;
  return person.agencyId ?? '__none__';
}

const storeOnly: EventType[] = ['legal-hold-set', 'legal-hold-released', 'application-received'];

/** The event types this person may record on this case now (the rules then decide if the case allows it). */
export function recordableEvents(person: Person, state: CaseState, all: readonly EventType[]): EventType[] {
  if (isSpoc(person)) return all.filter((t) => !storeOnly.includes(t));
  const mine: EventType[] = ['note-added'];
  if (person.agencyId && state.requests.some((r) => r.agencyId === person.agencyId))
    mine.push('return-received');
  if (person.agencyId && state.actions.some((a) => a.ownerAgency === person.agencyId))
    mine.push('action-updated');
  return mine;
}

/** A payload-level check: an agency member records only their own agency's return and actions. */
export function ownsPayload(
  person: Person,
  state: CaseState,
  type: EventType,
  payload: unknown,
): string | undefined {
  if (isSpoc(person)) return undefined;
  const p = payload as { agencyId?: string; actionId?: string };
  if (type === 'return-received' && p.agencyId !== person.agencyId)
    return "you can record only your own agency's return.";
  if (
    type === 'action-updated' &&
    state.actions.find((a) => a.id === p.actionId)?.ownerAgency !== person.agencyId
  )
    return "you can update only your own agency's actions.";
  return undefined;
}

/** What an agency member sees of a case: only their own agency's requests and returns. */
export function redactFor(person: Person, state: CaseState): CaseState {
  if (isSpoc(person)) return state;
  return { ...state, requests: state.requests.filter((r) => r.agencyId === person.agencyId) };
}
