import {
  Labeled,
  NumberField,
  ReferenceField,
  SelectField,
  TextArrayField,
  TextField,
  UrlField,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Box, Chip, Divider, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { Company } from '../api/types';
import {
  AI_SEGMENTS,
  COMPANY_STATUSES,
  enumChoices,
  FUNDING_STAGES,
  LISTING_STATUSES,
} from '../common/enums';
import { BeijingDateTimeField, MoneyField } from '../common/fields';

const SAFETY_COLOURS: Record<
  Company['aiSafetyStatus'],
  'default' | 'info' | 'success' | 'error' | 'warning'
> = {
  not_assessed: 'warning',
  in_progress: 'info',
  passed: 'success',
  failed: 'error',
  exempt: 'default',
};

/** The AI-safety assessment as a chip coloured by how far it got. */
export function AiSafetyChip() {
  const record = useRecordContext<Company>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      sx={{ alignSelf: 'flex-start' }}
      color={SAFETY_COLOURS[record.aiSafetyStatus]}
      label={translate(`crm.enums.aiSafetyStatus.${record.aiSafetyStatus}`)}
    />
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box component="section" sx={{ mb: 3 }}>
      <Typography variant="h6" component="h2" gutterBottom>
        {translate(title)}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, 1fr)', lg: 'repeat(4, 1fr)' },
          gap: 2,
        }}
      >
        {children}
      </Box>
    </Box>
  );
}

/** Everything known about the firm, in three groups. */
export function CompanySummary() {
  const translate = useTranslate();
  return (
    <Box sx={{ width: '100%' }}>
      <Section title="crm.companies.sections.basics">
        <Labeled>
          <TextField source="name" />
        </Labeled>
        <Labeled>
          <TextField source="nameEn" emptyText="—" />
        </Labeled>
        <Labeled>
          <TextField source="creditCode" emptyText="—" />
        </Labeled>
        <Labeled>
          <SelectField source="aiSegment" choices={enumChoices('aiSegment', AI_SEGMENTS)} />
        </Labeled>
        <Labeled>
          <SelectField source="status" choices={enumChoices('companyStatus', COMPANY_STATUSES)} />
        </Labeled>
        <Labeled source="ownerId">
          <ReferenceField source="ownerId" reference="users" link={false} emptyText="—">
            <TextField source="displayName" />
          </ReferenceField>
        </Labeled>
        <Labeled>
          <TextField source="hqCity" emptyText="—" />
        </Labeled>
        <Labeled>
          <UrlField source="website" target="_blank" rel="noopener" emptyText="—" />
        </Labeled>
        <Labeled source="tags">
          <TextArrayField source="tags" emptyText={translate('crm.companies.noTags')} />
        </Labeled>
      </Section>
      <Divider sx={{ mb: 2 }} />
      <Section title="crm.companies.sections.business">
        <Labeled>
          <SelectField
            source="fundingStage"
            choices={enumChoices('fundingStage', FUNDING_STAGES)}
            emptyText="—"
          />
        </Labeled>
        <Labeled>
          <NumberField source="headcount" locales="zh-CN" emptyText="—" />
        </Labeled>
        <Labeled source="registeredCapital">
          <MoneyField source="registeredCapital" />
        </Labeled>
      </Section>
      <Divider sx={{ mb: 2 }} />
      <Section title="crm.companies.sections.listing">
        <Labeled>
          <SelectField
            source="listingStatus"
            choices={enumChoices('listingStatus', LISTING_STATUSES)}
          />
        </Labeled>
        <Labeled>
          <TextField source="listingExchange" emptyText="—" />
        </Labeled>
        <Labeled>
          <TextField source="ticker" emptyText="—" />
        </Labeled>
        <Labeled source="aiSafetyStatus">
          <AiSafetyChip />
        </Labeled>
        <Labeled source="createdAt">
          <BeijingDateTimeField source="createdAt" />
        </Labeled>
        <Labeled source="updatedAt">
          <BeijingDateTimeField source="updatedAt" />
        </Labeled>
      </Section>
    </Box>
  );
}
