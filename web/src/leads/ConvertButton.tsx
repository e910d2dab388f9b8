import { useState } from 'react';
import { Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import TransformIcon from '@mui/icons-material/Transform';
import {
  Button,
  DateInput,
  Form,
  NumberInput,
  SaveButton,
  TextInput,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { CrmDataProvider } from '../api/dataProvider';
import { ApiError } from '../api/http';
import type { Deal, Lead } from '../api/types';
import { useVersionConflict } from '../common/CrmEdit';
import { VersionConflictDialog } from '../common/VersionConflictDialog';
import { ACTIVE_STATUSES } from './constants';
import type { ConvertLead } from './types';
import { useNotifyError } from '../common/useNotifyError';
import { useAllowed } from '../auth/useAllowed';

const YUAN = /^\d{1,15}(\.\d{1,2})?$/;
const AREA = /^\d{1,10}(\.\d{1,2})?$/;

const matching = (pattern: RegExp, message: string) => (value: unknown) => {
  if (value === null || value === undefined || value === '') return undefined;
  // Number inputs give numbers, text inputs strings; anything else cannot match.
  const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
  return pattern.test(text) ? undefined : message;
};

function toConvertLead(values: Record<string, unknown>): ConvertLead {
  return Object.fromEntries(
    Object.entries(values).filter(([, value]) => value !== null && value !== ''),
  );
}

function ConvertDialog({
  lead,
  onClose,
  onConverted,
}: {
  lead: Lead;
  onClose: () => void;
  onConverted: (deal: Deal) => void;
}) {
  const translate = useTranslate();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const notifyError = useNotifyError('leads');
  const refresh = useRefresh();
  const versionConflict = useVersionConflict('leads');

  const convert = async (values: Record<string, unknown>) => {
    try {
      const deal = await dataProvider.call<Deal>('POST', `/leads/${lead.id}/convert`, {
        body: toConvertLead(values),
        version: lead.version,
      });
      onConverted(deal);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412)
        await versionConflict.onError(error, lead, lead.companyName);
      else notifyError(error);
      if (error instanceof ApiError && error.problem.errors?.length) return error.body.errors;
    }
  };

  return (
    <>
      <Dialog open onClose={onClose} aria-labelledby="convert-lead-title" fullWidth maxWidth="sm">
        <Form
          onSubmit={convert}
          // The deal's terms, not the lead in context.
          record={{ title: lead.companyName }}
          resource="leads"
          noValidate
        >
          <DialogTitle id="convert-lead-title">
            {translate('crm.leads.convert.title', { name: lead.companyName })}
          </DialogTitle>
          <DialogContent>
            <TextInput source="title" label="crm.leads.convert.fields.title" fullWidth />
            <TextInput
              source="expectedArea"
              label="crm.leads.convert.fields.expectedArea"
              validate={matching(AREA, 'crm.leads.convert.invalidArea')}
            />
            <TextInput
              source="expectedInvestment"
              label="crm.leads.convert.fields.expectedInvestment"
              validate={matching(YUAN, 'crm.leads.convert.invalidYuan')}
            />
            <NumberInput
              source="expectedComputeCardHours"
              label="crm.leads.convert.fields.expectedComputeCardHours"
              min={0}
              step={1}
            />
            <DateInput
              source="targetMoveInDate"
              label="crm.leads.convert.fields.targetMoveInDate"
            />
          </DialogContent>
          <DialogActions>
            <Button label="crm.common.cancel" onClick={onClose} />
            <SaveButton label="crm.leads.convert.submit" icon={<TransformIcon />} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
      <VersionConflictDialog
        conflict={versionConflict.conflict}
        resource="leads"
        onClose={versionConflict.close}
        onReload={() => {
          versionConflict.close();
          onClose();
          refresh();
        }}
      />
    </>
  );
}

/** Converts the lead into a deal (creating or linking its company) and opens the new deal. */
export function ConvertButton() {
  const lead = useRecordContext<Lead>();
  const notify = useNotify();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const canAccess = useAllowed('convert', 'leads', lead, !!lead);
  if (!lead || !canAccess || lead.onHold || !ACTIVE_STATUSES.includes(lead.status)) return null;
  return (
    <>
      <Button label="crm.leads.convert.action" onClick={() => setOpen(true)}>
        <TransformIcon />
      </Button>
      {open ? (
        <ConvertDialog
          lead={lead}
          onClose={() => setOpen(false)}
          onConverted={(deal) => {
            notify('crm.leads.convert.done', {
              type: 'success',
              messageArgs: { title: deal.title },
            });
            void navigate(`/deals/${deal.id}/show`);
          }}
        />
      ) : null}
    </>
  );
}
