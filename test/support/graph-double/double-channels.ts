/** A team's channels as the Graph double keeps them: list (graph/api/channel-list) and create (channel-post). */
import { randomUUID } from 'node:crypto';
import { bad, graphError, tryParse, type Reply } from './double-http';
import { evaluate, parseFilter } from './odata-filter';

export interface DoubleChannel {
  id: string;
  displayName: string;
  description: string;
  membershipType: string;
}

/** graph/api/channel-list: `$filter` and `$select` supported. */
export function listChannels(
  teams: Map<string, DoubleChannel[]>,
  teamId: string,
  query: URLSearchParams,
): Reply {
  const channels = teams.get(teamId);
  if (!channels) return graphError(404, 'NotFound', 'No team found with Group Id ' + teamId);
  let found = channels;
  const filter = query.get('$filter');
  if (filter) {
    const parsed = tryParse(() => parseFilter(filter));
    if ('status' in parsed) return parsed;
    found = channels.filter((c) =>
      evaluate(parsed, (p) =>
        p === 'displayName'
          ? c.displayName
          : p === 'membershipType'
            ? c.membershipType
            : p === 'id'
              ? c.id
              : undefined,
      ),
    );
  }
  return { status: 200, body: { value: found.map((c) => ({ ...c })) } };
}

/**
 * graph/api/channel-post: displayName at most 50 characters, none of ~ # % & * { } + / \ : < > ? | ' " ,
 * and not starting with an underscore or a period; names are unique in a team.
 */
export function createChannel(
  teams: Map<string, DoubleChannel[]>,
  teamId: string,
  body: Record<string, unknown>,
): Reply {
  const channels = teams.get(teamId);
  if (!channels) return graphError(404, 'NotFound', 'No team found with Group Id ' + teamId);
  const name = body.displayName;
  if (typeof name !== 'string' || name.trim() === '') return bad('displayName is required.');
  if (name.length > 50 || /[~#%&*{}+/\\:<>?|'",]|\.\./.test(name) || /^[_.]/.test(name) || /\.$/.test(name))
    return graphError(400, 'BadRequest', `Channel name '${name}' is not valid.`);
  if (channels.some((c) => c.displayName.toLowerCase() === name.toLowerCase()))
    return graphError(409, 'NameAlreadyExists', 'Channel name already existed, please use other name.');
  const channel: DoubleChannel = {
    id: `19:${randomUUID().replace(/-/g, '')}@thread.tacv2`,
    displayName: name,
    description: typeof body.description === 'string' ? body.description : '',
    membershipType: typeof body.membershipType === 'string' ? body.membershipType : 'standard',
  };
  channels.push(channel);
  return { status: 201, body: { ...channel } };
}
