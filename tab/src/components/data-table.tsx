import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { KeyboardEvent, ReactNode } from 'react';
import { useCommonStyles } from './styles';

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
  return (
    <div className={common.tableWrap}>
      <Table
        aria-label={label}
        size={size}
        {...(className ? { className } : {})}
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
                <TableCell key={c.id} {...(c.className ? { className: c.className } : {})}>
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
