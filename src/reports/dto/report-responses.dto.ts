import { ApiProperty } from '@nestjs/swagger';
import { TARGET_COMPARISONS, TARGET_METRICS } from '../target.entity';

const nullableNumber = { type: Number, nullable: true } as const;

class PeriodDto {
  @ApiProperty({ example: '2026-01-01', description: 'First day (Beijing)' }) from!: string;
  @ApiProperty({ example: '2027-01-01', description: 'Day after the last' }) to!: string;
}

export class FunnelStageDto {
  @ApiProperty({ format: 'uuid' }) stageId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
  @ApiProperty() kind!: string;
  @ApiProperty({ description: 'Deals whose furthest stage entered in the period is this or later' })
  reached!: number;
  @ApiProperty(nullableNumber) conversionToNext!: number | null;
  @ApiProperty(nullableNumber) conversionFromFirst!: number | null;
  @ApiProperty() expectedInvestment!: string;
  @ApiProperty() expectedArea!: string;
  @ApiProperty() expectedComputeCardHours!: number;
}

export class FunnelReportDto extends PeriodDto {
  @ApiProperty({ format: 'uuid' }) pipelineId!: string;
  @ApiProperty({ type: [FunnelStageDto] }) stages!: FunnelStageDto[];
}

export class StageVelocityDto {
  @ApiProperty({ format: 'uuid' }) stageId!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
  @ApiProperty(nullableNumber) slaDays!: number | null;
  @ApiProperty({ description: 'Stays in the stage that ended in the period' }) stays!: number;
  @ApiProperty(nullableNumber) medianDays!: number | null;
  @ApiProperty(nullableNumber) p90Days!: number | null;
  @ApiProperty() openNow!: number;
  @ApiProperty() overSlaNow!: number;
}

export class CycleTimeDto {
  @ApiProperty({ enum: ['signed', 'tenant'] }) to!: 'signed' | 'tenant';
  @ApiProperty() deals!: number;
  @ApiProperty(nullableNumber) medianDays!: number | null;
  @ApiProperty(nullableNumber) p90Days!: number | null;
}

export class VelocityReportDto extends PeriodDto {
  @ApiProperty({ format: 'uuid' }) pipelineId!: string;
  @ApiProperty({ type: [StageVelocityDto] }) stages!: StageVelocityDto[];
  @ApiProperty({ type: [CycleTimeDto], description: 'From first contact' })
  cycleTimes!: CycleTimeDto[];
}

export class ForecastBucketDto {
  @ApiProperty() periodStart!: string;
  @ApiProperty() deals!: number;
  @ApiProperty({ type: Number, nullable: true }) weightedSignings!: number | null;
  @ApiProperty() weightedMoveIns!: number;
  @ApiProperty() weightedArea!: string;
  @ApiProperty() weightedComputeCardHours!: string;
  @ApiProperty() weightedInvestment!: string;
}

export class ForecastReportDto extends PeriodDto {
  @ApiProperty({ enum: ['month', 'quarter'] }) granularity!: string;
  @ApiProperty({ type: [ForecastBucketDto] }) buckets!: ForecastBucketDto[];
  @ApiProperty({ description: 'Area of the units available now, m²' }) availableArea!: string;
  @ApiProperty({ description: 'Card-hours left on active allocations' })
  computeRemainingCardHours!: string;
}

export class SourceRowDto {
  @ApiProperty() source!: string;
  @ApiProperty() leads!: number;
  @ApiProperty() qualified!: number;
  @ApiProperty() converted!: number;
  @ApiProperty() disqualified!: number;
  @ApiProperty(nullableNumber) conversionRate!: number | null;
  @ApiProperty() signed!: number;
}

export class SourcesReportDto extends PeriodDto {
  @ApiProperty({ type: [SourceRowDto] }) rows!: SourceRowDto[];
}

export class VisitWeekDto {
  @ApiProperty({ description: 'Monday of the Beijing week' }) weekStart!: string;
  @ApiProperty() visits!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() noShows!: number;
  @ApiProperty() cancelled!: number;
}

export class VisitWeeklyDto {
  @ApiProperty({ type: [Number] }) visits!: number[];
  @ApiProperty({ type: [Number] }) completed!: number[];
  @ApiProperty({ type: [Number] }) noShows!: number[];
  @ApiProperty({ type: [Number] }) cancelled!: number[];
}

export class VisitHostRowDto {
  @ApiProperty({ format: 'uuid' }) hostId!: string;
  @ApiProperty() hostName!: string;
  @ApiProperty() placeType!: string;
  @ApiProperty() place!: string;
  @ApiProperty({ description: 'Over the period' }) visits!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() noShows!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty({
    type: VisitWeeklyDto,
    description: 'The same counts in each week of `weeks`, in the same order',
  })
  weekly!: VisitWeeklyDto;
}

export class VisitSummaryDto {
  @ApiProperty() visits!: number;
  @ApiProperty() completed!: number;
  @ApiProperty() noShows!: number;
  @ApiProperty() cancelled!: number;
  @ApiProperty() scheduled!: number;
  @ApiProperty(nullableNumber) completionRate!: number | null;
  @ApiProperty(nullableNumber) noShowRate!: number | null;
  @ApiProperty() visitedDeals!: number;
  @ApiProperty() visitedDealsSigned!: number;
  @ApiProperty(nullableNumber) visitedToSignedRate!: number | null;
}

export class SiteVisitsReportDto extends PeriodDto {
  @ApiProperty({ type: [VisitWeekDto], description: 'The weeks of the period with visits' })
  weeks!: VisitWeekDto[];
  @ApiProperty({
    type: [VisitHostRowDto],
    description: 'Each host at each place (a visit counts for each of its hosts)',
  })
  hosts!: VisitHostRowDto[];
  @ApiProperty({ type: VisitSummaryDto }) summary!: VisitSummaryDto;
}

export class TeamRowDto {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty() leads!: number;
  @ApiProperty() visits!: number;
  @ApiProperty() stageMoves!: number;
  @ApiProperty() signings!: number;
  @ApiProperty() overdueTasks!: number;
}

export class TeamReportDto extends PeriodDto {
  @ApiProperty({ type: [TeamRowDto] }) rows!: TeamRowDto[];
}

export class TargetDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: String, nullable: true }) nameEn!: string | null;
  @ApiProperty({ enum: TARGET_METRICS }) metric!: string;
  @ApiProperty({ enum: TARGET_COMPARISONS }) comparison!: string;
  @ApiProperty() value!: string;
  @ApiProperty() periodStart!: string;
  @ApiProperty() periodEnd!: string;
  @ApiProperty() version!: number;
}

export class TargetProgressDto extends TargetDto {
  @ApiProperty() actual!: string;
  @ApiProperty({ type: Number, nullable: true }) progress!: number | null;
  @ApiProperty() met!: boolean;
  @ApiProperty({ description: 'Share of the period elapsed' }) elapsed!: number;
  @ApiProperty() runRatePerMonth!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Null once met or past the end' })
  neededPerMonth!: string | null;
  @ApiProperty() onTrack!: boolean;
}

export class TargetsReportDto extends PeriodDto {
  @ApiProperty({ type: [TargetProgressDto] }) targets!: TargetProgressDto[];
}

export class ComputeUsageMonthDto {
  @ApiProperty({ example: '2026-11' }) month!: string;
  @ApiProperty({ description: 'The park’s card-hours that month' }) cardHours!: string;
  @ApiProperty({ description: 'Accounts with usage that month' }) accounts!: number;
}

export class ComputeTenantRowDto {
  @ApiProperty({ format: 'uuid' }) companyId!: string;
  @ApiProperty() companyName!: string;
  @ApiProperty() accountStatus!: string;
  @ApiProperty() subsidyAllocated!: string;
  @ApiProperty() subsidyConsumed!: string;
  @ApiProperty() subsidyRemaining!: string;
  @ApiProperty() usedInPeriod!: string;
  @ApiProperty({
    type: [String],
    description: 'Card-hours used in each month of `months`, in the same order',
    example: ['10.50', '0.00'],
  })
  monthly!: string[];
}

export class ComputeUsageReportDto extends PeriodDto {
  @ApiProperty({ type: [ComputeUsageMonthDto], description: 'The months of the period with usage' })
  months!: ComputeUsageMonthDto[];
  @ApiProperty({ type: [ComputeTenantRowDto] }) tenants!: ComputeTenantRowDto[];
}

export class OverviewDto {
  @ApiProperty() openDeals!: number;
  @ApiProperty({ description: 'Expected investment of open deals × stage probability, yuan' })
  weightedPipelineInvestment!: string;
  @ApiProperty() signedThisYear!: number;
  @ApiProperty() tenants!: number;
  @ApiProperty() visitsThisMonth!: number;
  @ApiProperty() overdueTasks!: number;
  @ApiProperty() activeComputeAccounts!: number;
  @ApiProperty() cardHoursThisMonth!: string;
  @ApiProperty({ type: [TargetProgressDto] }) targets!: TargetProgressDto[];
}
