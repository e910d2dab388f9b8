import { Droppable } from '@hello-pangea/dnd';
import { Box, Chip, Link, Paper, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import type { BoardColumn as Column, Stage } from '../api/types';
import { formatArea, formatCardHours, formatMoney } from '../common/format';
import { DealCard } from './DealCard';
import { useStageName } from './pipeline';

function ColumnHeader({ column }: { column: Column }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const stageName = useStageName();
  return (
    <Box sx={{ mb: 1 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="subtitle1" component="h2" id={`column-${column.stageId}`}>
          {stageName(column)}
        </Typography>
        <Chip size="small" label={`${column.probability}%`} />
      </Stack>
      <Typography variant="body2" sx={{ fontWeight: 600 }} data-testid="column-count">
        {translate('crm.deals.board.count', { smart_count: column.count })}
      </Typography>
      {[
        translate('crm.deals.board.investment', {
          value: formatMoney(column.expectedInvestment, locale),
        }),
        translate('crm.deals.board.area', { value: formatArea(column.expectedArea, locale) }),
        translate('crm.deals.board.compute', {
          value: formatCardHours(column.expectedComputeCardHours, locale),
        }),
      ].map((line) => (
        <Typography key={line} variant="caption" color="text.secondary" component="p">
          {line}
        </Typography>
      ))}
    </Box>
  );
}

/** A stage of the board: its totals, and the deals in it as a drop target. */
export function BoardColumn({ column, stage }: { column: Column; stage?: Stage }) {
  const translate = useTranslate();
  const hidden = column.count - column.cards.length;
  return (
    <Paper
      component="section"
      aria-labelledby={`column-${column.stageId}`}
      variant="outlined"
      sx={{
        width: 250,
        flexShrink: 0,
        p: 1,
        bgcolor: 'action.hover',
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
      }}
    >
      <ColumnHeader column={column} />
      <Droppable droppableId={column.stageId}>
        {(provided, snapshot) => (
          // The cards scroll within the column, which the board holds to the window's height.
          <Box
            ref={provided.innerRef}
            {...provided.droppableProps}
            sx={{
              flex: '1 1 auto',
              minHeight: 120,
              overflowY: 'auto',
              borderRadius: 1,
              bgcolor: snapshot.isDraggingOver ? 'action.selected' : undefined,
            }}
          >
            {column.cards.map((deal, index) => (
              <DealCard key={deal.id} deal={deal} stage={stage} index={index} />
            ))}
            {provided.placeholder}
          </Box>
        )}
      </Droppable>
      {hidden > 0 ? (
        <Link
          component={RouterLink}
          variant="body2"
          to={`/deals?filter=${encodeURIComponent(JSON.stringify({ stageId: column.stageId }))}`}
        >
          {translate('crm.deals.board.more', { smart_count: hidden })}
        </Link>
      ) : null}
    </Paper>
  );
}
