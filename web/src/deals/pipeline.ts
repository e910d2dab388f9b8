import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useLocaleState } from 'react-admin';
import type { CrmDataProvider } from '../api/dataProvider';
import type { Schemas, Stage } from '../api/types';

type Pipeline = Schemas['PipelineDto'];

/** What a move needs to know of its target stage (a board column or a stage record). */
export interface StageRef {
  id: string;
  name: string;
  nameEn: string;
  kind: string;
}

export function usePipelines() {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: ['pipelines'],
    queryFn: () => dataProvider.call<Pipeline[]>('GET', '/pipelines'),
    staleTime: 5 * 60_000,
  });
}

/** The pipeline deals open in unless told otherwise. */
export function useDefaultPipelineId(): string | undefined {
  const { data } = usePipelines();
  return (data?.find((pipeline) => pipeline.isDefault) ?? data?.[0])?.id;
}

/** The stages of a pipeline in order, retired ones included. */
export function useStages(pipelineId: string | undefined) {
  const dataProvider = useDataProvider<CrmDataProvider>();
  return useQuery({
    queryKey: ['pipelines', pipelineId, 'stages'],
    queryFn: () => dataProvider.call<Stage[]>('GET', `/pipelines/${pipelineId}/stages`),
    enabled: !!pipelineId,
    staleTime: 5 * 60_000,
  });
}

/** A stage's (or pipeline's) name in the current language. */
export function useStageName() {
  const [locale] = useLocaleState();
  return (stage: { name: string; nameEn?: string | null } | undefined) =>
    stage ? (locale === 'en' && stage.nameEn) || stage.name : '—';
}

const DAY_MS = 86_400_000;

/** Whole days since an instant (a deal's entry into its stage). */
export function daysSince(instant: string | Date, now = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(instant).getTime()) / DAY_MS));
}

/** Whether a deal has stayed in an open stage longer than the stage's SLA. */
export function isOverdue(days: number, stage: Pick<Stage, 'slaDays' | 'kind'> | undefined) {
  return !!stage?.slaDays && stage.kind === 'open' && days > stage.slaDays;
}
