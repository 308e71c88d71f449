import type { z } from 'zod';

/**
 * A schema problem in words a council officer uses. Our own messages ("Enter the date of the report...")
 * are kept; zod's defaults ("Too small: expected string to have >=1 characters", "Invalid input") are
 * written again from the issue's facts, so no schema wording ever reaches a person (issue 15).
 */
export function plainMessage(issue: z.core.$ZodIssue): string {
  if (!ZOD_DEFAULT.test(issue.message)) return issue.message;
  const i = issue as z.core.$ZodIssue & {
    origin?: string;
    minimum?: number | bigint;
    maximum?: number | bigint;
    input?: unknown;
    format?: string;
    keys?: string[];
  };
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string')
        return Number(i.minimum) <= 1
          ? 'Fill this in; it cannot be blank.'
          : `Write at least ${i.minimum} characters.`;
      if (i.origin === 'array' || i.origin === 'set')
        return Number(i.minimum) <= 1 ? 'Add at least one.' : `Add at least ${i.minimum}.`;
      return `Enter ${i.minimum} or more.`;
    case 'too_big':
      if (i.origin === 'string') return `Shorten this to at most ${i.maximum} characters.`;
      if (i.origin === 'array' || i.origin === 'set') return `List at most ${i.maximum}.`;
      return `Enter ${i.maximum} or less.`;
    case 'invalid_type':
      return i.input === undefined ? 'Fill this in.' : 'This answer is not the right kind; check it.';
    case 'invalid_value':
    case 'invalid_union':
      return 'Choose one of the options offered.';
    case 'invalid_format':
      if (i.format === 'email') return 'Enter an email address such as name@example.com.';
      if (i.format === 'url') return 'Enter a web address starting https://.';
      if (i.format === 'datetime' || i.format === 'date') return 'Enter a date written YYYY-MM-DD.';
      return 'This is not in the form expected; close the form and try again.';
    case 'unrecognized_keys':
      return `${(i.keys ?? []).map((k) => `"${k}"`).join(', ')} is not a field here; check the spelling.`;
    default:
      return 'Check this answer.';
  }
}

const ZOD_DEFAULT = /^(Too small|Too big|Invalid|Unrecognized key)/;
