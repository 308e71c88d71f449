import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import type { KeyboardEvent, ReactNode } from 'react';
import { useCommonStyles } from './styles';

/**
 * At 480 px and below (Teams mobile is 320-360 px) each row becomes a stacked card: one line per cell,
 * each named by its column's header (`data-label`), so nothing scrolls sideways or overlaps (issue 15).
 * The table's semantics stay (screen readers still read rows and cells); only the layout changes.
 */
const NARROW = '@media (max-width: 480px)';
const useStackStyles = makeStyles({
  table: {
    [NARROW]: {
      display: 'block',
      '& thead': { display: 'none' },
      '& tbody, & tr, & td': { display: 'block', width: 'auto' },
      '& tr': {
        borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
        padding: `${tokens.spacingVerticalXS} 0`,
      },
      '& td': {
        padding: `${tokens.spacingVerticalXXS} 0`,
        minHeight: 0,
        height: 'auto',
        overflowWrap: 'anywhere',
      },
      '& td[data-label]::before': {
        content: 'attr(data-label) ": "',
        fontWeight: tokens.fontWeightSemibold,
      },
    },
  },
});

/**
 * A column as data, the shape of Fluent UI's DataGrid stories (`createTableColumn`: an id, a header and a
 * cell renderer): a table is its columns and its items, and each view says only what differs.
 */
export interface Column<T> {
  id: string;
  header: ReactNode;
  cell: (item: T) => ReactNode;
  /** A class for the column's cells (`nowrap` for dates). */
  className?: string;
  /** A class for its header cell (`no-print` for a column left out of the printed page). */
  headerClassName?: string;
}

export const column = <T,>(c: Column<T>): Column<T> => c;

/**
 * A small, scrollable Fluent table named for screen readers. A plain Table, not a DataGrid: these tables
 * are read, not navigated cell by cell, and their rows hold links and buttons that keep the normal tab
 * order.
 */
export function DataTable<T>({
  label,
  columns,
  items,
  rowKey,
  size = 'small',
  className,
  onKeyDown,
}: {
  label: string;
  columns: readonly Column<T>[];
  items: readonly T[];
  /** What keeps a row itself as the list changes: a field of the item, or a function of it. */
  rowKey: (keyof T & string) | ((item: T, index: number) => string);
  size?: 'small' | 'medium';
  className?: string;
  /** Keys the table handles itself (the case list moves between rows with the arrow keys). */
  onKeyDown?: (e: KeyboardEvent<HTMLTableElement>) => void;
}) {
  const common = useCommonStyles();
  const stack = useStackStyles();
  return (
    <div className={common.tableWrap}>
      <Table
        aria-label={label}
        size={size}
        className={mergeClasses(stack.table, className)}
        {...(onKeyDown ? { onKeyDown } : {})}
      >
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHeaderCell key={c.id} {...(c.headerClassName ? { className: c.headerClassName } : {})}>
                {c.header}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item, i) => (
            <TableRow key={typeof rowKey === 'function' ? rowKey(item, i) : String(item[rowKey])}>
              {columns.map((c) => (
                <TableCell
                  key={c.id}
                  {...(c.className ? { className: c.className } : {})}
                  {...(typeof c.header === 'string' && c.header ? { 'data-label': c.header } : {})}
                >
                  {c.cell(item)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
