import type { ReactNode } from 'react';
import type { CaseDetail, Me } from '../../../../../bot/api/contract';
import { quorumBodyIds, type EventType, type Policy } from '../../../../../shared';
import type { Bound } from '../../../components/fields';
import type { Problem, ProblemIndex } from '../../../lib/problems';

/** What an event form knows about the case and who is recording. */
export interface CaseContext {
  detail: CaseDetail;
  me: Me;
  policy: Policy;
  today: string;
  agencyName(id: string): string;
  personName(id: string): string;
}

/** A part of the case page that changes the case: `onChanged` reloads it and announces the message. */
export interface CaseSectionProps {
  ctx: CaseContext;
  onChanged: (message: string) => Promise<void>;
}

export interface FieldsProps<F> {
  form: F;
  set: (patch: Partial<F>) => void;
  problems: ProblemIndex;
  ctx: CaseContext;
  /** A field of the form bound to its path, value and change: `<DateInput {...field('sentOn')} />`. */
  field: <K extends keyof F & string>(key: K) => Bound<F[K]>;
}

/**
 * One action on a case: the button that opens it, the dialog's fields, and how they become the event's
 * payload. The payload is checked with the event's schema (shared `eventPayloads[type]`) before it is sent;
 * `check` adds the rules the schema cannot see (an override needs a reason).
 */
export interface EventSpec<F> {
  type: EventType;
  button: string;
  title: string;
  intro?: (ctx: CaseContext) => ReactNode;
  init: (ctx: CaseContext) => F;
  payload: (form: F, ctx: CaseContext) => unknown;
  check?: (form: F, ctx: CaseContext) => Problem[];
  Fields: (props: FieldsProps<F>) => ReactNode;
  submit?: string;
  /** A name for the field at a path, for the error summary. */
  labelOf?: (path: string) => string | undefined;
}

export type AnySpec = EventSpec<unknown>;

/** Erases a spec's form type so specs of different forms can sit in one table. */
export function spec<F>(s: EventSpec<F>): AnySpec {
  return s as unknown as AnySpec;
}

export const blank = (s: string) => s.trim() === '';

/** `{ key: value }`, or nothing when the value is blank: optional payload fields are left out, not empty. */
export const opt = <K extends string, V>(key: K, value: V | undefined | '') =>
  (value === undefined || value === '' ? {} : { [key]: value }) as Partial<Record<K, V>>;

export type Option<T extends string> = { value: T; label: string };

/** Agencies, each saying whether it counts toward the panel minimum (the policy's list, East Herts s.12). */
export const agencyOptions = (policy: Policy): Option<string>[] => {
  const counted = new Set(quorumBodyIds(policy));
  return policy.agencies.map((a) => ({
    value: a.id,
    label: `${a.name}${counted.has(a.id) ? '' : ' (not counted in the panel minimum)'}`,
  }));
};
