import {
  Create,
  NumberInput,
  SelectInput,
  SimpleForm,
  TextArrayInput,
  TextInput,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { Box, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import type { Company } from '../api/types';
import { CrmEdit } from '../common/CrmEdit';
import {
  AI_SAFETY_STATUSES,
  AI_SEGMENTS,
  enumChoices,
  FUNDING_STAGES,
  LISTING_STATUSES,
} from '../common/enums';
import { normaliseCreditCode, validateCompany } from './validation';

function FormSection({ title, children }: { title: string; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mb: 2, width: '100%' }}>
      <Typography component="legend" variant="subtitle1" sx={{ mb: 1, fontWeight: 500 }}>
        {translate(title)}
      </Typography>
      <Box
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', md: 'repeat(2, 1fr)' },
          columnGap: 2,
        }}
      >
        {children}
      </Box>
    </Box>
  );
}

/** The fields the API lets staff set (status and owner follow from leads and deals). */
function CompanyFields() {
  return (
    <>
      <FormSection title="crm.companies.sections.basics">
        <TextInput source="name" validate={validateCompany.name} />
        <TextInput source="nameEn" validate={validateCompany.nameEn} />
        <TextInput
          source="creditCode"
          validate={validateCompany.creditCode}
          parse={(value: string) => (value ? normaliseCreditCode(value) : value)}
        />
        <SelectInput
          source="aiSegment"
          choices={enumChoices('aiSegment', AI_SEGMENTS)}
          validate={validateCompany.aiSegment}
        />
        <TextInput source="hqCity" validate={validateCompany.hqCity} />
        <TextInput source="website" validate={validateCompany.website} type="url" />
        <TextArrayInput
          source="tags"
          validate={validateCompany.tags}
          helperText="crm.companies.help.tags"
        />
      </FormSection>
      <FormSection title="crm.companies.sections.business">
        <SelectInput source="fundingStage" choices={enumChoices('fundingStage', FUNDING_STAGES)} />
        <NumberInput source="headcount" validate={validateCompany.headcount} min={0} step={1} />
        <TextInput
          source="registeredCapital"
          validate={validateCompany.registeredCapital}
          helperText="crm.companies.help.registeredCapital"
        />
      </FormSection>
      <FormSection title="crm.companies.sections.listing">
        <SelectInput
          source="listingStatus"
          choices={enumChoices('listingStatus', LISTING_STATUSES)}
          defaultValue="unlisted"
        />
        <TextInput source="listingExchange" validate={validateCompany.listingExchange} />
        <TextInput source="ticker" validate={validateCompany.ticker} />
        <SelectInput
          source="aiSafetyStatus"
          choices={enumChoices('aiSafetyStatus', AI_SAFETY_STATUSES)}
          defaultValue="not_assessed"
        />
      </FormSection>
    </>
  );
}

export function CompanyTitle() {
  const record = useRecordContext<Company>();
  const translate = useTranslate();
  return (
    <span>
      {translate('resources.companies.name', { smart_count: 1 })}
      {record ? ` ${record.name}` : ''}
    </span>
  );
}

/** Drops the fields left empty: the API takes absence, not "", for "not known". */
function withoutEmpty(data: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(data).filter(
      ([, value]) => value !== '' && value !== null && !(Array.isArray(value) && !value.length),
    ),
  );
}

export function CompanyCreate() {
  return (
    <Create redirect="show" transform={withoutEmpty}>
      <SimpleForm>
        <CompanyFields />
      </SimpleForm>
    </Create>
  );
}

export function CompanyEdit() {
  return (
    <CrmEdit title={<CompanyTitle />}>
      <SimpleForm>
        <CompanyFields />
      </SimpleForm>
    </CrmEdit>
  );
}
