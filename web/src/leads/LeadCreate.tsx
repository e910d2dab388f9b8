import { useState, type ReactNode } from 'react';
import { Alert, Stack, Typography } from '@mui/material';
import { useWatch } from 'react-hook-form';
import {
  AutocompleteInput,
  Create,
  RadioButtonGroupInput,
  ReferenceInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useNotify,
  useRedirect,
  useTranslate,
} from 'react-admin';
import { ApiError, type Problem } from '../api/http';
import type { Schemas } from '../api/types';
import { AI_SEGMENTS, enumChoices, LEAD_SOURCES } from '../common/enums';
import { DuplicateWarning } from './DuplicateWarning';
import type { CreatedLead } from './types';
import { useProblemText } from '../common/useProblemText';
import { validateCompany, validateContact } from '../companies/validation';

type CreateLeadBody = Schemas['CreateLeadDto'];
type CreateCompany = Schemas['CreateCompanyDto'];
type CreateContact = Schemas['CreateContactDto'];
/** Form values: inputs left empty hold null or ''. */
type Blankable<T> = { [K in keyof T]?: T[K] | null | '' };

interface LeadFormValues {
  firm: 'new' | 'existing';
  companyId?: string | null;
  company?: Blankable<CreateCompany>;
  contact?: Blankable<CreateContact>;
  source: CreateLeadBody['source'];
  sourceDetail?: string | null;
  notes?: string | null;
}

/** The filled-in values only: the API rejects empty strings where it expects a value. */
function filled<T extends object>(values: Blankable<T> | undefined): Partial<T> {
  return Object.fromEntries(
    Object.entries(values ?? {}).filter(([, value]) => value !== null && value !== ''),
  ) as Partial<T>;
}

function toCreateLead(values: LeadFormValues): CreateLeadBody {
  const contact = filled(values.contact);
  return {
    ...(values.firm === 'existing'
      ? { companyId: values.companyId ?? undefined }
      : { company: filled(values.company) as CreateCompany }),
    ...(contact.name ? { contact: contact as CreateContact } : {}),
    source: values.source,
    sourceDetail: values.sourceDetail || undefined,
    notes: values.notes || undefined,
  };
}

const FIRM_CHOICES = [
  { id: 'new', name: 'crm.leads.create.newFirm' },
  { id: 'existing', name: 'crm.leads.create.existingFirm' },
];

/** Two inputs side by side on wide screens. */
function InputRow({ children }: { children: ReactNode }) {
  return (
    <Stack direction={{ xs: 'column', md: 'row' }} sx={{ gap: { md: 2 }, width: '100%' }}>
      {children}
    </Stack>
  );
}

function NewFirmInputs() {
  return (
    <>
      <TextInput source="company.name" validate={required()} />
      <InputRow>
        <TextInput source="company.creditCode" validate={validateCompany.creditCode} />
        <TextInput source="company.nameEn" />
      </InputRow>
      <InputRow>
        <SelectInput source="company.aiSegment" choices={enumChoices('aiSegment', AI_SEGMENTS)} />
        <TextInput source="company.hqCity" />
      </InputRow>
    </>
  );
}

function ExistingFirmInput() {
  return (
    <ReferenceInput source="companyId" reference="companies">
      <AutocompleteInput
        optionText="name"
        filterToQuery={(q: string) => ({ q })}
        validate={required()}
        sx={{ minWidth: 360 }}
      />
    </ReferenceInput>
  );
}

function FirmInputs() {
  const firm = useWatch({ name: 'firm' }) as LeadFormValues['firm'];
  return firm === 'existing' ? <ExistingFirmInput /> : <NewFirmInputs />;
}

function SectionTitle({ label }: { label: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
      {translate(label)}
    </Typography>
  );
}

/** The API refused the lead because another promoter works the firm (409 LEAD_CONFLICT). */
function RefusedAlert({ problem }: { problem: Problem }) {
  const problemText = useProblemText();
  return (
    <Alert severity="error" sx={{ width: '100%', mb: 2 }}>
      {problemText(problem, 'leads')}
    </Alert>
  );
}

/** The form's last block, above the save button: live duplicates, or why the API refused. */
function BeforeSave({ refused }: { refused: Problem | null }) {
  const firm = useWatch({ name: 'firm' }) as LeadFormValues['firm'];
  return (
    <>
      {firm === 'new' ? <DuplicateWarning /> : null}
      {refused ? <RefusedAlert problem={refused} /> : null}
    </>
  );
}

export function LeadCreate() {
  const notify = useNotify();
  const redirect = useRedirect();
  const [refused, setRefused] = useState<Problem | null>(null);

  const onSuccess = (lead: CreatedLead) => {
    setRefused(null);
    if (lead.onHold) notify('crm.leads.create.held', { type: 'warning', autoHideDuration: 10_000 });
    else notify('crm.leads.create.created', { type: 'success' });
    redirect('show', 'leads', lead.id);
  };
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'LEAD_CONFLICT') setRefused(error.problem);
    if (error instanceof ApiError && error.problem.errors?.length) return;
    notify(error instanceof Error ? error.message : 'crm.errors.INTERNAL_ERROR', {
      type: 'error',
    });
  };

  return (
    <Create<CreatedLead>
      transform={(values: LeadFormValues) => toCreateLead(values)}
      mutationOptions={{ onSuccess, onError }}
    >
      <SimpleForm defaultValues={{ firm: 'new', source: 'other' }} sx={{ maxWidth: 880 }}>
        <SectionTitle label="crm.leads.create.firm" />
        <RadioButtonGroupInput
          source="firm"
          choices={FIRM_CHOICES}
          label="crm.leads.create.firmKind"
        />
        <FirmInputs />
        <SectionTitle label="crm.leads.create.lead" />
        <InputRow>
          <SelectInput
            source="source"
            choices={enumChoices('leadSource', LEAD_SOURCES)}
            validate={required()}
          />
          <TextInput source="sourceDetail" />
        </InputRow>
        <TextInput source="notes" multiline minRows={3} />
        <SectionTitle label="crm.leads.create.contact" />
        <InputRow>
          <TextInput source="contact.name" />
          <TextInput source="contact.title" />
        </InputRow>
        <InputRow>
          <TextInput source="contact.phone" validate={validateContact.phone} />
          <TextInput source="contact.email" type="email" />
        </InputRow>
        <BeforeSave refused={refused} />
      </SimpleForm>
    </Create>
  );
}
