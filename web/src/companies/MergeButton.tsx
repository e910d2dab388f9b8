import { useState, type ComponentProps } from 'react';
import {
  AutocompleteInput,
  Button,
  Confirm,
  Form,
  ReferenceInput,
  useCanAccess,
  useDataProvider,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import MergeIcon from '@mui/icons-material/MergeType';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Company } from '../api/types';

type AutocompleteChange = NonNullable<ComponentProps<typeof AutocompleteInput>['onChange']>;

/** Step one: pick the duplicate among the other companies. */
function PickDuplicateDialog({
  target,
  onPick,
  onClose,
}: {
  target: Company;
  onPick: (source: Company) => void;
  onClose: () => void;
}) {
  const translate = useTranslate();
  const [picked, setPicked] = useState<Company | null>(null);
  const onChange: AutocompleteChange = (_value, record) =>
    setPicked((record as Company | undefined) ?? null);
  return (
    <Dialog open onClose={onClose} aria-labelledby="merge-title" fullWidth maxWidth="sm">
      <Form>
        <DialogTitle id="merge-title">
          {translate('crm.companies.merge.title', { name: target.name })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>
            {translate('crm.companies.merge.intro')}
          </DialogContentText>
          <ReferenceInput source="sourceId" reference="companies">
            <AutocompleteInput
              label="crm.companies.merge.source"
              optionText={(company: Company) =>
                company.creditCode ? `${company.name}（${company.creditCode}）` : company.name
              }
              filterToQuery={(q: string) => ({ q })}
              onChange={onChange}
              fullWidth
            />
          </ReferenceInput>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={onClose} />
          <Button
            label="crm.companies.merge.submit"
            variant="contained"
            disabled={!picked || picked.id === target.id}
            onClick={() => picked && onPick(picked)}
          />
        </DialogActions>
      </Form>
    </Dialog>
  );
}

/**
 * For managers: folds a duplicate into the company shown (`POST companies/:id/merge` with the
 * duplicate as `sourceId`); the duplicate's children move here and it is deleted.
 */
export function MergeButton() {
  const company = useRecordContext<Company>();
  const { canAccess } = useCanAccess({ action: 'merge', resource: 'companies' });
  const translate = useTranslate();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [step, setStep] = useState<'closed' | 'pick' | 'confirm'>('closed');
  const [source, setSource] = useState<Company | null>(null);
  const [busy, setBusy] = useState(false);
  if (!canAccess || !company) return null;

  const close = () => {
    setStep('closed');
    setSource(null);
  };
  const merge = async () => {
    if (!source) return;
    setBusy(true);
    try {
      await dataProvider.call('POST', `/companies/${company.id}/merge`, {
        body: { sourceId: source.id },
      });
      notify(translate('crm.companies.merge.done', { source: source.name }), { type: 'success' });
      close();
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
        type: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button label="crm.companies.merge.button" onClick={() => setStep('pick')}>
        <MergeIcon />
      </Button>
      {step === 'pick' ? (
        <PickDuplicateDialog
          target={company}
          onClose={close}
          onPick={(picked) => {
            setSource(picked);
            setStep('confirm');
          }}
        />
      ) : null}
      <Confirm
        isOpen={step === 'confirm'}
        loading={busy}
        title="crm.companies.merge.confirmTitle"
        content={translate('crm.companies.merge.confirm', {
          source: source?.name ?? '',
          target: company.name,
        })}
        confirm="crm.companies.merge.submit"
        confirmColor="warning"
        onConfirm={() => void merge()}
        onClose={close}
      />
    </>
  );
}
