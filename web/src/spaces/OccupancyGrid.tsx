import { useId, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import {
  Box,
  ButtonBase,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Button as MuiButton,
  Skeleton,
  Typography,
} from '@mui/material';
import { formatArea } from '../common/format';
import {
  currentHold,
  currentLease,
  useBuildingUnits,
  useHolds,
  useLeases,
  useOccupancy,
} from './hooks';
import { STATUS_STYLE, UNIT_STATUSES } from './status';
import { UnitDetails } from './UnitDetails';
import type { Unit } from './types';

/** The legend: each status's colour, name and figures (units, area) from the occupancy endpoint. */
function Legend({ buildingId }: { buildingId: string }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { data: occupancy } = useOccupancy(buildingId);
  return (
    <Box
      component="ul"
      aria-label={translate('crm.spaces.grid.legend')}
      sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, listStyle: 'none', p: 0, m: 0, mb: 2 }}
    >
      {UNIT_STATUSES.map((status) => {
        const style = STATUS_STYLE[status];
        const figures = occupancy?.byStatus[status];
        return (
          <Box
            component="li"
            key={status}
            sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
            data-status={status}
          >
            <Box
              aria-hidden
              sx={{
                width: 18,
                height: 18,
                bgcolor: style.bg,
                border: `2px solid ${style.edge}`,
                borderRadius: 0.5,
              }}
            />
            <Typography variant="body2">
              {translate('crm.spaces.grid.figures', {
                status: translate(`crm.spaces.unitStatus.${status}`),
                units: figures?.units ?? 0,
                area: formatArea(figures?.area ?? 0, locale),
              })}
            </Typography>
          </Box>
        );
      })}
    </Box>
  );
}

function Tile({
  unit,
  holder,
  onOpen,
}: {
  unit: Unit;
  holder: string | undefined;
  onOpen: () => void;
}) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const style = STATUS_STYLE[unit.status];
  const status = translate(`crm.spaces.unitStatus.${unit.status}`);
  const area = formatArea(unit.area, locale);
  const name = holder
    ? translate('crm.spaces.grid.tileHolder', { code: unit.code, area, status, holder })
    : translate('crm.spaces.grid.tile', { code: unit.code, area, status });
  return (
    <ButtonBase
      onClick={onOpen}
      aria-label={name}
      aria-haspopup="dialog"
      data-unit-id={unit.id}
      data-status={unit.status}
      sx={{
        width: 168,
        minHeight: 96,
        p: 1,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'flex-start',
        justifyContent: 'flex-start',
        textAlign: 'left',
        bgcolor: style.bg,
        color: style.fg,
        border: `1px solid ${style.edge}`,
        borderLeft: `6px solid ${style.edge}`,
        borderRadius: 1,
        '&:hover': { boxShadow: 3 },
        '&.Mui-focusVisible': { outline: `3px solid ${style.edge}`, outlineOffset: 2 },
      }}
    >
      <Typography component="span" sx={{ fontWeight: 700, color: 'inherit' }}>
        {unit.code}
      </Typography>
      <Typography component="span" variant="body2" sx={{ color: 'inherit' }}>
        {area} · {status}
      </Typography>
      {holder ? (
        <Typography
          component="span"
          variant="caption"
          sx={{
            color: 'inherit',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            whiteSpace: 'nowrap',
            maxWidth: '100%',
          }}
        >
          {holder}
        </Typography>
      ) : null}
    </ButtonBase>
  );
}

/**
 * The building floor by floor, top floor first: each unit a tile coloured by its status, with
 * its code, area, status and tenant or holder written on it; a tile opens the unit's details.
 */
export function OccupancyGrid({ buildingId }: { buildingId: string }) {
  const translate = useTranslate();
  const titleId = useId();
  const dialogTitleId = useId();
  const units = useBuildingUnits(buildingId);
  const holds = useHolds({ buildingId, status: 'active' });
  const leases = useLeases({ buildingId, status: 'active' });
  const [openId, setOpenId] = useState<string | null>(null);
  const all = units.data ?? [];
  const floors = [...new Set(all.map((u) => u.floor))].sort((a, b) => b - a);
  const holderOf = (unit: Unit) =>
    currentLease(leases.data ?? [], unit.id)?.companyName ??
    currentHold(holds.data ?? [], unit.id)?.companyName;
  const open = all.find((u) => u.id === openId);
  return (
    <Box component="section" aria-labelledby={titleId}>
      <Typography variant="h6" component="h2" id={titleId} gutterBottom>
        {translate('crm.spaces.grid.title')}
      </Typography>
      <Legend buildingId={buildingId} />
      {units.isPending ? <Skeleton variant="rectangular" height={200} /> : null}
      {!units.isPending && all.length === 0 ? (
        <Typography>{translate('crm.spaces.grid.empty')}</Typography>
      ) : null}
      {floors.map((floor) => (
        <Box
          key={floor}
          sx={{ display: 'flex', gap: 2, alignItems: 'stretch', mb: 1.5 }}
          data-floor={floor}
        >
          <Typography
            component="h3"
            variant="subtitle2"
            sx={{ width: 64, flexShrink: 0, pt: 1 }}
            id={`${titleId}-floor-${floor}`}
          >
            {translate('crm.spaces.grid.floor', { floor })}
          </Typography>
          <Box
            component="ul"
            aria-labelledby={`${titleId}-floor-${floor}`}
            sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, listStyle: 'none', p: 0, m: 0 }}
          >
            {all
              .filter((u) => u.floor === floor)
              .map((unit) => (
                <li key={unit.id}>
                  <Tile unit={unit} holder={holderOf(unit)} onOpen={() => setOpenId(unit.id)} />
                </li>
              ))}
          </Box>
        </Box>
      ))}
      <Dialog
        open={!!open}
        onClose={() => setOpenId(null)}
        aria-labelledby={dialogTitleId}
        fullWidth
        maxWidth="sm"
      >
        {open ? (
          <>
            <DialogTitle id={dialogTitleId}>
              {translate('crm.spaces.unit.title', { code: open.code })}
            </DialogTitle>
            <DialogContent>
              <UnitDetails unit={open} />
            </DialogContent>
            <DialogActions>
              <MuiButton onClick={() => setOpenId(null)}>
                {translate('crm.spaces.unit.close')}
              </MuiButton>
            </DialogActions>
          </>
        ) : null}
      </Dialog>
    </Box>
  );
}
