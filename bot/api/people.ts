import { z } from 'zod';
import type { Policy } from '../../shared';
import type { DocumentRules } from './documents';
import { apiErrorCodes } from './errors';

/** Who is signed in and what they may be: the directory's people, and the errors every route answers. */

export const roles = ['spoc', 'agency', 'panel', 'manager'] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;

export const personSchema = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  email: z.email().optional(),
  roles: z.array(roleSchema).min(1),
  /** The agency a person works for: an agency member sees only cases their agency is on. */
  agencyId: z.string().min(1).max(40).optional(),
  /** Entra object id, to match a Teams SSO token or a Teams user to this person. */
  aadObjectId: z.string().optional(),
  /**
   * How requests and reminders reach them: in Teams (the case channel and chat), or by email with a link
   * to the signed-in return page, for partners who are not in the council's Teams.
   */
  notify: z.enum(['teams', 'email']).optional(),
});
export type Person = z.infer<typeof personSchema>;

export const directorySchema = z.strictObject({ people: z.array(personSchema).min(1) });

/** An error the tab shows beside what caused it: `path` names the field when there is one. */
export const apiErrorSchema = z.object({
  error: z.object({
    code: z.enum(apiErrorCodes),
    message: z.string(),
    problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** GET /api/me: the signed-in person, the mode, the policy in force and the server's today. */
export interface Me {
  person: Person;
  mode: 'local' | 'm365';
  policy: Policy;
  today: string;
  /** Issue 15: what a document added to a case may be (its types and largest size). */
  documents: DocumentRules;
}

/** POST /api/local/sign-in (local mode only): sign in as one of the configured people. */
export const localSignInSchema = z.object({ personId: z.string().min(1).max(100) });
export type LocalSignIn = z.infer<typeof localSignInSchema>;

/** What the local sign-in answers. */
export interface LocalSignedIn {
  token: string;
  person: Person;
}

/** GET /api/local/people: who one may sign in as (no email, no directory ids). */
export interface LocalPeople {
  people: Pick<Person, 'id' | 'name' | 'roles' | 'agencyId'>[];
}
