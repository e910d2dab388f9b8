import type { Schemas } from '../api/types';

export type FunnelReport = Schemas['FunnelReportDto'];
export type FunnelStage = Schemas['FunnelStageDto'];
export type VelocityReport = Schemas['VelocityReportDto'];
export type ForecastReport = Schemas['ForecastReportDto'];
export type SourcesReport = Schemas['SourcesReportDto'];
export type SiteVisitsReport = Schemas['SiteVisitsReportDto'];
export type TeamReport = Schemas['TeamReportDto'];
export type TargetsReport = Schemas['TargetsReportDto'];
export type TargetProgress = Schemas['TargetProgressDto'];
export type ComputeUsageReport = Schemas['ComputeUsageReportDto'];
export type Overview = Schemas['OverviewDto'];
export type Target = Schemas['TargetDto'];
export type Pipeline = Schemas['PipelineDto'];
