/**
 * Who gets their own view of an agency's card (a return request's, an action's): the agency's members in
 * Teams and the case's SPOC, by their Teams user ids, at most 60 (the `refresh.userIds` limit Microsoft
 * documents for Universal Actions). Members who answer by email are left out: Teams cannot show them a card.
 */
import type { Messenger } from '../ports/messenger';
import type { Directory } from './directory';

export async function agencyCardViewers(
  deps: { directory: Directory; messenger: Pick<Messenger, 'teamsUserIds'> },
  agencyId: string,
  spocId: string,
): Promise<string[]> {
  const members = deps.directory.membersOf(agencyId).filter((p) => p.notify !== 'email');
  const people = [...members, deps.directory.get(spocId)];
  const aad = [...new Set(people.flatMap((p) => (p?.aadObjectId ? [p.aadObjectId] : [])))];
  if (aad.length === 0) return [];
  const ids = await deps.messenger.teamsUserIds(aad).catch(() => new Map<string, string>());
  return aad.flatMap((a) => (ids.has(a) ? [ids.get(a)!] : [])).slice(0, 60);
}
