import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import {
  dealFilter,
  dealScope,
  days,
  pipelineStageIds,
  SqlParams,
  type DealFilters,
} from './report-sql';
import type { ReportPeriod } from './report-period';

export interface FunnelStage {
  stageId: string;
  code: string;
  name: string;
  nameEn: string | null;
  kind: string;
  reached: number;
  /** Share of this stage's deals that reached the next one (null for the last and for Lost). */
  conversionToNext: number | null;
  /** Share of the first stage's deals that reached this one. */
  conversionFromFirst: number | null;
  expectedInvestment: string;
  expectedArea: string;
  expectedComputeCardHours: number;
}

export interface StageVelocity {
  stageId: string;
  code: string;
  name: string;
  nameEn: string | null;
  slaDays: number | null;
  /** Stays in the stage that ended in the period. */
  stays: number;
  medianDays: number | null;
  p90Days: number | null;
  /** Open deals in the stage now, and those past its SLA. */
  openNow: number;
  overSlaNow: number;
}

export interface CycleTime {
  to: 'signed' | 'tenant';
  deals: number;
  medianDays: number | null;
  p90Days: number | null;
}

export interface ForecastBucket {
  periodStart: string;
  deals: number;
  weightedSignings: number;
  weightedMoveIns: number;
  weightedArea: string;
  weightedComputeCardHours: string;
  weightedInvestment: string;
}

/** Funnel, velocity and forecast: the pipeline's reports, each one SQL statement or two. */
@Injectable()
export class PipelineReportsService {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: SqlParams): Promise<T[]> {
    return this.txHost.tx.query<T[]>(sql, params.values);
  }

  /**
   * Per stage, the deals whose furthest stage entered in the period is this one or a later one
   * (so a deal that skipped a stage counts for it), with conversions and expected value.
   */
  async funnel(period: ReportPeriod, filters: DealFilters): Promise<FunnelStage[]> {
    const p = new SqlParams();
    const [start, end] = [p.add(period.start), p.add(period.end)];
    const pipeline = p.add(filters.pipelineId);
    const deal = dealFilter(p, filters);
    return this.query<FunnelStage>(
      `WITH per_deal AS (
         SELECT h.deal_id, max(s.position) FILTER (WHERE s.kind <> 'lost') AS furthest,
                bool_or(s.kind = 'lost') AS lost
           FROM deal_stage_history h JOIN stages s ON s.id = h.to_stage_id
          WHERE h.to_stage_id = ANY (${pipelineStageIds(pipeline)}) AND h.moved_at >= ${start} AND h.moved_at < ${end}
          GROUP BY h.deal_id),
       valued AS (
         SELECT m.furthest, m.lost, d.expected_investment, d.expected_area, d.expected_compute_card_hours
           FROM per_deal m JOIN deals d ON d.id = m.deal_id ${deal.joins} WHERE ${deal.where}),
       reached AS (
         SELECT s.id, s.code, s.name, s.name_en, s.kind, s.position, count(v.*)::int AS reached,
                coalesce(sum(v.expected_investment), 0) AS investment, coalesce(sum(v.expected_area), 0) AS area,
                coalesce(sum(v.expected_compute_card_hours), 0)::int AS compute
           FROM stages s
           LEFT JOIN valued v ON CASE WHEN s.kind = 'lost' THEN v.lost ELSE v.furthest >= s.position END
          WHERE s.pipeline_id = ${pipeline} AND s.retired_at IS NULL
          GROUP BY s.id)
       SELECT id AS "stageId", code, name, name_en AS "nameEn", kind, reached,
              CASE WHEN kind = 'lost' THEN NULL
                   ELSE round(lead(reached) OVER open_stages::numeric / nullif(reached, 0), 4)::float8 END AS "conversionToNext",
              CASE WHEN kind = 'lost' THEN NULL
                   ELSE round(reached::numeric / nullif(first_value(reached) OVER open_stages, 0), 4)::float8 END AS "conversionFromFirst",
              investment::numeric(18,2)::text AS "expectedInvestment", area::numeric(14,2)::text AS "expectedArea",
              compute AS "expectedComputeCardHours"
         FROM reached
       WINDOW open_stages AS (PARTITION BY kind = 'lost' ORDER BY position)
        ORDER BY kind = 'lost', position`,
      p,
    );
  }

  /**
   * Days in each stage (median and 90th percentile of the stays that ended in the period), the
   * deals over the stage's SLA now, and cycle times to Signed and to Tenant.
   */
  @Transactional()
  async velocity(
    period: ReportPeriod,
    filters: DealFilters,
  ): Promise<{ stages: StageVelocity[]; cycleTimes: CycleTime[] }> {
    // The period's moves are ordered by deal, one sort: let it run in memory. Over a year of the
    // park the lookups by deal make a plan costly enough for PostgreSQL to compile it with JIT,
    // inlined and optimised: a second or more, for statements that then run in less.
    await this.txHost.tx.query(`SET LOCAL work_mem = '32MB'`);
    await this.txHost.tx.query(`SET LOCAL jit = off`);
    const p = new SqlParams();
    const [start, end] = [p.add(period.start), p.add(period.end)];
    const pipeline = p.add(filters.pipelineId);
    const deal = dealFilter(p, filters);
    // A stay ends with its deal's next move: the stays that ended in the period are those that
    // the period's moves ended, each the move before it. A deal's moves are in order of time,
    // then (moves made in one transaction) of stage position, then of id; the move before a
    // deal's first one in the period is its last one before the period, looked up by deal.
    const stages = await this.query<StageVelocity>(
      `WITH moves AS (
         SELECT h.deal_id, h.to_stage_id AS stage_id, h.moved_at,
                lag(h.to_stage_id) OVER deal_moves AS before_stage_id, lag(h.moved_at) OVER deal_moves AS before_at
           FROM deal_stage_history h JOIN stages s ON s.id = h.to_stage_id
          WHERE h.to_stage_id = ANY (${pipelineStageIds(pipeline)}) AND h.moved_at >= ${start} AND h.moved_at < ${end}
            AND h.deal_id IN (SELECT d.id FROM deals d ${deal.joins} WHERE ${deal.where})
         WINDOW deal_moves AS (PARTITION BY h.deal_id ORDER BY h.moved_at, s.position, h.id)),
       ended_stays AS (
         SELECT m.before_stage_id AS stage_id, ${days('m.moved_at', 'm.before_at')} AS days
           FROM moves m WHERE m.before_at IS NOT NULL
         UNION ALL
         SELECT b.stage_id, ${days('m.moved_at', 'b.moved_at')}
           FROM moves m CROSS JOIN LATERAL (
                  SELECT h.to_stage_id AS stage_id, h.moved_at
                    FROM deal_stage_history h JOIN stages s ON s.id = h.to_stage_id
                   WHERE h.deal_id = m.deal_id AND h.moved_at < ${start}
                   ORDER BY h.moved_at DESC, s.position DESC, h.id DESC LIMIT 1) b
          WHERE m.before_at IS NULL),
       ended AS (
         SELECT stage_id, count(*)::int AS stays,
                round(percentile_cont(0.5) WITHIN GROUP (ORDER BY days)::numeric, 1)::float8 AS median,
                round(percentile_cont(0.9) WITHIN GROUP (ORDER BY days)::numeric, 1)::float8 AS p90
           FROM ended_stays GROUP BY stage_id),
       open_now AS (
         SELECT d.stage_id, count(*)::int AS open,
                count(*) FILTER (WHERE s.sla_days IS NOT NULL AND d.stage_entered_at < now() - make_interval(days => s.sla_days))::int AS over_sla
           FROM deals d ${deal.joins} JOIN stages s ON s.id = d.stage_id
          WHERE ${deal.where} AND d.closed_at IS NULL GROUP BY d.stage_id)
       SELECT s.id AS "stageId", s.code, s.name, s.name_en AS "nameEn", s.sla_days AS "slaDays",
              coalesce(e.stays, 0) AS stays, e.median AS "medianDays", e.p90 AS "p90Days",
              coalesce(o.open, 0) AS "openNow", coalesce(o.over_sla, 0) AS "overSlaNow"
         FROM stages s LEFT JOIN ended e ON e.stage_id = s.id LEFT JOIN open_now o ON o.stage_id = s.id
        WHERE s.pipeline_id = ${pipeline} AND s.retired_at IS NULL AND s.kind = 'open'
        ORDER BY s.position`,
      p,
    );
    const q = new SqlParams();
    const [from, to] = [q.add(period.start), q.add(period.end)];
    const cycles = q.add(filters.pipelineId);
    const cycleDeal = dealFilter(q, filters);
    const stagesOf = (condition: string) =>
      `ARRAY(SELECT id FROM stages WHERE pipeline_id = ${cycles} AND ${condition})`;
    const toWhat = (stage: string) =>
      `CASE WHEN ${stage}.kind = 'won' THEN 'tenant' ELSE 'signed' END`;
    const cycleTimes = await this.query<CycleTime>(
      `WITH entered AS (
         -- The filtered deals' entries into Signed, or into the won stage, in the period (by stage
         -- and date, or by deal for an owner's deals), the first of each deal and kind…
         SELECT x.deal_id, ${toWhat('s')} AS "to", min(x.moved_at) AS at, d.lead_id, d.created_at
           FROM deal_stage_history x JOIN stages s ON s.id = x.to_stage_id
           JOIN deals d ON d.id = x.deal_id ${cycleDeal.joins}
          WHERE s.pipeline_id = ${cycles} AND (s.code = 'signed' OR s.kind = 'won')
            AND x.moved_at >= ${from} AND x.moved_at < ${to} AND ${cycleDeal.where}
          GROUP BY x.deal_id, 2, d.id),
       -- … counted where it was the deal's first entry of that kind ever: none before the period,
       -- looked up by deal (a flag, not a filter, so that the joins are planned for every entry).
       cycles AS (
         SELECT f."to", ${days('f.at', 'coalesce(l.created_at, f.created_at)')} AS days, earlier.at IS NULL AS first
           FROM entered f LEFT JOIN leads l ON l.id = f.lead_id
           LEFT JOIN LATERAL (
             SELECT e.moved_at AS at FROM deal_stage_history e
              WHERE e.deal_id = f.deal_id AND e.moved_at < ${from}
                AND e.to_stage_id = ANY (CASE f."to" WHEN 'tenant' THEN ${stagesOf(`kind = 'won'`)}
                                         ELSE ${stagesOf(`code = 'signed' AND kind <> 'won'`)} END)
              LIMIT 1) earlier ON true)
       SELECT t."to", count(c.days) FILTER (WHERE c.first)::int AS deals,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY c.days) FILTER (WHERE c.first)::numeric, 1)::float8 AS "medianDays",
              round(percentile_cont(0.9) WITHIN GROUP (ORDER BY c.days) FILTER (WHERE c.first)::numeric, 1)::float8 AS "p90Days"
         FROM (VALUES ('signed'), ('tenant')) AS t("to") LEFT JOIN cycles c ON c."to" = t."to"
        GROUP BY t."to" ORDER BY t."to"`,
      q,
    );
    return { stages, cycleTimes };
  }

  /**
   * Open deals by the month (or quarter) of their target move-in, weighted by their stage's
   * probability: expected signings (deals not yet signed), move-ins, area, compute and investment.
   */
  async forecast(
    period: ReportPeriod,
    filters: DealFilters,
    granularity: 'month' | 'quarter',
  ): Promise<{
    buckets: ForecastBucket[];
    availableArea: string;
    computeRemainingCardHours: string;
  }> {
    const p = new SqlParams();
    const unit = p.add(granularity);
    const buckets = await this.query<ForecastBucket>(
      `WITH ${dealScope(p, filters)},
       signed AS (SELECT position FROM stages WHERE pipeline_id = ${p.add(filters.pipelineId)} AND code = 'signed')
       SELECT to_char(date_trunc(${unit}::text, d.target_move_in_date::timestamp), 'YYYY-MM-DD') AS "periodStart",
              count(*)::int AS deals,
              round(coalesce(sum(s.probability / 100.0) FILTER (WHERE s.position < coalesce((SELECT position FROM signed), 0)), 0), 2)::float8 AS "weightedSignings",
              round(sum(s.probability / 100.0), 2)::float8 AS "weightedMoveIns",
              round(sum(coalesce(d.expected_area, 0) * s.probability / 100.0), 2)::text AS "weightedArea",
              round(sum(coalesce(d.expected_compute_card_hours, 0) * s.probability / 100.0), 2)::text AS "weightedComputeCardHours",
              round(sum(coalesce(d.expected_investment, 0) * s.probability / 100.0), 2)::text AS "weightedInvestment"
         FROM scope d JOIN stages s ON s.id = d.stage_id
        WHERE d.closed_at IS NULL AND s.kind = 'open'
          AND d.target_move_in_date >= ${p.add(period.from)}::date AND d.target_move_in_date < ${p.add(period.to)}::date
        GROUP BY 1 ORDER BY 1`,
      p,
    );
    const [supply] = await this.txHost.tx.query<
      { availableArea: string; computeRemainingCardHours: string }[]
    >(
      `SELECT (SELECT coalesce(sum(area), 0) FROM units WHERE status = 'available')::numeric(14,2)::text AS "availableArea",
              (SELECT coalesce(sum(coalesce(remaining, amount)), 0) FROM compute_allocations
                WHERE status = 'active' AND unit = 'card_hour')::numeric(16,2)::text AS "computeRemainingCardHours"`,
    );
    return { buckets, ...supply };
  }
}
