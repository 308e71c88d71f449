import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
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
  rowId,
}: {
  label: string;
  columns: readonly Column<T>[];
  items: readonly T[];
  rowId: (item: T, index: number) => string;
}) {
  const common = useCommonStyles();
  return (
    <div className={common.tableWrap}>
      <Table aria-label={label} size="small">
        <TableHeader>
          <TableRow>
            {columns.map((c) => (
              <TableHeaderCell key={c.id}>{c.header}</TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item, i) => (
            <TableRow key={rowId(item, i)}>
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
