import { Alert } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useParams } from 'react-router-dom';
import { isReportKey } from './definitions';
import { ReportsIndex } from './ReportsIndex';
import { ReportView } from './ReportView';

/** `/reports`: the index; `/reports/:report`: one report. */
export function ReportsPage() {
  const translate = useTranslate();
  const { report } = useParams();
  if (!report) return <ReportsIndex />;
  if (!isReportKey(report))
    return <Alert severity="warning">{translate('crm.reports.unknown', { report })}</Alert>;
  return <ReportView key={report} report={report} />;
}
