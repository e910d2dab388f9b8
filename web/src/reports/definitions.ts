import { createTargetDtoComparisonValues, createTargetDtoMetricValues } from '../api/schema';

/** The reports, in the order of the index; each has a page at /reports/<key>. */
export const REPORT_KEYS = [
  'funnel',
  'velocity',
  'forecast',
  'sources',
  'site-visits',
  'team',
  'targets',
  'compute-usage',
] as const;
export type ReportKey = (typeof REPORT_KEYS)[number];

export const isReportKey = (value: string | undefined): value is ReportKey =>
  (REPORT_KEYS as readonly string[]).includes(value ?? '');

/** Filters a report's API takes besides its period (see src/reports/reports.controller.ts). */
export type FilterKey = 'pipelineId' | 'ownerId' | 'source' | 'aiSegment' | 'granularity';

const DEAL_FILTERS: FilterKey[] = ['pipelineId', 'ownerId', 'source', 'aiSegment'];
export const REPORT_FILTERS: Record<ReportKey, FilterKey[]> = {
  funnel: DEAL_FILTERS,
  velocity: DEAL_FILTERS,
  forecast: [...DEAL_FILTERS, 'granularity'],
  sources: ['ownerId', 'source', 'aiSegment'],
  'site-visits': DEAL_FILTERS,
  team: ['pipelineId', 'ownerId'],
  targets: [],
  'compute-usage': [],
};

/** The message key of a report (message keys are camelCase). */
export const reportMessageKey = (key: ReportKey) =>
  key.replace(/-(\w)/g, (_, ch: string) => ch.toUpperCase());

export const TARGET_METRICS = createTargetDtoMetricValues;
export const TARGET_COMPARISONS = createTargetDtoComparisonValues;
