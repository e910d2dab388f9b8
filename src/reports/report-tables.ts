import type { SourceRow, TeamRow, VisitHostRow, VisitWeek } from './activity-reports.service';
import type { ComputeTenantRow, ComputeUsageMonth } from './park-reports.service';
import type { ForecastBucket, FunnelStage, StageVelocity } from './pipeline-reports.service';
import type { ReportTable } from './report-csv';
import type { TargetProgress } from './targets.service';

type Columns<T> = ReportTable<T>['columns'];
const table = <T>(name: string, columns: Columns<T>, rows: T[]): ReportTable<T> => ({
  name,
  columns,
  rows,
});

/** A site-visits report's cells, week by week, then by host and place as the hosts are ordered. */
export type VisitCell = Omit<VisitHostRow, 'weekly' | 'hostId'> & { weekStart: string };
const visitRows = ({ weeks, hosts }: { weeks: VisitWeek[]; hosts: VisitHostRow[] }): VisitCell[] =>
  weeks.flatMap(({ weekStart }, i) =>
    hosts
      .filter((host) => host.weekly.visits[i] > 0)
      .map((host) => ({
        weekStart,
        hostName: host.hostName,
        placeType: host.placeType,
        place: host.place,
        visits: host.weekly.visits[i],
        completed: host.weekly.completed[i],
        noShows: host.weekly.noShows[i],
        cancelled: host.weekly.cancelled[i],
      })),
  );

/** Each report's rows as a table: the CSV download and the leadership pack's sheets. */
export const reportTables = {
  funnel: (rows: FunnelStage[]) =>
    table(
      'funnel',
      [
        { key: 'code', header: 'stage' },
        { key: 'name', header: 'name' },
        { key: 'reached', header: 'reached' },
        { key: 'conversionToNext', header: 'conversion_to_next' },
        { key: 'conversionFromFirst', header: 'conversion_from_first' },
        { key: 'expectedInvestment', header: 'expected_investment_yuan' },
        { key: 'expectedArea', header: 'expected_area_m2' },
        { key: 'expectedComputeCardHours', header: 'expected_compute_card_hours' },
      ],
      rows,
    ),
  velocity: (rows: StageVelocity[]) =>
    table(
      'velocity',
      [
        { key: 'code', header: 'stage' },
        { key: 'name', header: 'name' },
        { key: 'stays', header: 'stays_ended' },
        { key: 'medianDays', header: 'median_days' },
        { key: 'p90Days', header: 'p90_days' },
        { key: 'slaDays', header: 'sla_days' },
        { key: 'openNow', header: 'open_now' },
        { key: 'overSlaNow', header: 'over_sla_now' },
      ],
      rows,
    ),
  forecast: (rows: ForecastBucket[]) =>
    table(
      'forecast',
      [
        { key: 'periodStart', header: 'period_start' },
        { key: 'deals', header: 'deals' },
        { key: 'weightedSignings', header: 'weighted_signings' },
        { key: 'weightedMoveIns', header: 'weighted_move_ins' },
        { key: 'weightedArea', header: 'weighted_area_m2' },
        { key: 'weightedComputeCardHours', header: 'weighted_compute_card_hours' },
        { key: 'weightedInvestment', header: 'weighted_investment_yuan' },
      ],
      rows,
    ),
  sources: (rows: SourceRow[]) =>
    table(
      'sources',
      [
        { key: 'source', header: 'source' },
        { key: 'leads', header: 'leads' },
        { key: 'qualified', header: 'qualified' },
        { key: 'converted', header: 'converted' },
        { key: 'disqualified', header: 'disqualified' },
        { key: 'conversionRate', header: 'conversion_rate' },
        { key: 'signed', header: 'signed' },
      ],
      rows,
    ),
  /** One row per week, host and place with visits, from the hosts' figures aligned with the weeks. */
  siteVisits: (report: { weeks: VisitWeek[]; hosts: VisitHostRow[] }) =>
    table(
      'site-visits',
      [
        { key: 'weekStart', header: 'week_start' },
        { key: 'hostName', header: 'host' },
        { key: 'placeType', header: 'place_type' },
        { key: 'place', header: 'place' },
        { key: 'visits', header: 'visits' },
        { key: 'completed', header: 'completed' },
        { key: 'noShows', header: 'no_shows' },
        { key: 'cancelled', header: 'cancelled' },
      ],
      visitRows(report),
    ),
  team: (rows: TeamRow[]) =>
    table(
      'team',
      [
        { key: 'displayName', header: 'promoter' },
        { key: 'leads', header: 'leads' },
        { key: 'visits', header: 'visits' },
        { key: 'stageMoves', header: 'stage_moves' },
        { key: 'signings', header: 'signings' },
        { key: 'overdueTasks', header: 'overdue_tasks' },
      ],
      rows,
    ),
  targets: (rows: TargetProgress[]) =>
    table(
      'targets',
      [
        { key: 'name', header: 'target' },
        { key: 'metric', header: 'metric' },
        { key: 'periodStart', header: 'period_start' },
        { key: 'periodEnd', header: 'period_end' },
        { key: 'value', header: 'value' },
        { key: 'actual', header: 'actual' },
        { key: 'progress', header: 'progress' },
        { key: 'neededPerMonth', header: 'needed_per_month' },
        { key: 'onTrack', header: 'on_track' },
      ],
      rows,
    ),
  /** One row per tenant and month with usage, from the tenants' figures aligned with the months. */
  computeUsage: ({
    months,
    tenants,
  }: {
    months: ComputeUsageMonth[];
    tenants: ComputeTenantRow[];
  }) =>
    table(
      'compute-usage',
      [
        { key: 'companyName', header: 'company' },
        { key: 'month', header: 'month' },
        { key: 'cardHours', header: 'card_hours' },
      ],
      tenants.flatMap((tenant) =>
        months
          .map(({ month }, i) => ({
            companyName: tenant.companyName,
            month,
            cardHours: tenant.monthly[i],
          }))
          .filter((row) => Number(row.cardHours) > 0),
      ),
    ),
};
