import { DateInput, LongText, type Bound } from '../../components/fields';

/**
 * The 2025 statutory guidance: when the victim was consulted on the action plan, or, with no date, why
 * not. The outcome dialog and the outcome letter both ask it.
 */
export function ConsultedOn({
  consulted,
  reason,
  label,
  required,
  max,
  hint,
}: {
  consulted: Bound<string>;
  reason: Bound<string>;
  label: string;
  required: boolean;
  max: string;
  hint?: string;
}) {
  return (
    <>
      <DateInput {...consulted} label={label} required={required} max={max} {...(hint ? { hint } : {})} />
      {!consulted.value && <LongText {...reason} label="Why the victim was not consulted" maxLength={2000} />}
    </>
  );
}
