import { useRef, useState } from 'react';
import {
  DragDropContext,
  type DragStart,
  type DragUpdate,
  type DropResult,
  type ResponderProvided,
} from '@hello-pangea/dnd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Box, CircularProgress, Stack, Typography } from '@mui/material';
import { Title, useDataProvider, useGetIdentity, useTranslate } from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Board } from '../api/types';
import { useHeightToWindowBottom } from '../common/useHeightToWindowBottom';
import { BoardColumn } from './BoardColumn';
import { BoardToolbar, type OwnerFilter } from './BoardToolbar';
import { findCard, withCardMoved, withCardReplaced } from './board-state';
import { useDefaultPipelineId, useStageName, useStages } from './pipeline';
import { useDealMove } from './useDealMove';

function useBoard(pipelineId: string | undefined, ownerId: string | undefined) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const queryKey = ['deals', 'board', pipelineId, ownerId ?? null];
  const query = useQuery({
    queryKey,
    queryFn: ({ signal }) =>
      dataProvider.call<Board>('GET', '/deals/board', {
        query: { pipelineId, ownerId },
        signal,
      }),
    enabled: !!pipelineId,
  });
  return { ...query, queryKey };
}

/** Screen-reader announcements of a drag, in the user's language. */
function useDragAnnouncements(board: Board | undefined) {
  const translate = useTranslate();
  const stageName = useStageName();
  const titleOf = (dealId: string) => findCard(board, dealId)?.title ?? '';
  const columnName = (stageId: string | undefined) =>
    stageName(board?.columns.find((column) => column.stageId === stageId));
  return {
    onDragStart: (start: DragStart, provided: ResponderProvided) =>
      provided.announce(
        translate('crm.deals.board.dnd.lifted', { title: titleOf(start.draggableId) }),
      ),
    onDragUpdate: (update: DragUpdate, provided: ResponderProvided) =>
      provided.announce(
        translate('crm.deals.board.dnd.over', {
          title: titleOf(update.draggableId),
          stage: columnName(update.destination?.droppableId),
        }),
      ),
  };
}

/** The pipeline as a kanban board: one column per stage, deals dragged between them. */
export function BoardPage() {
  const translate = useTranslate();
  const queryClient = useQueryClient();
  const boardRef = useRef<HTMLDivElement>(null);
  const boardHeight = useHeightToWindowBottom(boardRef);
  const { identity } = useGetIdentity();
  const defaultPipelineId = useDefaultPipelineId();
  const [chosenPipelineId, setPipelineId] = useState<string>();
  const [chosenOwner, setOwner] = useState<OwnerFilter>();
  const pipelineId = chosenPipelineId ?? defaultPipelineId;
  // Promoters start on their own deals, everyone else on the whole pipeline.
  const owner = chosenOwner ?? (identity?.role === 'promoter' ? 'mine' : 'all');
  const ownerId =
    owner === 'mine' ? (identity?.id as string | undefined) : owner === 'all' ? undefined : owner;
  const board = useBoard(pipelineId, ownerId);
  const { data: stages } = useStages(pipelineId);
  const refetch = () => void queryClient.invalidateQueries({ queryKey: board.queryKey });
  const { move, dialogs } = useDealMove({ onReload: refetch });
  const announcements = useDragAnnouncements(board.data);

  const onDragEnd = async ({ draggableId, destination, source }: DropResult) => {
    const before = board.data;
    const deal = findCard(before, draggableId);
    const column = before?.columns.find((c) => c.stageId === destination?.droppableId);
    if (
      !before ||
      !deal ||
      !column ||
      !destination ||
      destination.droppableId === source.droppableId
    )
      return;
    await queryClient.cancelQueries({ queryKey: board.queryKey });
    queryClient.setQueryData(
      board.queryKey,
      withCardMoved(before, deal.id, column.stageId, destination.index),
    );
    const moved = await move(deal, { ...column, id: column.stageId });
    queryClient.setQueryData<Board>(board.queryKey, (current) =>
      moved && current ? withCardReplaced(current, moved) : before,
    );
    refetch();
  };

  return (
    <Box sx={{ pb: 2 }}>
      <Title title="crm.deals.board.title" />
      <Typography variant="h5" component="h1" sx={{ mt: 2 }}>
        {translate('crm.deals.board.title')}
      </Typography>
      {pipelineId ? (
        <BoardToolbar
          pipelineId={pipelineId}
          onPipelineChange={setPipelineId}
          owner={owner}
          onOwnerChange={setOwner}
        />
      ) : null}
      {board.error ? (
        <Alert severity="error">{translate(board.error.message, { _: board.error.message })}</Alert>
      ) : null}
      {board.data ? (
        <DragDropContext
          onDragStart={announcements.onDragStart}
          onDragUpdate={announcements.onDragUpdate}
          onDragEnd={(result, provided) => {
            provided.announce(translate('crm.deals.board.dnd.dropped'));
            void onDragEnd(result);
          }}
          dragHandleUsageInstructions={translate('crm.deals.board.dnd.instructions')}
        >
          <Stack
            direction="row"
            spacing={1.5}
            ref={boardRef}
            role="region"
            aria-label={translate('crm.deals.board.stages')}
            // No intrinsic size: the board scrolls sideways within the window, each column
            // down within the board, instead of the page growing to the longest column.
            sx={{
              overflowX: 'auto',
              contain: 'inline-size',
              pb: 1,
              alignItems: 'stretch',
              height: boardHeight,
            }}
          >
            {board.data.columns.map((column) => (
              <BoardColumn
                key={column.stageId}
                column={column}
                stage={stages?.find((stage) => stage.id === column.stageId)}
              />
            ))}
          </Stack>
        </DragDropContext>
      ) : board.isPending && !board.error ? (
        <CircularProgress aria-label={translate('ra.page.loading')} />
      ) : null}
      {dialogs}
    </Box>
  );
}
