/**
 * The one data table of the renderer, on React Aria's Table: a grid that is a single Tab stop.
 * Tab enters it (on the row or the control last used) and Tab again leaves it for the page's next
 * control; inside it the arrow keys move between rows (Up/Down) and into a row's cells and the
 * links and buttons in them (Right/Left); Enter or Space presses the focused button. React Aria
 * names the cells by their column and row headers for screen readers.
 *
 * The table sits in TableScroll: wider than the page, it scrolls sideways in its own box. Header
 * and cell text wraps at spaces, never inside a word (the layout e2e test checks it).
 */
import { useMemo, useState, type ReactNode } from 'react';
import { Cell, Column, Row, Table, TableBody, TableHeader, type SortDescriptor } from 'react-aria-components';
import { TableScroll } from './TableScroll';

export interface DataColumn<R> {
  /** Unique among the columns. */
  id: string;
  /** The header's text; for an actions column, still say what it holds (it is read out). */
  header: string;
  /** The header is read by screen readers but not shown (an actions column). */
  hideHeader?: boolean;
  /** Shown in the header instead of the text (an `<abbr>` for a narrow column); `header` stays its text value. */
  headerContent?: ReactNode;
  /** The column names each row (a screen reader says it with every cell of the row). */
  isRowHeader?: boolean;
  cell(row: R): ReactNode;
  /** Classes on every cell of the column: `mono`, `data-table__actions` … */
  className?: string;
  /** More classes on one row's cell of the column, after `className` (a matrix cell's state). */
  cellClassName?(row: R): string | undefined;
  /** Makes the column sortable by pressing its header: how two rows compare, ascending. */
  compare?(a: R, b: R): number;
}

interface DataTableProps<R> {
  /** The table's accessible name: give this or labelledBy. */
  label?: string;
  /** The id of a visible heading that names the table. */
  labelledBy?: string;
  columns: readonly DataColumn<R>[];
  rows: readonly R[];
  rowKey(row: R): string;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  /** Extra classes on the table (`data-table--compact`, a page's own). */
  className?: string;
  rowClassName?(row: R): string | undefined;
  /** The column a sortable table is first sorted by. */
  initialSort?: SortDescriptor;
  'data-testid'?: string;
}

export function DataTable<R>(props: DataTableProps<R>) {
  const { columns, rows, rowKey } = props;
  const [sort, setSort] = useState<SortDescriptor | undefined>(props.initialSort);
  const sorted = useMemo(() => {
    const compare = sort && columns.find((column) => column.id === sort.column)?.compare;
    if (!compare) return rows;
    const direction = sort.direction === 'descending' ? -1 : 1;
    return [...rows].sort((a, b) => direction * compare(a, b));
  }, [rows, columns, sort]);

  if (rows.length === 0 && props.empty !== undefined) return <>{props.empty}</>;
  const sortable = columns.some((column) => column.compare);
  return (
    <TableScroll>
      <Table
        className={props.className ? `data-table ${props.className}` : 'data-table'}
        {...(props.label !== undefined ? { 'aria-label': props.label } : {})}
        {...(props.labelledBy !== undefined ? { 'aria-labelledby': props.labelledBy } : {})}
        {...(props['data-testid'] !== undefined ? { 'data-testid': props['data-testid'] } : {})}
        {...(sortable && sort ? { sortDescriptor: sort } : {})}
        {...(sortable ? { onSortChange: setSort } : {})}
      >
        <TableHeader>
          {columns.map((column) => (
            <Column
              key={column.id}
              id={column.id}
              isRowHeader={column.isRowHeader === true}
              allowsSorting={column.compare !== undefined}
              textValue={column.header}
            >
              {({ sortDirection }) =>
                column.hideHeader ? (
                  <span className="visually-hidden">{column.header}</span>
                ) : (
                  <>
                    {column.headerContent ?? column.header}
                    {sortDirection && (
                      <span aria-hidden="true" className="data-table__sort">
                        {sortDirection === 'ascending' ? ' ▲' : ' ▼'}
                      </span>
                    )}
                  </>
                )
              }
            </Column>
          ))}
        </TableHeader>
        <TableBody>
          {sorted.map((row) => {
            const key = rowKey(row);
            const rowClass = props.rowClassName?.(row);
            return (
              <Row key={key} id={key} {...(rowClass ? { className: rowClass } : {})}>
                {columns.map((column) => {
                  const cellClass = [column.className, column.cellClassName?.(row)].filter(Boolean).join(' ');
                  return (
                    <Cell key={column.id} {...(cellClass ? { className: cellClass } : {})}>
                      {column.cell(row)}
                    </Cell>
                  );
                })}
              </Row>
            );
          })}
        </TableBody>
      </Table>
    </TableScroll>
  );
}
