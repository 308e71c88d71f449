import { z } from 'zod';
import { caseEventSchema } from '../../shared';
import {
  accessLogQuery,
  addDocumentFields,
  notifyCallbackSchema,
  apiErrorSchema,
  bookPanelSchema,
  cancelPanelSchema,
  caseListQuery,
  emailApplicationSchema,
  emailCaseQuery,
  issueLetterSchema,
  legalHoldSchema,
  letterOptionsSchema,
  localSignInSchema,
  meetingEndSchema,
  meetingNoteSchema,
  newApplicationSchema,
  panelPapersSchema,
  panelQuorumQuery,
  panelSlotsSchema,
  previewLetterQuery,
  recordEventSchema,
  reschedulePanelSchema,
  routes,
  statisticsCsvQuery,
  statisticsQuery,
  subjectQuerySchema,
  submitReturnSchema,
  type RouteName,
} from '../api/contract';

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });

/** The request bodies, published once under components.schemas and referred to by name. */
const bodies = {
  NewApplication: newApplicationSchema,
  RecordEvent: recordEventSchema,
  SubmitReturn: submitReturnSchema,
  EmailApplication: emailApplicationSchema,
  LetterOptions: letterOptionsSchema,
  IssueLetter: issueLetterSchema,
  PanelSlots: panelSlotsSchema,
  BookPanel: bookPanelSchema,
  ReschedulePanel: reschedulePanelSchema,
  CancelPanel: cancelPanelSchema,
  PanelPapers: panelPapersSchema,
  LegalHold: legalHoldSchema,
  SubjectQuery: subjectQuerySchema,
  NotifyCallback: notifyCallbackSchema,
  LocalSignIn: localSignInSchema,
  MeetingNote: meetingNoteSchema,
  MeetingEnd: meetingEndSchema,
  AddDocument: addDocumentFields,
} satisfies Record<string, z.ZodType>;

type Who = 'user' | 'anyone' | 'bot';

/** How one route is described; every route in the contract's table has one (the type says so). */
interface Operation {
  summary: string;
  /** Who may call it: a signed-in user (the default), anyone, or the Bot Framework. */
  who?: Who;
  query?: z.ZodObject;
  body?: keyof typeof bodies;
  /** The body is a form with a file (multipart/form-data): `body` describes its other fields. */
  withFile?: true;
  /** The answer: status, what it is, and the contract type or media type it is. */
  ok: { status: 200 | 201 | 204; description: string; type?: string };
  /** Answers besides the usual errors (409, 422, 502). */
  also?: Record<string, string>;
}

const operations = {
  health: {
    summary: 'The server is up, and its mode',
    who: 'anyone',
    ok: { status: 200, description: 'OK' },
  },
  botMessages: {
    summary: 'Bot Framework activities from Teams (messages, card invokes)',
    who: 'bot',
    ok: { status: 200, description: 'The activity was handled (an invoke answers its card)' },
  },
  openapi: { summary: 'This document', who: 'anyone', ok: { status: 200, description: 'OpenAPI 3.1' } },
  me: {
    summary: 'The signed-in person, the mode, the policy and today',
    ok: { status: 200, description: 'OK', type: 'Me' },
  },
  people: {
    summary: 'Local mode only: the people one can sign in as',
    who: 'anyone',
    ok: { status: 200, description: 'OK', type: 'LocalPeople' },
  },
  signIn: {
    summary: 'Local mode only: sign in as a configured person',
    who: 'anyone',
    body: 'LocalSignIn',
    ok: { status: 200, description: 'A token', type: 'LocalSignedIn' },
  },
  listCases: {
    summary: 'Cases, soonest deadline first, paged',
    query: caseListQuery,
    ok: { status: 200, description: 'A page of cases', type: 'CaseListPage' },
  },
  createCase: {
    summary: 'Record a new application (idempotent by requestId)',
    body: 'NewApplication',
    ok: { status: 201, description: 'The case id and reference (200 for a retry)', type: 'OpenedCase' },
    also: { '409': 'The requestId was used for another case' },
  },
  getCase: {
    summary: 'A case with its timeline, clocks and assessment',
    ok: { status: 200, description: 'OK', type: 'CaseDetail' },
  },
  recordEvent: {
    summary: 'Record an event on a case (idempotent by id)',
    body: 'RecordEvent',
    ok: { status: 201, description: 'Recorded (200 for a retry)', type: 'RecordedEvent' },
    also: { '409': 'Conflict, retry', '422': 'Not allowed now, with the reason' },
  },
  remindNow: {
    summary: 'Remind an agency of its return now',
    ok: { status: 200, description: 'Sent', type: 'Reminded' },
  },
  getFile: {
    summary: 'A letter, email, calendar file or document kept with the case',
    ok: { status: 200, description: 'The file', type: 'application/octet-stream' },
  },
  addDocument: {
    summary:
      'Add a document to the case: PDF, Word .docx, JPEG, PNG or plain text (type checked from its bytes), up to the configured size (idempotent by id)',
    body: 'AddDocument',
    withFile: true,
    ok: { status: 201, description: 'Added (200 for a retry)', type: 'AddedDocument' },
    also: { '413': 'The file is bigger than the limit (GET /api/me says it)' },
  },
  statistics: {
    summary: 'Published statistics for a period (financial year by default)',
    query: statisticsQuery,
    ok: { status: 200, description: 'OK', type: 'StatisticsResponse' },
  },
  statisticsCsv: {
    summary: 'The same as CSV, one table a file: table=figures (default) or table=months',
    query: statisticsCsvQuery,
    ok: { status: 200, description: 'CSV', type: 'text/csv' },
  },
  accessLog: {
    summary: 'Managers: who looked at what, newest first, paged',
    query: accessLogQuery,
    ok: { status: 200, description: 'A page of entries', type: 'AccessLogPage' },
  },
  myRequests: {
    summary: "An agency member's return requests, soonest due first",
    ok: { status: 200, description: 'OK', type: 'MyReturnRequests' },
  },
  returnRequest: {
    summary: "One request of the member's own agency (another agency's is not found)",
    ok: { status: 200, description: 'OK', type: 'ReturnRequestView' },
  },
  submitReturn: {
    summary: "Send the agency's return (idempotent by id)",
    body: 'SubmitReturn',
    ok: { status: 201, description: 'The request with its returns', type: 'ReturnRequestView' },
    also: { '422': 'Not allowed now, with the reason' },
  },
  emailCase: {
    summary: 'The case an email in Outlook was recorded as',
    query: emailCaseQuery,
    ok: { status: 200, description: 'OK (404 when it has not been recorded)', type: 'EmailCase' },
  },
  emailApplication: {
    summary: 'Record an email as an application: one case per email',
    body: 'EmailApplication',
    ok: { status: 201, description: 'Recorded (200 when already recorded)', type: 'RecordedEmail' },
  },
  outbox: {
    summary: 'Local mode only: the emails that would have been sent',
    ok: { status: 200, description: 'OK', type: 'OutboxList' },
  },
  outboxMessage: {
    summary: 'Local mode only: one of them as .eml',
    ok: { status: 200, description: 'The message', type: 'message/rfc822' },
  },
  letters: {
    summary: 'Every kind of letter, whether it applies now, and the ones issued',
    ok: { status: 200, description: 'OK', type: 'LetterList' },
  },
  previewLetterByQuery: {
    summary: 'A preview of the letter as it would be issued today (no names in the URL)',
    query: previewLetterQuery,
    ok: { status: 200, description: 'OK', type: 'LetterPreview' },
  },
  previewLetter: {
    summary: 'A preview with every choice, a redact list included',
    body: 'LetterOptions',
    ok: { status: 200, description: 'OK', type: 'LetterPreview' },
  },
  issueLetter: {
    summary: 'Issue the letter: the .docx is kept with the case and recorded (idempotent by requestId)',
    body: 'IssueLetter',
    ok: { status: 201, description: 'Issued (200 for a retry)', type: 'IssuedLetter' },
    also: { '422': 'Not allowed now, with the reason' },
  },
  panelQuorum: {
    summary: 'Whether these agencies make a quorate panel',
    query: panelQuorumQuery,
    ok: { status: 200, description: 'OK', type: 'QuorumView' },
  },
  panelPeople: {
    summary: "The directory's people the SPOC can pick for the panel (no email addresses)",
    ok: { status: 200, description: 'OK', type: 'PanelPeople' },
  },
  panelSlots: {
    summary: 'Free times for the panel, from the calendars that can be read',
    body: 'PanelSlots',
    ok: { status: 200, description: 'OK', type: 'PanelSlots' },
  },
  bookPanel: {
    summary: 'Book the panel meeting in the calendar and record it (idempotent by requestId)',
    body: 'BookPanel',
    ok: { status: 201, description: 'Booked (200 for a retry)', type: 'BookingResult' },
    also: { '422': 'Not allowed now, with the reason', '502': 'The calendar did not answer' },
  },
  reschedulePanel: {
    summary: 'Move the panel meeting (idempotent by requestId)',
    body: 'ReschedulePanel',
    ok: { status: 201, description: 'Moved (200 for a retry)', type: 'BookingResult' },
    also: { '422': 'Not allowed now, with the reason', '502': 'The calendar did not answer' },
  },
  cancelPanel: {
    summary: 'Cancel the panel meeting with the reason (idempotent by requestId)',
    body: 'CancelPanel',
    ok: { status: 201, description: 'Cancelled (200 for a retry)', type: 'BookingResult' },
    also: { '422': 'Not allowed now, with the reason', '502': 'The calendar did not answer' },
  },
  panelPapers: {
    summary: 'Make the panel papers (.docx kept with the case)',
    body: 'PanelPapers',
    ok: { status: 201, description: 'Made', type: 'PanelPapers' },
  },
  panelCalendar: {
    summary: "The booking's latest calendar file",
    ok: { status: 200, description: 'The .ics', type: 'text/calendar' },
  },
  meetingView: {
    summary:
      "Issue 16: a panel member's side panel in the meeting (the case as the access policy lets them see it)",
    ok: { status: 200, description: 'OK', type: 'MeetingView' },
  },
  meetingStream: {
    summary: 'The side panel as server-sent events: the view now and after every change',
    ok: { status: 200, description: 'A stream of `view` events', type: 'text/event-stream' },
  },
  meetingNote: {
    summary:
      'The chair or SPOC notes attendance, the agenda, a recommendation, an action or the stage (idempotent by requestId)',
    body: 'MeetingNote',
    ok: { status: 201, description: 'Noted (200 for a retry)', type: 'MeetingView' },
    also: { '422': 'Not allowed now, with the reason' },
  },
  meetingEnd: {
    summary:
      'End the meeting: record the review held, make the minutes and the outcome letter draft (idempotent)',
    body: 'MeetingEnd',
    ok: { status: 201, description: 'Recorded (200 for a retry)', type: 'MeetingEnded' },
    also: { '422': 'Not allowed now, with the reason (a panel without its quorum)' },
  },
  meetingStage: {
    summary: 'What the meeting stage shows: the agenda, or the action plan to those who may see it',
    ok: { status: 200, description: 'OK', type: 'StageContent' },
  },
  meetingStageStream: {
    summary: 'The stage as server-sent events: what it shows this viewer now and after every change',
    ok: { status: 200, description: 'A stream of `view` events (StageContent)', type: 'text/event-stream' },
  },
  retention: {
    summary: 'What the retention sweep will purge and when, and what it has purged',
    ok: { status: 200, description: 'OK', type: 'RetentionReport' },
  },
  retentionSweep: {
    summary: 'Managers: run the retention sweep now',
    ok: { status: 200, description: 'The cases purged', type: 'SweepResult' },
  },
  legalHold: {
    summary: 'Managers: set or release a legal hold, with the reason (idempotent by requestId)',
    body: 'LegalHold',
    ok: { status: 201, description: 'Recorded (200 for a retry)', type: 'LegalHoldSet' },
  },
  subjectAccessSearch: {
    summary: 'Managers: the cases that mention a person (the terms in the body, never the URL)',
    body: 'SubjectQuery',
    ok: { status: 200, description: 'OK', type: 'SubjectMatches' },
  },
  subjectAccessExport: {
    summary: 'Managers: those cases as one archive, with personal data marked for redaction',
    body: 'SubjectQuery',
    ok: { status: 200, description: 'The archive', type: 'application/zip' },
  },
  victimVoice: {
    summary:
      "The victim's voice on a case (attendance, statements, comments) for officers and the panel; contact preferences and Notify messages for officers",
    ok: { status: 200, description: 'OK', type: 'VictimVoiceView' },
  },
  notifyCallback: {
    summary: "GOV.UK Notify's delivery receipts (Notify's bearer token, not a sign-in)",
    who: 'anyone',
    body: 'NotifyCallback',
    ok: { status: 204, description: 'Recorded, or not one of ours' },
  },
} satisfies Record<RouteName, Operation>;

const error = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
});

const errors = {
  '400': error('Invalid input; `problems` names each field'),
  '401': error('Not signed in'),
  '403': error('Not allowed for this person'),
  '404': error('No such case (or not visible to this person)'),
};

function queryParameters(schema: z.ZodObject) {
  return Object.entries(schema.shape).map(([name, s]) => ({
    name,
    in: 'query',
    required: false,
    schema: json(s as z.ZodType),
  }));
}

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
}

/** A media type names the content; otherwise the answer is JSON of the contract type named. */
function answer(ok: Operation['ok']) {
  const media = ok.type?.includes('/') ? ok.type : 'application/json';
  const described =
    ok.type && !ok.type.includes('/') ? `${ok.description} (${ok.type}, bot/api)` : ok.description;
  return { description: described, ...(ok.type ? { content: { [media]: {} } } : {}) };
}

function operation(path: string, op: Operation) {
  const parameters = [...pathParameters(path), ...(op.query ? queryParameters(op.query) : [])];
  return {
    summary: op.summary,
    ...(op.who === 'anyone' ? { security: [] } : {}),
    ...(op.who === 'bot' ? { security: [{ botFramework: [] }] } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: op.withFile
              ? {
                  'multipart/form-data': {
                    schema: {
                      allOf: [
                        { $ref: `#/components/schemas/${op.body}` },
                        {
                          type: 'object',
                          required: ['file'],
                          properties: {
                            file: { type: 'string', contentMediaType: 'application/octet-stream' },
                          },
                        },
                      ],
                    },
                  },
                }
              : { 'application/json': { schema: { $ref: `#/components/schemas/${op.body}` } } },
          },
        }
      : {}),
    responses: {
      [String(op.ok.status)]: answer(op.ok),
      ...Object.fromEntries(Object.entries(op.also ?? {}).map(([status, d]) => [status, error(d)])),
      ...(op.who === 'user' || op.who === undefined ? errors : {}),
    },
  };
}

let cached: object | undefined;

/** The API as OpenAPI 3.1, generated from the contract's route table and the zod schemas it validates with. */
export function openApiDocument(): object {
  if (cached) return cached;
  const paths: Record<string, Record<string, object>> = {};
  for (const [name, route] of Object.entries(routes) as [RouteName, (typeof routes)[RouteName]][]) {
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route.path, operations[name]);
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'ASB Case Review API',
      version: '1',
      description:
        'The API behind the SPOC tab, the Outlook add-in and the partner return page. Local mode only: the local sign-in and the outbox.',
    },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        botFramework: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'A Bot Framework token, checked by the Teams adapter',
        },
      },
      schemas: {
        ApiError: json(apiErrorSchema),
        CaseEvent: json(caseEventSchema),
        ...Object.fromEntries(Object.entries(bodies).map(([name, schema]) => [name, json(schema)])),
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
  return cached;
}
