/**
 * One contract between the tab and the server (issue 14, point 4): every route the express app serves is
 * in the contract's route table (bot/api/routes.ts) and in the OpenAPI document, and the table lists
 * nothing the server does not serve. The routes are read from the real app's router, as `npm start`
 * builds it (local mode, which serves every route: m365 mode serves all but the local-only ones).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type express from 'express';
import { pathTo, routes } from '../../bot/api/contract';
import { loadConfig } from '../../bot/config';
import { openApiDocument } from '../../bot/server/openapi';
import { createRuntime, type Runtime } from '../../bot/server/runtime';

interface Served {
  method: string;
  path: string;
}

/** The tab's pages (HTML, the single-page app's entry points), which are not the API. */
const pages = ['/', '/config', '/channel', '/meeting', '/taskpane', '/return'];

/** Every method and path the app's router answers, with express's `:param` written as `{param}`. */
function servedRoutes(app: express.Express): Served[] {
  const stack = (
    app as unknown as { router: { stack: { route?: { path: string | string[]; methods: object } }[] } }
  ).router.stack;
  return stack.flatMap((layer) => {
    if (!layer.route) return [];
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    return paths.flatMap((path) =>
      Object.keys(layer.route!.methods).map((m) => ({
        method: m.toUpperCase(),
        path: path.replace(/:(\w+)/g, '{$1}'),
      })),
    );
  });
}

const key = (r: Served) => `${r.method} ${r.path}`;

/** What the server serves that the contract's table or the OpenAPI document does not describe. */
function undocumented(served: Served[], doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  const table = new Set(Object.values(routes).map(key));
  return served
    .filter((r) => !(r.method === 'GET' && pages.includes(r.path)))
    .filter((r) => !table.has(key(r)) || !doc.paths[r.path]?.[r.method.toLowerCase()])
    .map(key);
}

function runtimeWith(dir: string, extra?: (app: express.Express) => void): Runtime {
  return createRuntime(loadConfig({ APP_MODE: 'local', DATA_DIR: dir, POLICY: 'east-herts' }), {
    now: () => new Date('2026-03-02T10:00:00Z'),
    log: () => {},
    ...(extra ? { http: { extensions: [(app: express.Express) => extra(app)] } } : {}),
  });
}

describe('the API contract', () => {
  let dir: string;
  let runtime: Runtime;
  const doc = openApiDocument() as { paths: Record<string, Record<string, { summary?: string }>> };

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'asb-contract-'));
    runtime = runtimeWith(join(dir, 'a'));
  });
  afterAll(async () => {
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('documents every route the server serves', () => {
    const served = servedRoutes(runtime.app);
    expect(served.length).toBeGreaterThan(35);
    expect(undocumented(served, doc)).toEqual([]);
  });

  it('lists no route the server does not serve', () => {
    const served = new Set(servedRoutes(runtime.app).map(key));
    expect(
      Object.values(routes)
        .map(key)
        .filter((r) => !served.has(r)),
    ).toEqual([]);
  });

  it('describes each route in the OpenAPI document with a summary and its parameters', () => {
    for (const route of Object.values(routes)) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()] as
        { summary?: string; parameters?: { name: string; in: string }[] } | undefined;
      expect(op?.summary).toEqual(expect.any(String));
      const params = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name);
      expect(op?.parameters?.filter((p) => p.in === 'path').map((p) => p.name) ?? []).toEqual(params);
    }
  });

  it('notices a route that is served but not in the contract', async () => {
    const extra = runtimeWith(join(dir, 'b'), (app) => {
      app.get('/api/cases/:caseId/secret', (_req, res) => {
        res.json({});
      });
    });
    try {
      expect(undocumented(servedRoutes(extra.app), doc)).toEqual(['GET /api/cases/{caseId}/secret']);
    } finally {
      await extra.close();
    }
  });

  it('publishes each request body the server validates', () => {
    const schemas = (
      openApiDocument() as { components: { schemas: Record<string, { properties?: object }> } }
    ).components.schemas;
    expect(Object.keys(schemas)).toEqual(
      expect.arrayContaining(['NewApplication', 'RecordEvent', 'SubmitReturn', 'BookPanel', 'IssueLetter']),
    );
    expect(schemas.BookPanel?.properties).toHaveProperty('requestId');
  });

  it('builds the tab’s URLs from the same table, each part encoded', () => {
    expect(pathTo(routes.returnRequest, { caseId: 'a/b', requestId: 'police 1' })).toBe(
      '/api/returns/a%2Fb/police%201',
    );
    expect(pathTo(routes.listCases, {}, { status: 'open', q: '', limit: 20 })).toBe(
      '/api/cases?status=open&limit=20',
    );
  });
});
