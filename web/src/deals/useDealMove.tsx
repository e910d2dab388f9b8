import { useRef, useState } from 'react';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { Problem } from '../api/http';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Deal } from '../api/types';
import { useVersionConflict } from '../common/CrmEdit';
import { VersionConflictDialog } from '../common/VersionConflictDialog';
import { GateRefusalDialog, type GateRefusal, type UnmetGate } from './GateRefusalDialog';
import { LostReasonDialog } from './LostReasonDialog';
import { useStageName, type StageRef } from './pipeline';

/**
 * The problem body of a failed API call. Read from react-admin's `HttpError.body`, because
 * HttpError resets the prototype of its subclasses (so `instanceof ApiError` does not hold).
 */
function problemOf(error: unknown): Problem | undefined {
  const body = (error as { body?: Partial<Problem> } | null)?.body;
  return typeof body?.code === 'string' ? (body as Problem) : undefined;
}

/** What a move needs of a deal: a board card or the whole deal. */
type MovableDeal = Pick<Deal, 'id' | 'title' | 'version'>;

/**
 * Moving a deal to a stage, as the board and the show page do it: the lost reason asked first
 * when the target is a lost stage, `If-Match` with the deal's version, and every refusal shown
 * (unmet gates listed with what satisfies them, the 412 version-conflict dialog, other errors
 * notified). `move` resolves to the moved deal, or null when nothing moved.
 */
export function useDealMove({ onReload }: { onReload: () => void }) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  const notify = useNotify();
  const translate = useTranslate();
  const stageName = useStageName();
  const versionConflict = useVersionConflict('deals');
  const [refusal, setRefusal] = useState<GateRefusal | null>(null);
  const [askingReasonFor, setAskingReasonFor] = useState<MovableDeal | null>(null);
  const answerReason = useRef<(reason: string | null) => void>(() => undefined);

  const askLostReason = (deal: MovableDeal) =>
    new Promise<string | null>((resolve) => {
      answerReason.current = (reason) => {
        setAskingReasonFor(null);
        resolve(reason);
      };
      setAskingReasonFor(deal);
    });

  const move = async (deal: MovableDeal, stage: StageRef): Promise<Deal | null> => {
    const lostReason = stage.kind === 'lost' ? await askLostReason(deal) : undefined;
    if (lostReason === null) return null;
    try {
      const moved = await dataProvider.call<Deal>('POST', `/deals/${deal.id}/move`, {
        body: { stageId: stage.id, lostReason },
        version: deal.version,
      });
      notify('crm.deals.move.done', {
        type: 'success',
        messageArgs: { title: deal.title, stage: stageName(stage) },
      });
      return moved;
    } catch (error) {
      const problem = problemOf(error);
      if (problem?.code === 'STAGE_GATE_UNMET') {
        setRefusal({
          dealId: deal.id,
          dealTitle: deal.title,
          stageName: stageName(stage),
          unmet: (problem.unmet as UnmetGate[] | undefined) ?? [
            { gate: 'unknown', message: translate('crm.errors.STAGE_GATE_UNMET') },
          ],
        });
      } else {
        await versionConflict.onError(error, deal, deal.title);
      }
      return null;
    }
  };

  const dialogs = (
    <>
      {askingReasonFor ? (
        <LostReasonDialog
          dealTitle={askingReasonFor.title}
          onConfirm={(reason) => answerReason.current(reason)}
          onCancel={() => answerReason.current(null)}
        />
      ) : null}
      {refusal ? <GateRefusalDialog refusal={refusal} onClose={() => setRefusal(null)} /> : null}
      <VersionConflictDialog
        conflict={versionConflict.conflict}
        resource="deals"
        onClose={versionConflict.close}
        onReload={() => {
          versionConflict.close();
          onReload();
        }}
      />
    </>
  );
  return { move, dialogs };
}
