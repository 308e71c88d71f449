/**
 * The HTTP API between the tab (and the Outlook add-in and the partner return page) and the server: one
 * definition. The server validates with these schemas and publishes them as OpenAPI (/api/openapi.json);
 * the tab imports the same schemas and types, and nothing else of the server (ESLint says so). These
 * modules are isomorphic: they import zod and shared/ only.
 *
 * One small module per part of the API, as the server's route files are split:
 */
export * from './errors';
export * from './people';
export * from './cases';
export * from './returns';
export * from './outlook';
export * from './outbox';
export * from './data-protection';
export * from './letters';
export * from './panel';
export * from './meeting';
export * from './routes';
export * from './public';
export * from './documents';
