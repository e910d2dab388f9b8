import { useState } from 'react';
import { Button, Menu, MenuItem } from '@mui/material';
import MoveIcon from '@mui/icons-material/DriveFileMove';
import { useRecordContext, useRefresh, useTranslate } from 'react-admin';
import type { Deal } from '../api/types';
import { useStageName, useStages } from './pipeline';
import { useDealMove } from './useDealMove';
import { useAllowed } from '../auth/useAllowed';

/** "Move to stage": the stages of the deal's pipeline, shown when the user may move the deal. */
export function MoveToStageButton() {
  const deal = useRecordContext<Deal>();
  const translate = useTranslate();
  const refresh = useRefresh();
  const stageName = useStageName();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { data: stages = [] } = useStages(deal?.pipelineId);
  const canAccess = useAllowed('move', 'deals', deal, !!deal);
  const { move, dialogs } = useDealMove({ onReload: refresh });
  if (!deal || !canAccess) return null;
  const targets = stages.filter((stage) => !stage.retiredAt && stage.id !== deal.stageId);
  return (
    <>
      <Button
        size="small"
        startIcon={<MoveIcon />}
        aria-haspopup="menu"
        aria-controls={anchor ? 'move-to-stage-menu' : undefined}
        onClick={(event) => setAnchor(event.currentTarget)}
      >
        {translate('crm.deals.move.action')}
      </Button>
      <Menu
        id="move-to-stage-menu"
        anchorEl={anchor}
        open={!!anchor}
        onClose={() => setAnchor(null)}
      >
        {targets.map((stage) => (
          <MenuItem
            key={stage.id}
            onClick={() => {
              setAnchor(null);
              void move(deal, stage).then((moved) => {
                if (moved) refresh();
              });
            }}
          >
            {stageName(stage)} · {stage.probability}%
          </MenuItem>
        ))}
      </Menu>
      {dialogs}
    </>
  );
}
