import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useTranslate, type RaRecord } from 'react-admin';

export interface VersionConflict {
  /** The record as the user loaded it. */
  ours: RaRecord & { version?: number };
  /** The record as it is now on the server. */
  theirs: RaRecord & { version?: number };
  label: string;
}

const HIDDEN = new Set(['version', 'updatedAt', 'createdAt', 'id']);

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
    return String(value);
  }
  return JSON.stringify(value);
}

/** The 412 dialog: what changed since the user loaded the record, and a way to reload it. */
export function VersionConflictDialog({
  conflict,
  resource,
  onReload,
  onClose,
}: {
  conflict: VersionConflict | null;
  resource: string;
  onReload: () => void;
  onClose: () => void;
}) {
  const translate = useTranslate();
  if (!conflict) return null;
  const { ours, theirs } = conflict;
  const changed = Object.keys(theirs).filter(
    (key) =>
      !HIDDEN.has(key) && JSON.stringify(ours[key] ?? null) !== JSON.stringify(theirs[key] ?? null),
  );
  return (
    <Dialog open onClose={onClose} aria-labelledby="version-conflict-title" maxWidth="md">
      <DialogTitle id="version-conflict-title">{translate('crm.conflict.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {translate('crm.conflict.body', {
            name: conflict.label,
            theirs: theirs.version ?? '?',
            ours: ours.version ?? '?',
          })}
        </DialogContentText>
        {changed.length === 0 ? (
          <DialogContentText>{translate('crm.conflict.noDiff')}</DialogContentText>
        ) : (
          <Table size="small" aria-label={translate('crm.conflict.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{translate('crm.conflict.field')}</TableCell>
                <TableCell>{translate('crm.conflict.yours')}</TableCell>
                <TableCell>{translate('crm.conflict.theirs')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {changed.map((key) => (
                <TableRow key={key} data-field={key}>
                  <TableCell>
                    {translate(`resources.${resource}.fields.${key}`, { _: key })}
                  </TableCell>
                  <TableCell>{show(ours[key])}</TableCell>
                  <TableCell>{show(theirs[key])}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{translate('crm.conflict.keepEditing')}</Button>
        <Button onClick={onReload} variant="contained" autoFocus>
          {translate('crm.conflict.reload')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
