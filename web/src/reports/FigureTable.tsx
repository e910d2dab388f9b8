import {
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { CARD_TABLE_CLASS } from '../layout/PhoneCards';

export interface FigureColumn<T> {
  key: string;
  /** Message key of the header. */
  label: string;
  render: (row: T) => ReactNode;
  numeric?: boolean;
}

/** A report's figures as a table: what the chart shows, to read and to compare. */
export function FigureTable<T>({
  label,
  columns,
  rows,
  rowKey,
}: {
  label: string;
  columns: FigureColumn<NoInfer<T>>[];
  rows: T[];
  rowKey: (row: T, index: number) => string;
}) {
  const translate = useTranslate();
  if (rows.length === 0)
    return (
      <Typography color="text.secondary" sx={{ my: 2 }}>
        {translate('crm.reports.noData')}
      </Typography>
    );
  return (
    <TableContainer>
      <Table size="small" aria-label={label} className={CARD_TABLE_CLASS}>
        <TableHead>
          <TableRow>
            {columns.map((column) => (
              <TableCell key={column.key} align={column.numeric ? 'right' : 'left'}>
                {translate(column.label)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row, index) => (
            <TableRow key={rowKey(row, index)}>
              {columns.map((column) => (
                <TableCell key={column.key} align={column.numeric ? 'right' : 'left'}>
                  {column.render(row)}
                </TableCell>
              ))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
