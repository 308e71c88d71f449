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
import { FormField } from '../../components/form-field';
import type { ProblemIndex } from '../../lib/problems';

/** Small labelled controls keyed by payload path, for the case's event dialogs. */

export const useFieldStyles = makeStyles({
  two: {
    display: 'grid',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))',
    alignItems: 'start',
    '& > *': { minWidth: 0 },
  },
  rows: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: {
    display: 'grid',
    gap: tokens.spacingHorizontalS,
    gridTemplateColumns: 'repeat(auto-fit, minmax(9rem, 1fr))',
    alignItems: 'start',
    '& > *': { minWidth: 0 },
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
  },
  checks: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(14rem, 1fr))' },
});

interface Base {
  path: string;
  label: string;
  problems: ProblemIndex;
  hint?: string;
  required?: boolean;
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
  ...base
}: Base & {
  value: string;
  onChange: (v: string) => void;
  maxLength?: number;
  type?: 'text' | 'url' | 'email';
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

export function LongText({
  value,
  onChange,
  maxLength,
  rows,
  ...base
}: Base & { value: string; onChange: (v: string) => void; maxLength: number; rows?: number }) {
  return (
    <FormField
      {...base}
      hint={`${base.hint ? `${base.hint} ` : ''}${value.length.toLocaleString('en-GB')} of ${maxLength.toLocaleString('en-GB')} characters.`}
    >
      <Textarea
        value={value}
        maxLength={maxLength}
        rows={rows ?? 3}
        resize="vertical"
        onChange={(_, d) => onChange(d.value)}
      />
    </FormField>
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
  ...base
}: Base & { value: T; onChange: (v: T) => void; options: readonly { value: T; label: string }[] }) {
  return (
    <FormField {...base}>
      <RadioGroup value={value} onChange={(_, d) => onChange(d.value as T)}>
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
