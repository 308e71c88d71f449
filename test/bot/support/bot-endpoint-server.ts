/**
 * The bot's POST /api/messages on a loopback port, over a bot world's stores and people, with the bot
 * authentication given (local mode's none, or a tenant's): what the Bot Connector would post to. Served as
 * the server serves it (card actions in the lane before express: bot/server/bot-lane.ts), or through the
 * express route alone (`via: 'express'`), which takes what the lane declines.
 */
import express from 'express';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  botEndpoint,
  cardActionAnswers,
  createBotAdapter,
  type BotAuth,
} from '../../../bot/adapters/teams/bot-endpoint';
import { botLane } from '../../../bot/server/bot-lane';
import { returnCardRoutes } from '../../../bot/adapters/teams/card-actions';
import { AsbTeamsBot } from '../../../bot/adapters/teams/teams-bot';
import { commandDeps } from '../../../bot/app/bot-commands';
import type { BotWorld } from './bot-world';

export interface BotEndpointServer {
  post(body: unknown, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export async function serveBotEndpoint(
  world: BotWorld,
  auth: BotAuth,
  via: 'lane' | 'express' = 'lane',
): Promise<BotEndpointServer> {
  const bot = new AsbTeamsBot({
    conversations: world.stores.conversations,
    directory: world.directory,
    cardActions: returnCardRoutes(world.returnCards),
    commands: commandDeps(world.service, world.stores.cases, async () => 'ok'),
    log: () => {},
  });
  const adapter = createBotAdapter(auth, () => {});
  const cardInvokes = cardActionAnswers(adapter, bot, () => {});
  const handler = botEndpoint(adapter, bot, () => {}, cardInvokes);
  const app = express();
  app.post('/api/messages', express.json(), (req, res, next) => {
    handler(req, res).catch(next);
  });
  const server = await new Promise<Server>((resolve) => {
    const listener = via === 'lane' ? botLane(app, { mode: 'local', cardInvokes }) : app;
    const s = createServer(listener).listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/messages`;
  return {
    post: (body, headers = {}) =>
      fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
