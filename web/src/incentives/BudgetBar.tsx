import { Box, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatYuan, minusYuan, useProgramName } from './programs';
import type { Fund, Program } from './types';

/**
 * Segment colours dark enough on white for graphics (WCAG 1.4.11 asks 3:1); every amount is also
 * written as text in the legend, so colour is never the only carrier.
 */
const DISBURSED = '#0d47a1';
const PENDING = '#1e88e5';
const ALLOCATED = '#7e57c2';

interface Figure {
  /** `data-figure` of the legend entry: budget, approved, disbursed, pending, remaining, … */
  key: string;
  label: string;
  value: string;
  /** Drawn as a segment of the bar in this colour; none: a figure only. */
  colour?: string;
  /** The bar's empty track (what is left). */
  track?: boolean;
}

function share(part: string, whole: string): number {
  const total = Number(whole);
  if (!(total > 0)) return 0;
  return Math.max(0, Math.min(100, (Number(part) / total) * 100));
}

function Swatch({ colour }: { colour?: string }) {
  return (
    <Box
      aria-hidden
      sx={{
        width: 12,
        height: 12,
        flexShrink: 0,
        borderRadius: 0.5,
        bgcolor: colour ?? 'action.hover',
        border: colour ? 0 : 1,
        borderColor: 'text.secondary',
      }}
    />
  );
}

/**
 * A budget as one stacked horizontal bar with a legend that gives every amount as text, exact to
 * the fen. The bar is an image whose accessible name states the figures.
 */
export function BudgetBar({
  name,
  whole,
  figures,
}: {
  name: string;
  /** The amount the full bar stands for. */
  whole: string;
  figures: Figure[];
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const label = translate('crm.incentives.bar.label', {
    name,
    figures: figures
      .map((figure) => `${figure.label} ${formatYuan(figure.value, locale)}`)
      .join(translate('crm.incentives.bar.separator')),
  });
  const segments = figures.filter((figure) => figure.colour);
  return (
    <Stack spacing={1} data-budget-bar={name}>
      <Box
        role="img"
        aria-label={label}
        sx={{
          display: 'flex',
          height: 18,
          borderRadius: 1,
          overflow: 'hidden',
          border: 1,
          borderColor: 'text.secondary',
          bgcolor: 'action.hover',
        }}
      >
        {segments.map((segment, i) => (
          <Box
            key={segment.key}
            sx={{
              width: `${share(segment.value, whole)}%`,
              // A small amount of a large budget still shows as a sliver.
              minWidth: Number(segment.value) > 0 ? 3 : 0,
              bgcolor: segment.colour,
              // A thin white gap tells neighbouring segments apart.
              borderLeft: i > 0 && Number(segment.value) > 0 ? '2px solid #fff' : 0,
            }}
          />
        ))}
      </Box>
      <Stack
        component="ul"
        direction="row"
        aria-label={translate('crm.incentives.bar.legend', { name })}
        sx={{ flexWrap: 'wrap', columnGap: 3, rowGap: 0.5, listStyle: 'none', m: 0, p: 0 }}
      >
        {figures.map((figure) => (
          <Stack
            key={figure.key}
            component="li"
            direction="row"
            spacing={0.75}
            sx={{ alignItems: 'center' }}
            data-figure={figure.key}
          >
            {figure.colour || figure.track ? <Swatch colour={figure.colour} /> : null}
            <Typography variant="body2" component="span" color="text.secondary">
              {figure.label}
            </Typography>
            <Typography variant="body2" component="span" data-amount sx={{ fontWeight: 500 }}>
              {formatYuan(figure.value, locale)}
            </Typography>
          </Stack>
        ))}
      </Stack>
    </Stack>
  );
}

/** A program's budget: disbursed, approved and not yet disbursed, and what is left to approve. */
export function ProgramBudgetBar({ program }: { program: Program }) {
  const translate = useTranslate();
  const name = useProgramName()(program);
  return (
    <BudgetBar
      name={name}
      whole={program.budget}
      figures={[
        { key: 'budget', label: translate('crm.incentives.bar.budget'), value: program.budget },
        {
          key: 'approved',
          label: translate('crm.incentives.bar.approved'),
          value: program.approvedTotal,
        },
        {
          key: 'disbursed',
          label: translate('crm.incentives.bar.disbursed'),
          value: program.disbursedTotal,
          colour: DISBURSED,
        },
        {
          key: 'pending',
          label: translate('crm.incentives.bar.pending'),
          value: minusYuan(program.approvedTotal, program.disbursedTotal),
          colour: PENDING,
        },
        {
          key: 'remaining',
          label: translate('crm.incentives.bar.remaining'),
          value: program.remaining,
          track: true,
        },
      ]}
    />
  );
}

/** The park fund: disbursed, approved, allocated to programs but not approved, unallocated. */
export function FundBar({ fund }: { fund: Fund }) {
  const translate = useTranslate();
  return (
    <BudgetBar
      name={fund.name}
      whole={fund.total}
      figures={[
        { key: 'total', label: translate('crm.incentives.fund.total'), value: fund.total },
        {
          key: 'allocated',
          label: translate('crm.incentives.fund.allocated'),
          value: fund.allocated,
        },
        { key: 'approved', label: translate('crm.incentives.bar.approved'), value: fund.approved },
        {
          key: 'disbursed',
          label: translate('crm.incentives.bar.disbursed'),
          value: fund.disbursed,
          colour: DISBURSED,
        },
        {
          key: 'pending',
          label: translate('crm.incentives.bar.pending'),
          value: minusYuan(fund.approved, fund.disbursed),
          colour: PENDING,
        },
        {
          key: 'unapproved',
          label: translate('crm.incentives.fund.unapproved'),
          value: minusYuan(fund.allocated, fund.approved),
          colour: ALLOCATED,
        },
        {
          key: 'unallocated',
          label: translate('crm.incentives.fund.unallocated'),
          value: fund.unallocated,
          track: true,
        },
      ]}
    />
  );
}
