import { DataTable, FunctionField, ReferenceManyField, useTranslate } from 'react-admin';
import type { StageHistory as HistoryEntry } from '../api/types';
import { BeijingDateTimeField } from '../common/fields';
import { UserField } from '../common/users';
import { useStageName, useStages } from './pipeline';

function StageMoveField({ pipelineId }: { pipelineId: string }) {
  const stageName = useStageName();
  const { data: stages = [] } = useStages(pipelineId);
  const nameOf = (id: string | null, fallback: string | null) =>
    id ? stageName(stages.find((stage) => stage.id === id) ?? { name: fallback ?? '—' }) : '—';
  return (
    <FunctionField<HistoryEntry>
      render={(entry) =>
        `${nameOf(entry.fromStageId, entry.fromStageName)} → ${nameOf(entry.toStageId, entry.toStageName)}`
      }
    />
  );
}

function MovedByField() {
  const translate = useTranslate();
  return (
    <FunctionField<HistoryEntry>
      render={(entry) =>
        entry.movedById ? <UserField source="movedById" /> : translate('crm.deals.history.system')
      }
    />
  );
}

/** Every stage move of the deal (`GET /deals/:id/history`), newest first. */
export function StageHistory({ pipelineId }: { pipelineId: string }) {
  return (
    <ReferenceManyField reference="deal-history" target="dealId" perPage={100}>
      <DataTable bulkActionButtons={false} rowClick={false} size="small">
        <DataTable.Col label="crm.deals.history.move">
          <StageMoveField pipelineId={pipelineId} />
        </DataTable.Col>
        <DataTable.Col label="crm.deals.history.movedBy">
          <MovedByField />
        </DataTable.Col>
        <DataTable.Col label="crm.deals.history.movedAt">
          <BeijingDateTimeField source="movedAt" />
        </DataTable.Col>
      </DataTable>
    </ReferenceManyField>
  );
}
