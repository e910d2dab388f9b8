import { Draggable } from '@hello-pangea/dnd';
import LockIcon from '@mui/icons-material/LockOutlined';
import OpenInNewIcon from '@mui/icons-material/OpenInNew';
import {
  Box,
  Card,
  CardContent,
  Chip,
  IconButton,
  Stack,
  Tooltip,
  Typography,
} from '@mui/material';
import { RecordContextProvider, useLocaleState, useTranslate } from 'react-admin';
import { Link as RouterLink } from 'react-router-dom';
import type { BoardCard, Stage } from '../api/types';
import { formatMoney } from '../common/format';
import { UserField } from '../common/users';
import { daysSince, isOverdue } from './pipeline';
import { useAllowed } from '../auth/useAllowed';

function DaysInStage({ deal, stage }: { deal: BoardCard; stage: Stage | undefined }) {
  const translate = useTranslate();
  const days = daysSince(deal.stageEnteredAt);
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <Typography variant="caption" color="text.secondary">
        {translate('crm.deals.daysInStage', { smart_count: days })}
      </Typography>
      {isOverdue(days, stage) ? (
        <Chip
          size="small"
          color="error"
          label={translate('crm.deals.board.overdue')}
          title={translate('crm.deals.board.overdueHint', { days: stage?.slaDays ?? 0 })}
        />
      ) : null}
    </Stack>
  );
}

function CardBody({ deal, stage, locked }: { deal: BoardCard; stage?: Stage; locked: boolean }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  return (
    <CardContent sx={{ p: 1.5, '&:last-child': { pb: 1.5 } }}>
      <Stack direction="row" sx={{ justifyContent: 'space-between', alignItems: 'start' }}>
        <Typography variant="caption" color="text.secondary" component="p">
          {deal.companyName}
        </Typography>
        {locked ? (
          <Tooltip title={translate('crm.deals.board.locked')}>
            <LockIcon
              fontSize="small"
              color="disabled"
              titleAccess={translate('crm.deals.board.locked')}
            />
          </Tooltip>
        ) : null}
      </Stack>
      <Typography variant="subtitle2" component="p" color="primary">
        {deal.title}
      </Typography>
      <Typography variant="body2" color="text.secondary" component="div">
        <RecordContextProvider value={deal}>
          <UserField source="ownerId" />
        </RecordContextProvider>
      </Typography>
      <Typography variant="body2">{formatMoney(deal.expectedInvestment, locale)}</Typography>
      <DaysInStage deal={deal} stage={stage} />
    </CardContent>
  );
}

/** A deal on the board: draggable (by mouse or keyboard) when the user may move it. */
export function DealCard({
  deal,
  stage,
  index,
}: {
  deal: BoardCard;
  stage?: Stage;
  index: number;
}) {
  const translate = useTranslate();
  const canAccess = useAllowed('move', 'deals', deal);
  const canMove = canAccess === true;
  const locked = canAccess === false;
  const label = translate('crm.deals.board.cardLabel', {
    company: deal.companyName,
    title: deal.title,
  });
  return (
    <Draggable draggableId={deal.id} index={index} isDragDisabled={!canMove}>
      {(provided, snapshot) => (
        <Card
          ref={provided.innerRef}
          {...provided.draggableProps}
          data-deal-id={deal.id}
          variant="outlined"
          sx={{ mb: 1, boxShadow: snapshot.isDragging ? 4 : 0, display: 'flex' }}
        >
          {/* The handle and the link to the deal are siblings: a control may not hold another. */}
          <Box
            {...(canMove ? provided.dragHandleProps : { tabIndex: 0, role: 'article' })}
            aria-label={label}
            sx={{
              flex: 1,
              minWidth: 0,
              '&:focus-visible': { outline: 2, outlineColor: 'primary.main' },
            }}
          >
            <CardBody deal={deal} stage={stage} locked={locked} />
          </Box>
          <IconButton
            component={RouterLink}
            to={`/deals/${deal.id}/show`}
            aria-label={deal.title}
            title={translate('crm.deals.board.open')}
            size="small"
            sx={{ alignSelf: 'flex-start', m: 0.5 }}
          >
            <OpenInNewIcon fontSize="small" />
          </IconButton>
        </Card>
      )}
    </Draggable>
  );
}
