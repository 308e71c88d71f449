import { Button, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { ProblemIndex } from '../lib/problems';
import { Fieldset } from './fieldset';
import { RemoveButton, useFieldStyles, type Bound } from './fields';

const useStyles = makeStyles({
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
});

/**
 * A list of rows the person edits (panel members, recommendations, actions): each row's fields and a
 * "Remove" button named for the row, then "Add". Rows are keyed by `key`, not their place, so removing one
 * keeps the others' focus and typing.
 */
export function RowList<R extends { key: string }>({
  legend,
  path,
  problems,
  rows,
  onChange,
  before,
  addLabel,
  newRow,
  removeLabel,
  extraButtons,
  children,
}: {
  legend: string;
  path: string;
  problems: ProblemIndex;
  rows: R[];
  onChange: (rows: R[]) => void;
  /** Shown above the rows (the quorum they make). */
  before?: ReactNode;
  addLabel: string;
  newRow: () => R;
  removeLabel: (index: number) => string;
  /** More buttons beside "Add" (add someone from a missing body). */
  extraButtons?: ReactNode;
  /** One row's fields: `field(key)` binds one to `path[index].key`. */
  children: (row: R, index: number, field: <K extends keyof R & string>(key: K) => Bound<R[K]>) => ReactNode;
}) {
  const fieldStyles = useFieldStyles();
  const styles = useStyles();
  const field =
    (row: R, i: number) =>
    <K extends keyof R & string>(key: K): Bound<R[K]> => ({
      path: `${path}[${i}].${key}`,
      value: row[key],
      problems,
      onChange: (value) => onChange(rows.map((r, k) => (k === i ? { ...r, [key]: value } : r))),
    });
  return (
    <Fieldset legend={legend} path={path} problems={problems}>
      {before}
      <div className={fieldStyles.rows}>
        {rows.map((row, i) => (
          <div key={row.key} className={fieldStyles.row}>
            {children(row, i, field(row, i))}
            <RemoveButton label={removeLabel(i)} onClick={() => onChange(rows.filter((_, k) => k !== i))} />
          </div>
        ))}
      </div>
      <div className={styles.buttons}>
        <Button size="small" onClick={() => onChange([...rows, newRow()])}>
          {addLabel}
        </Button>
        {extraButtons}
      </div>
    </Fieldset>
  );
}
