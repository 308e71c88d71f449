/**
 * The server's front: card actions posted to the bot's endpoint in a lane of their own, everything else
 * through express. A card return is the request the server answers most often at once (50 agencies'
 * returns in a minute), and express's router, JSON body parser and response helpers were about a tenth of
 * its cost (bench/returns; an empty answer costs 0.05 ms on node's own and 0.19 ms through express).
 *
 * The lane takes only what express would handle the same way: POST /api/messages, `application/json`
 * in UTF-8, a stated length within the endpoint's 1 MB, no content encoding, and in local mode a request
 * addressed to this machine. It sets the same security headers, refuses a body that is not JSON with the
 * same answer, and answers card actions with the same function the express route uses. Anything else, and
 * every body that is not a card action (botbuilder's turn wants express's request and response), goes to
 * express as it is, with the body it has read.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { CardActionAnswers } from '../adapters/teams/bot-endpoint';
import { BODY_NOT_JSON, BOT_BODY_LIMIT, SERVER_FAULT } from './http-app';
import { loopbackHost, securityHeaderSetter } from './security-headers';

const PATH = '/api/messages';

export interface BotLaneOptions {
  mode: 'local' | 'm365';
  /** Hosts local mode answers besides this machine's names (PUBLIC_URL's). */
  allowedHosts?: readonly string[];
  /** The same card-action answers the express route gives (bot-endpoint.ts). */
  cardInvokes: CardActionAnswers;
  /** An unexpected failure's name and message (never the body). */
  log?: (message: string) => void;
}

export function botLane(
  viaExpress: (req: IncomingMessage, res: ServerResponse) => void,
  options: BotLaneOptions,
): RequestListener {
  const addressedHere = options.mode === 'local' ? loopbackHost(options.allowedHosts) : () => true;
  const secure = securityHeaderSetter(options.mode);
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    const json = JSON.stringify(body);
    secure(res);
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(json));
    res.end(json);
  };
  return (req, res) => {
    const length = laneLength(req);
    if (length === undefined || !addressedHere(req)) {
      viaExpress(req, res);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const body = parseJson(Buffer.concat(chunks, length).toString('utf8'));
      if (body === NOT_JSON) return answer(res, 400, { error: { code: 'invalid', message: BODY_NOT_JSON } });
      options.cardInvokes(body, req.headers.authorization).then(
        (answered) => {
          if (answered) return answer(res, answered.status, answered.body);
          // Not a card action: through express (its bot route, botbuilder's turn) with the body read;
          // express.json leaves a request already read to its end as it is.
          (req as IncomingMessage & { body?: unknown }).body = body;
          viaExpress(req, res);
        },
        (err: unknown) => {
          options.log?.(`internal error: ${(err as Error).name}: ${(err as Error).message}`);
          answer(res, 500, { error: { code: 'internal', message: SERVER_FAULT } });
        },
      );
    });
  };
}

/** The body's stated length when the lane may take the request, else undefined (express takes it). */
function laneLength(req: IncomingMessage): number | undefined {
  if (req.method !== 'POST') return undefined;
  const url = req.url ?? '';
  if (url !== PATH && !url.startsWith(`${PATH}?`)) return undefined;
  const { headers } = req;
  if (headers['transfer-encoding'] !== undefined) return undefined;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return undefined;
  if (!isUtf8Json(headers['content-type'])) return undefined;
  const stated = headers['content-length'];
  if (stated === undefined || !/^\d{1,8}$/.test(stated)) return undefined;
  const length = Number(stated);
  return length <= BOT_BODY_LIMIT ? length : undefined;
}

/** `application/json`, with no parameter but a UTF-8 charset: what express.json reads as UTF-8 text. */
function isUtf8Json(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [media, ...params] = contentType.split(';').map((p) => p.trim().toLowerCase());
  if (media !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

const NOT_JSON = Symbol('not JSON');

/** As express.json parses (strict): an object or an array, and an empty body is {}. */
function parseJson(read: string): unknown {
  const text = read.charCodeAt(0) === 0xfeff ? read.slice(1) : read; // a byte order mark, as iconv drops it
  const first = /\S/.exec(text)?.[0];
  if (first === undefined) return {};
  if (first !== '{' && first !== '[') return NOT_JSON;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}
