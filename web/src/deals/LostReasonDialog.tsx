import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import { useTranslate } from 'react-admin';

/** Asks why a deal was lost before it enters a lost stage (the API requires the reason). */
export function LostReasonDialog({
  dealTitle,
  onConfirm,
  onCancel,
}: {
  dealTitle: string;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const translate = useTranslate();
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  return (
    <Dialog open onClose={onCancel} aria-labelledby="lost-reason-title" fullWidth maxWidth="sm">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (trimmed) onConfirm(trimmed);
        }}
      >
        <DialogTitle id="lost-reason-title">{translate('crm.deals.lost.title')}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {translate('crm.deals.lost.body', { title: dealTitle })}
          </DialogContentText>
          <TextField
            autoFocus
            required
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            label={translate('resources.deals.fields.lostReason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>{translate('crm.common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={!trimmed}>
            {translate('crm.deals.lost.confirm')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
