import { Box, Chip, LinearProgress, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatRate, formatTargetFigure } from './format';
import type { TargetProgress } from './types';

export const targetName = (target: { name: string; nameEn: string | null }, locale: string) =>
  locale === 'en' && target.nameEn ? target.nameEn : target.name;

/** On track or behind, in words and a colour (outlined: dark enough text on white). */
export function OnTrackChip({ target }: { target: TargetProgress }) {
  const translate = useTranslate();
  const key = target.met ? 'met' : target.onTrack ? 'onTrack' : 'behind';
  return (
    <Chip
      size="small"
      variant="outlined"
      color={target.met || target.onTrack ? 'success' : 'error'}
      label={translate(`crm.reports.targets.${key}`)}
    />
  );
}

/** One target: actual against the goal, a progress bar, the share of time gone, the pace needed. */
export function TargetProgressItem({ target }: { target: TargetProgress }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const name = targetName(target, locale);
  const figure = (value: string | null) => formatTargetFigure(target.metric, value, locale);
  const progress = target.progress ?? 0;
  return (
    <Box role="group" aria-label={name} sx={{ py: 1 }}>
      <Stack
        direction="row"
        spacing={1}
        sx={{ alignItems: 'center', justifyContent: 'space-between' }}
      >
        <Typography variant="subtitle2" component="p">
          {name}
        </Typography>
        <OnTrackChip target={target} />
      </Stack>
      <Typography variant="body2" data-figure="actual">
        {translate('crm.reports.targets.actualOfTarget', {
          actual: figure(target.actual),
          target: figure(target.value),
        })}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={Math.min(progress * 100, 100)}
        aria-label={translate('crm.reports.targets.progressOf', {
          name,
          progress: formatRate(progress, locale),
        })}
        sx={{ height: 8, borderRadius: 1, my: 0.5 }}
      />
      <Typography variant="caption" color="text.secondary" component="p">
        {translate('crm.reports.targets.pace', {
          progress: formatRate(progress, locale),
          elapsed: formatRate(target.elapsed, locale),
        })}
        {' · '}
        {target.neededPerMonth === null
          ? translate(target.met ? 'crm.reports.targets.done' : 'crm.reports.targets.ended')
          : translate('crm.reports.targets.needed', { amount: figure(target.neededPerMonth) })}
      </Typography>
    </Box>
  );
}

export function TargetProgressList({ targets }: { targets: TargetProgress[] }) {
  const translate = useTranslate();
  if (targets.length === 0)
    return <Typography color="text.secondary">{translate('crm.reports.noData')}</Typography>;
  return (
    <Stack divider={<Box sx={{ borderTop: 1, borderColor: 'divider' }} />}>
      {targets.map((target) => (
        <TargetProgressItem key={target.id} target={target} />
      ))}
    </Stack>
  );
}
