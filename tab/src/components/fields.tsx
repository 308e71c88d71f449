import {
  Button,
  Checkbox,
  Input,
  Radio,
  RadioGroup,
  Select,
  Textarea,
  makeStyles,
  tokens,
  useId,
} from '@fluentui/react-components';
import type { ProblemIndex } from '../lib/problems';
import { FormField } from './form-field';
import { fieldGrid } from './styles';

/**
 * Small labelled controls keyed by the path the API and the schemas use, so a problem at that path shows
 * beside its control: the case's dialogs, the panel booking, the letters, data protection.
 */

export const useFieldStyles = makeStyles({
  two: fieldGrid('12rem'),
  rows: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: {
    ...fieldGrid('9rem', { gap: tokens.spacingHorizontalS }),
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))' },
});

/** A field's wiring: its path (for problems), its value and how it changes. */
export interface Bound<V> {
  path: string;
  value: V;
  problems: ProblemIndex;
  onChange: (value: V) => void;
}

/**
 * Binds a form's fields to their paths, values and changes, so a control is one line:
 * `<DateInput {...field('sentOn')} label="Sent on" />`. Paths start with `prefix` (`incidents[2].`); override
 * `path` where the API's differs.
 */
export function binder<F>(form: F, set: (patch: Partial<F>) => void, problems: ProblemIndex, prefix = '') {
  return <K extends keyof F & string>(key: K): Bound<F[K]> => ({
    path: `${prefix}${key}`,
    value: form[key],
    problems,
    onChange: (value) => set({ [key]: value } as unknown as Partial<F>),
  });
}

interface Base {
  path: string;
  label?: string;
  problems: ProblemIndex;
  hint?: string;
  required?: boolean;
  /** A message from the form itself (a warning), shown when the schemas find no problem here. */
  extraMessage?: { text: string; state: 'warning' | 'error' | 'success' | 'none' };
}

export function DateInput({
  value,
  onChange,
  max,
  min,
  ...base
}: Base & { value: string; onChange: (v: string) => void; max?: string; min?: string }) {
  return (
    <FormField {...base}>
      <Input
        type="date"
        value={value}
        {...(max ? { max } : {})}
        {...(min ? { min } : {})}
        onChange={(_, d) => onChange(d.value)}
      />
    </FormField>
  );
}

export function TimeInput({
  value,
  onChange,
  ...base
}: Base & { value: string; onChange: (v: string) => void }) {
  return (
    <FormField {...base}>
      <Input type="time" value={value} step={300} onChange={(_, d) => onChange(d.value)} />
    </FormField>
  );
}

export function TextInput({
  value,
  onChange,
  maxLength,
  type,
  suggestions,
  autoComplete,
  ...base
}: Base & {
  value: string;
  onChange: (v: string) => void;
  maxLength?: number;
  type?: 'text' | 'url' | 'email' | 'tel' | 'search';
  /** `off` for personal data the browser should not offer to fill in. */
  autoComplete?: 'off';
  /** Values offered as the person types (a native datalist); any other text is still accepted. */
  suggestions?: readonly string[];
}) {
  const listId = useId('suggestions');
  const listed = suggestions && suggestions.length > 0;
  return (
    <>
      <FormField {...base}>
        <Input
          value={value}
          type={type ?? 'text'}
          {...(maxLength ? { maxLength } : {})}
          {...(autoComplete ? { autoComplete } : {})}
          {...(listed ? { list: listId } : {})}
          onChange={(_, d) => onChange(d.value)}
        />
      </FormField>
      {listed && (
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      )}
    </>
  );
}

/** An email address, for an invitation only (never kept with the case). */
export function EmailInput(props: Base & { value: string; onChange: (v: string) => void }) {
  return <TextInput {...props} type="email" maxLength={320} />;
}

/** Text over several lines, the box growing downwards when the person drags it. */
export function TextArea({
  value,
  onChange,
  maxLength,
  rows,
  ...base
}: Base & { value: string; onChange: (v: string) => void; maxLength: number; rows?: number }) {
  return (
    <FormField {...base}>
      <Textarea
        value={value}
        maxLength={maxLength}
        {...(rows ? { rows } : {})}
        resize="vertical"
        onChange={(_, d) => onChange(d.value)}
      />
    </FormField>
  );
}

/** A TextArea that says how much of its room is used ("120 of 2,000 characters."). */
export function LongText(props: Parameters<typeof TextArea>[0]) {
  const { value, maxLength, hint } = props;
  return (
    <TextArea
      {...props}
      rows={props.rows ?? 3}
      hint={`${hint ? `${hint} ` : ''}${value.length.toLocaleString('en-GB')} of ${maxLength.toLocaleString('en-GB')} characters.`}
    />
  );
}

export function Choice<T extends string>({
  value,
  onChange,
  options,
  placeholder,
  ...base
}: Base & {
  value: T | '';
  onChange: (v: T) => void;
  options: readonly { value: T; label: string }[];
  placeholder?: string;
}) {
  return (
    <FormField {...base}>
      <Select value={value} onChange={(_, d) => onChange(d.value as T)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </FormField>
  );
}

export function Radios<T extends string>({
  value,
  onChange,
  options,
  layout,
  ...base
}: Base & {
  value: T;
  onChange: (v: T) => void;
  options: readonly { value: T; label: string }[];
  layout?: 'horizontal';
}) {
  return (
    <FormField {...base}>
      <RadioGroup value={value} {...(layout ? { layout } : {})} onChange={(_, d) => onChange(d.value as T)}>
        {options.map((o) => (
          <Radio key={o.value} value={o.value} label={o.label} />
        ))}
      </RadioGroup>
    </FormField>
  );
}

export function Tick({
  checked,
  onChange,
  ...base
}: Base & { checked: boolean; onChange: (v: boolean) => void }) {
  const { label, ...rest } = base;
  return (
    <FormField {...rest}>
      <Checkbox checked={checked} label={label} onChange={(_, d) => onChange(d.checked === true)} />
    </FormField>
  );
}

export function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <div>
      <Button appearance="subtle" size="small" onClick={onClick} aria-label={label}>
        Remove
      </Button>
    </div>
  );
}

/** `{ a: 'A' }` as options for Choice and Radios. */
export function optionsOf<T extends string>(labels: Record<T, string>): { value: T; label: string }[] {
  return (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));
}
