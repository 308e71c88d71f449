import { z } from 'zod';
import { caseEventSchema } from '../../shared';
import {
  apiErrorSchema,
  caseListQuery,
  newApplicationSchema,
  recordEventSchema,
  routes,
  statisticsQuery,
} from '../api/contract';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });

const errors = {
  '400': {
    description: 'Invalid input; `problems` names each field',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  },
  '401': {
    description: 'Not signed in',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  },
  '403': {
    description: 'Not allowed for this person',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  },
  '404': {
    description: 'No such case (or not visible to this person)',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
  },
};

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    schema: json(s as z.ZodType),
  }));
}

let cached: object | undefined;

/** The API as OpenAPI 3.1, generated from the same zod schemas the server validates with. */
export function openApiDocument(): object {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'ASB Case Review API',
      version: '1',
      description: 'The API behind the SPOC tab, the Outlook add-in and the partner return page.',
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: {
        ApiError: json(apiErrorSchema),
        NewApplication: json(newApplicationSchema),
        RecordEvent: json(recordEventSchema),
        CaseEvent: json(caseEventSchema),
      },
    },
    security: [{ bearer: [] }],
    paths: {
      [routes.me.path]: {
        get: {
          summary: 'The signed-in person, the mode, the policy and today',
          responses: { '200': { description: 'OK' }, ...errors },
        },
      },
      [routes.listCases.path]: {
        get: {
          summary: 'Cases, soonest deadline first, paged',
          parameters: queryParameters(caseListQuery),
          responses: { '200': { description: 'A page of cases' }, ...errors },
        },
        post: {
          summary: 'Record a new application (idempotent by requestId)',
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/NewApplication' } } },
          },
          responses: { '201': { description: 'The case id and reference' }, ...errors },
        },
      },
      '/api/cases/{caseId}': {
        get: {
          summary: 'A case with its timeline, clocks and assessment',
          responses: { '200': { description: 'OK' }, ...errors },
        },
      },
      '/api/cases/{caseId}/events': {
        post: {
          summary: 'Record an event on a case (idempotent by id)',
          requestBody: {
            content: { 'application/json': { schema: { $ref: '#/components/schemas/RecordEvent' } } },
          },
          responses: {
            '201': { description: 'Recorded' },
            '409': { description: 'Conflict, retry' },
            '422': { description: 'Not allowed now, with the reason' },
            ...errors,
          },
        },
      },
      '/api/cases/{caseId}/requests/{requestId}/remind': {
        post: {
          summary: 'Remind an agency of its return now',
          responses: { '200': { description: 'Sent' }, ...errors },
        },
      },
      '/api/cases/{caseId}/files/{fileId}': {
        get: {
          summary: 'A letter, email or calendar file kept with the case',
          responses: { '200': { description: 'The file' }, ...errors },
        },
      },
      [routes.statistics.path]: {
        get: {
          summary: 'Published statistics for a period (financial year by default)',
          parameters: queryParameters(statisticsQuery),
          responses: { '200': { description: 'OK' }, ...errors },
        },
      },
      [routes.statisticsCsv.path]: {
        get: {
          summary: 'The same as CSV',
          parameters: queryParameters(statisticsQuery),
          responses: { '200': { description: 'CSV' }, ...errors },
        },
      },
      [routes.people.path]: {
        get: {
          summary: 'Local mode only: the people one can sign in as',
          security: [],
          responses: { '200': { description: 'OK' } },
        },
      },
      [routes.signIn.path]: {
        post: {
          summary: 'Local mode only: sign in as a configured person',
          security: [],
          responses: { '200': { description: 'A token' } },
        },
      },
    },
  };
  return cached;
}
