import { DataTable, List, Show, useRecordContext, useTranslate } from 'react-admin';
import {
  CardContent,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import type { Template } from './types';

function TaskCount() {
  const template = useRecordContext<Template>();
  return <span>{template?.tasks.length ?? 0}</span>;
}
function IsDefault() {
  const template = useRecordContext<Template>();
  const translate = useTranslate();
  return <span>{translate(`crm.onboarding.templates.${template?.isDefault ? 'yes' : 'no'}`)}</span>;
}

/** Onboarding templates: read by staff (admins change them through the API). */
export function TemplateList() {
  return (
    <List exporter={false} sort={{ field: 'name', order: 'ASC' }} actions={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="name" />
        <DataTable.Col source="isDefault">
          <IsDefault />
        </DataTable.Col>
        <DataTable.Col source="tasks" disableSort>
          <TaskCount />
        </DataTable.Col>
      </DataTable>
    </List>
  );
}

function TemplateShowLayout() {
  const template = useRecordContext<Template>();
  const translate = useTranslate();
  if (!template) return null;
  const t = (key: string) => translate(`crm.onboarding.templates.${key}`);
  return (
    <CardContent>
      <Typography variant="h5" component="h1" gutterBottom>
        {template.name}
      </Typography>
      <Typography variant="h6" component="h2">
        {t('tasks')}
      </Typography>
      <Table size="small" aria-label={t('listLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>#</TableCell>
            <TableCell>{t('code')}</TableCell>
            <TableCell>{t('name')}</TableCell>
            <TableCell>{t('nameEn')}</TableCell>
            <TableCell>{t('required')}</TableCell>
            <TableCell>{t('dueDays')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {template.tasks.map((task, i) => (
            <TableRow key={task.code}>
              <TableCell>{i + 1}</TableCell>
              <TableCell>{task.code}</TableCell>
              <TableCell>{task.name}</TableCell>
              <TableCell>{task.nameEn}</TableCell>
              <TableCell>{t(task.required ? 'yes' : 'no')}</TableCell>
              <TableCell>{task.dueDays}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </CardContent>
  );
}

export function TemplateShow() {
  return (
    <Show actions={false}>
      <TemplateShowLayout />
    </Show>
  );
}
