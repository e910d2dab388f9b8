import { useState, type MouseEvent } from 'react';
import { Box, Chip } from '@mui/material';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import { Link, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDate } from '../common/format';
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

const DAY_MS = 86_400_000;

/**
 * 保护期至: the day the owner's protection ends and the days left (in red within a week, when the
 * lead is about to return to the pool); "—" for a lead in the pool, on hold or closed.
 */
export function ProtectionField(_props: { label?: string }) {
  const lead = useRecordContext<Lead>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [now] = useState(() => Date.now());
  if (!lead?.protectedUntil) return <>—</>;
  const daysLeft = Math.max(0, Math.ceil((Date.parse(lead.protectedUntil) - now) / DAY_MS));
  return (
    <Box
      component="span"
      sx={{ whiteSpace: 'nowrap', color: daysLeft <= 7 ? 'error.main' : undefined }}
    >
      {formatDate(lead.protectedUntil, locale)}
      {' · '}
      {translate('crm.leads.protection.daysLeft', { smart_count: daysLeft })}
    </Box>
  );
}
