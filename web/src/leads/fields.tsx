import type { MouseEvent } from 'react';
import { Chip } from '@mui/material';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import { Link, useRecordContext, useTranslate } from 'react-admin';
import type { Lead } from '../api/types';

/** The lead's company name, linking to the company. */
export function CompanyLinkField(_props: { label?: string }) {
  const lead = useRecordContext<Lead>();
  if (!lead) return null;
  return (
    <Link
      to={`/companies/${lead.companyId}/show`}
      onClick={(event: MouseEvent) => event.stopPropagation()}
    >
      {lead.companyName}
    </Link>
  );
}

const STATUS_COLOURS: Record<Lead['status'], 'default' | 'info' | 'primary' | 'success' | 'error'> =
  {
    new: 'info',
    contacted: 'primary',
    qualified: 'primary',
    converted: 'success',
    disqualified: 'default',
  };

export function LeadStatusField(_props: { label?: string }) {
  const lead = useRecordContext<Lead>();
  const translate = useTranslate();
  if (!lead) return null;
  return (
    <Chip
      size="small"
      variant="outlined"
      color={STATUS_COLOURS[lead.status]}
      label={translate(`crm.enums.leadStatus.${lead.status}`)}
    />
  );
}

/** Marks a lead held by an open ownership conflict (撞单). */
export function OnHoldMarker(_props: { label?: string }) {
  const lead = useRecordContext<Lead>();
  const translate = useTranslate();
  if (!lead?.onHold) return null;
  return (
    <Chip
      size="small"
      color="warning"
      icon={<PauseCircleIcon />}
      label={translate('crm.leads.onHold')}
    />
  );
}

/** An enum value translated through `crm.enums.<group>`. */
export function EnumField({ group, source }: { group: string; source: string; label?: string }) {
  const record = useRecordContext();
  const translate = useTranslate();
  const value = record?.[source] as string | null | undefined;
  if (!value) return <>—</>;
  return <>{translate(`crm.enums.${group}.${value}`, { _: value })}</>;
}
