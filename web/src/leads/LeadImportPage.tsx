import { useState } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  Step,
  StepLabel,
  Stepper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import DownloadIcon from '@mui/icons-material/Download';
import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Link } from 'react-router-dom';
import { Title, useDataProvider, useTranslate } from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import { ApiError, type Problem } from '../api/http';
import { downloadTemplate, IMPORT_COLUMNS } from './importColumns';
import { ImportReportView } from './ImportReportView';
import type { ImportReport } from './types';
import { useProblemText } from '../common/useProblemText';

const STEPS = ['choose', 'preview', 'done'] as const;
type WizardStep = (typeof STEPS)[number];

function ExpectedColumns() {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={translate('crm.leads.import.columnsTitle')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('crm.leads.import.header')}</TableCell>
          <TableCell>{translate('crm.leads.import.englishHeader')}</TableCell>
          <TableCell>{translate('crm.leads.import.meaning')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {IMPORT_COLUMNS.map((column) => (
          <TableRow key={column.field}>
            <TableCell>
              {column.header}
              {column.required ? ` (${translate('crm.leads.import.required')})` : ''}
            </TableCell>
            <TableCell>{column.english}</TableCell>
            <TableCell>{translate(`crm.leads.import.columns.${column.field}.hint`)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function ChooseFile({
  file,
  onChoose,
  onCheck,
  busy,
}: {
  file: File | null;
  onChoose: (file: File | null) => void;
  onCheck: () => void;
  busy: boolean;
}) {
  const translate = useTranslate();
  return (
    <>
      <Typography variant="body1" sx={{ mb: 2 }}>
        {translate('crm.leads.import.intro')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mb: 3 }}>
        <Button variant="outlined" component="label" startIcon={<UploadFileIcon />}>
          {translate('crm.leads.import.chooseFile')}
          <input
            type="file"
            accept=".csv,text/csv"
            hidden
            aria-label={translate('crm.leads.import.chooseFile')}
            onChange={(event) => onChoose(event.target.files?.[0] ?? null)}
          />
        </Button>
        <Typography variant="body2" aria-live="polite">
          {file
            ? translate('crm.leads.import.chosen', { name: file.name })
            : translate('crm.leads.import.noFile')}
        </Typography>
        <Button variant="contained" disabled={!file || busy} onClick={onCheck} sx={{ ml: 'auto' }}>
          {translate('crm.leads.import.check')}
        </Button>
      </Box>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('crm.leads.import.columnsTitle')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('crm.leads.import.encoding')}
      </Typography>
      <Button
        startIcon={<DownloadIcon />}
        onClick={() => downloadTemplate(translate('crm.leads.import.templateFile'))}
        sx={{ mb: 1 }}
      >
        {translate('crm.leads.import.template')}
      </Button>
      <ExpectedColumns />
    </>
  );
}

function Preview({
  report,
  onBack,
  onImport,
  busy,
}: {
  report: ImportReport;
  onBack: () => void;
  onImport: () => void;
  busy: boolean;
}) {
  const translate = useTranslate();
  const toWrite = report.created.count + report.conflicts.count;
  return (
    <>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate('crm.leads.import.previewTitle')}
      </Typography>
      <ImportReportView report={report} />
      <Box sx={{ display: 'flex', gap: 2, mt: 3 }}>
        <Button onClick={onBack}>{translate('crm.leads.import.back')}</Button>
        <Button variant="contained" disabled={toWrite === 0 || busy} onClick={onImport}>
          {translate('crm.leads.import.run', { smart_count: toWrite })}
        </Button>
      </Box>
    </>
  );
}

function Done({ report, onAgain }: { report: ImportReport; onAgain: () => void }) {
  const translate = useTranslate();
  return (
    <>
      <Alert severity="success" sx={{ mb: 2 }}>
        <AlertTitle>{translate('crm.leads.import.doneTitle')}</AlertTitle>
        {translate('crm.leads.import.doneBody', {
          created: report.created.count,
          conflicts: report.conflicts.count,
          skipped: report.duplicates.count + report.rejected.count,
        })}
      </Alert>
      <ImportReportView report={report} />
      <Box sx={{ display: 'flex', gap: 2, mt: 3 }}>
        <Button variant="contained" component={Link} to="/leads">
          {translate('crm.leads.import.toList')}
        </Button>
        <Button onClick={onAgain}>{translate('crm.leads.import.again')}</Button>
      </Box>
    </>
  );
}

/** CSV import in three steps: choose a file, check it with a dry run, then import it. */
export function LeadImportPage() {
  const translate = useTranslate();
  const problemText = useProblemText();
  const dataProvider = useDataProvider<CrmDataProvider>();
  const [step, setStep] = useState<WizardStep>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (dryRun: boolean, next: WizardStep) => {
    if (!file) return;
    setBusy(true);
    setProblem(null);
    try {
      const answer = await dataProvider.call<ImportReport>('POST', '/leads/import', {
        query: { dryRun },
        raw: { body: file, contentType: 'text/csv' },
      });
      setReport(answer);
      setStep(next);
    } catch (error) {
      setProblem(
        error instanceof ApiError
          ? error.problem
          : { code: 'INTERNAL_ERROR', title: String(error), status: 0 },
      );
    } finally {
      setBusy(false);
    }
  };
  const restart = () => {
    setStep('choose');
    setFile(null);
    setReport(null);
    setProblem(null);
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title="crm.leads.import.title" />
      <CardContent>
        <Stepper activeStep={STEPS.indexOf(step)} sx={{ mb: 3 }}>
          {STEPS.map((name) => (
            <Step key={name} completed={STEPS.indexOf(step) > STEPS.indexOf(name)}>
              <StepLabel>{translate(`crm.leads.import.steps.${name}`)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {problem ? (
          <Alert severity="error" sx={{ mb: 2 }}>
            {problemText(problem)}
          </Alert>
        ) : null}
        {step === 'choose' ? (
          <ChooseFile
            file={file}
            onChoose={(chosen) => {
              setFile(chosen);
              setProblem(null);
            }}
            onCheck={() => void send(true, 'preview')}
            busy={busy}
          />
        ) : null}
        {step === 'preview' && report ? (
          <Preview
            report={report}
            onBack={restart}
            onImport={() => void send(false, 'done')}
            busy={busy}
          />
        ) : null}
        {step === 'done' && report ? <Done report={report} onAgain={restart} /> : null}
      </CardContent>
    </Card>
  );
}
