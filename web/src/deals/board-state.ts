import type { Board, BoardCard, Deal } from '../api/types';

export function findCard(board: Board | undefined, dealId: string): BoardCard | undefined {
  return board?.columns.flatMap((column) => column.cards).find((card) => card.id === dealId);
}

/** The board with a card shown in another column (the optimistic half of a move). */
export function withCardMoved(board: Board, dealId: string, toStageId: string, index: number) {
  const card = findCard(board, dealId);
  if (!card) return board;
  return {
    ...board,
    columns: board.columns.map((column) => {
      const cards = column.cards.filter((other) => other.id !== dealId);
      if (column.stageId === toStageId) cards.splice(index, 0, { ...card, stageId: toStageId });
      return { ...column, cards };
    }),
  };
}

/** The board with a card replaced by the deal as the server answered it (its new version). */
export function withCardReplaced(board: Board, deal: Deal): Board {
  return {
    ...board,
    columns: board.columns.map((column) => ({
      ...column,
      cards: column.cards.map((card) => (card.id === deal.id ? deal : card)),
    })),
  };
}
