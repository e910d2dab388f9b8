import { useState, type FormEvent, type ReactNode } from 'react';
import {
  Alert,
  Button as MuiButton,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  TextField,
} from '@mui/material';
import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import PaymentsIcon from '@mui/icons-material/Payments';
import SendIcon from '@mui/icons-material/Send';
import {
  Button,
  EditButton,
  useCanAccess,
  useDataProvider,
  useGetOne,
  useLocaleState,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import { useRefusalText } from './errors';
import { formatYuan, usePrograms, useRefreshBudgets } from './programs';
import type { Application } from './types';
import { useAllowed } from '../auth/useAllowed';

const YUAN = /^\d{1,16}(\.\d{1,2})?$/;

/** Posts an action of the application with its version (If-Match), then refreshes the budgets. */
function useApplicationAction(application: Application | undefined) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const refresh = useRefresh();
  const refreshBudgets = useRefreshBudgets();
  const notify = useNotify();
  return async (action: string, body: Record<string, unknown> | undefined, done: string) => {
    if (!application) return;
    await dataProvider.call('POST', `/applications/${application.id}/${action}`, {
      version: application.version,
      body,
    });
    notify(done, { type: 'success' });
    refresh();
    await refreshBudgets();
  };
}

/** A dialog form whose errors (the API's refusals included) show inside it. */
function ActionDialog({
  id,
  title,
  text,
  confirm,
  busy,
  error,
  onSubmit,
  onClose,
  children,
}: {
  id: string;
  title: string;
  text?: string;
  confirm: string;
  busy: boolean;
  error: string | null;
  onSubmit: () => void;
  onClose: () => void;
  children?: ReactNode;
}) {
  const translate = useTranslate();
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth="sm">
      <form
        noValidate
        onSubmit={(event: FormEvent) => {
          event.preventDefault();
          onSubmit();
        }}
      >
        <DialogTitle id={id}>{title}</DialogTitle>
        <DialogContent>
          {text ? <DialogContentText>{text}</DialogContentText> : null}
          {children}
          {error ? (
            <Alert severity="error" sx={{ mt: 2 }} role="alert">
              {error}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate('crm.common.cancel')}</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={busy}>
            {confirm}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
}

type Open = null | 'submit' | 'approve' | 'reject' | 'disburse';

/**
 * What the user may do with the application now: edit and submit a draft (the promoter who owns
 * the firm), approve or reject a submitted one and disburse an approved one (managers). Buttons
 * the API would refuse are not shown.
 */
export function ApplicationActions() {
  const application = useRecordContext<Application>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const refusal = useRefusalText();
  const act = useApplicationAction(application);
  const { data: company } = useGetOne(
    'companies',
    { id: application?.companyId ?? '' },
    { enabled: !!application },
  );
  const owner = { companyOwnerId: (company?.ownerId as string | null | undefined) ?? null };
  const canUpdate = useAllowed('update', 'applications', owner);
  const canSubmit = useAllowed('submit', 'applications', owner);
  const { canAccess: canApprove } = useCanAccess({ action: 'approve', resource: 'applications' });
  const { canAccess: canReject } = useCanAccess({ action: 'reject', resource: 'applications' });
  const { canAccess: canDisburse } = useCanAccess({
    action: 'disburse',
    resource: 'applications',
  });
  const { data: programs = [] } = usePrograms();
  const [open, setOpen] = useState<Open>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  if (!application || !company) return null;
  const program = programs.find((candidate) => candidate.id === application.programId);

  const start = (which: Open, initialAmount = '') => {
    setOpen(which);
    setError(null);
    setFieldError(null);
    setReason('');
    setAmount(initialAmount);
  };
  const close = () => setOpen(null);
  const run = async (action: string, body: Record<string, unknown> | undefined, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await act(action, body, done);
      close();
    } catch (caught) {
      setError(refusal(caught));
    } finally {
      setBusy(false);
    }
  };
  /** An amount in yuan above zero and at most `max`; an error key otherwise. */
  const checkAmount = (max: string | null): string | null => {
    if (!YUAN.test(amount.trim())) return 'crm.incentives.validation.yuan';
    if (!(Number(amount) > 0)) return 'crm.incentives.validation.positive';
    if (max !== null && Number(amount) > Number(max)) return 'crm.incentives.validation.atMost';
    return null;
  };

  const status = application.status;
  return (
    <>
      {status === 'draft' && canUpdate ? <EditButton /> : null}
      {status === 'draft' && canSubmit ? (
        <Button label="crm.incentives.actions.submit" onClick={() => start('submit')}>
          <SendIcon />
        </Button>
      ) : null}
      {status === 'submitted' && canApprove ? (
        <Button
          label="crm.incentives.actions.approve"
          variant="contained"
          onClick={() => start('approve', application.requestedAmount)}
        >
          <CheckIcon />
        </Button>
      ) : null}
      {status === 'submitted' && canReject ? (
        <Button label="crm.incentives.actions.reject" color="error" onClick={() => start('reject')}>
          <CloseIcon />
        </Button>
      ) : null}
      {status === 'approved' && canDisburse ? (
        <Button
          label="crm.incentives.actions.disburse"
          variant="contained"
          onClick={() => start('disburse', application.approvedAmount ?? '')}
        >
          <PaymentsIcon />
        </Button>
      ) : null}

      {open === 'submit' ? (
        <ActionDialog
          id="submit-application-title"
          title={translate('crm.incentives.submit.title')}
          text={translate('crm.incentives.submit.body', {
            amount: formatYuan(application.requestedAmount, locale),
          })}
          confirm={translate('crm.incentives.actions.submit')}
          busy={busy}
          error={error}
          onClose={close}
          onSubmit={() => void run('submit', undefined, 'crm.incentives.submit.done')}
        />
      ) : null}

      {open === 'approve' ? (
        <ActionDialog
          id="approve-application-title"
          title={translate('crm.incentives.approve.title')}
          text={translate('crm.incentives.approve.body', {
            requested: formatYuan(application.requestedAmount, locale),
            remaining: formatYuan(program?.remaining, locale),
          })}
          confirm={translate('crm.incentives.actions.approve')}
          busy={busy}
          error={error}
          onClose={close}
          onSubmit={() => {
            const problem = checkAmount(application.requestedAmount);
            setFieldError(problem);
            if (problem) return;
            void run(
              'approve',
              { approvedAmount: amount.trim(), reason: reason.trim() || undefined },
              'crm.incentives.approve.done',
            );
          }}
        >
          <TextField
            autoFocus
            fullWidth
            required
            margin="normal"
            label={translate('crm.incentives.approve.amount')}
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            error={!!fieldError}
            helperText={
              fieldError
                ? translate(fieldError, { max: formatYuan(application.requestedAmount, locale) })
                : translate('crm.incentives.approve.amountHelp')
            }
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
          <TextField
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            label={translate('crm.incentives.approve.reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
        </ActionDialog>
      ) : null}

      {open === 'reject' ? (
        <ActionDialog
          id="reject-application-title"
          title={translate('crm.incentives.reject.title')}
          text={translate('crm.incentives.reject.body')}
          confirm={translate('crm.incentives.actions.reject')}
          busy={busy}
          error={error}
          onClose={close}
          onSubmit={() => {
            if (!reason.trim()) {
              setFieldError('crm.incentives.reject.required');
              return;
            }
            void run('reject', { reason: reason.trim() }, 'crm.incentives.reject.done');
          }}
        >
          <TextField
            autoFocus
            fullWidth
            required
            multiline
            minRows={2}
            margin="normal"
            label={translate('crm.incentives.reject.reason')}
            value={reason}
            onChange={(event) => {
              setReason(event.target.value);
              setFieldError(null);
            }}
            error={!!fieldError}
            helperText={fieldError ? translate(fieldError) : undefined}
            slotProps={{ htmlInput: { maxLength: 2000 } }}
          />
        </ActionDialog>
      ) : null}

      {open === 'disburse' ? (
        <ActionDialog
          id="disburse-application-title"
          title={translate('crm.incentives.disburse.title')}
          text={translate('crm.incentives.disburse.body', {
            approved: formatYuan(application.approvedAmount, locale),
          })}
          confirm={translate('crm.incentives.actions.disburse')}
          busy={busy}
          error={error}
          onClose={close}
          onSubmit={() => {
            const problem = checkAmount(application.approvedAmount);
            setFieldError(problem);
            if (problem) return;
            void run('disburse', { amount: amount.trim() }, 'crm.incentives.disburse.done');
          }}
        >
          <TextField
            autoFocus
            fullWidth
            required
            margin="normal"
            label={translate('crm.incentives.disburse.amount')}
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            error={!!fieldError}
            helperText={
              fieldError
                ? translate(fieldError, { max: formatYuan(application.approvedAmount, locale) })
                : translate('crm.incentives.disburse.amountHelp')
            }
            slotProps={{ htmlInput: { inputMode: 'decimal' } }}
          />
        </ActionDialog>
      ) : null}
    </>
  );
}
