import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { LEAD_SOURCES } from '../leads/lead.enums';
import { dealFilter, pipelineStageIds, SqlParams, type DealFilters } from './report-sql';
import type { ReportPeriod } from './report-period';

export interface SourceRow {
  source: string;
  leads: number;
  qualified: number;
  converted: number;
  disqualified: number;
  conversionRate: number | null;
  signed: number;
}

/** Visits of one Beijing week (Monday), by outcome. */
export interface VisitWeek {
  weekStart: string;
  visits: number;
  completed: number;
  noShows: number;
  cancelled: number;
}

/** One host at one place over the period, and week by week. */
export interface VisitHostRow {
  hostId: string;
  hostName: string;
  placeType: string;
  place: string;
  visits: number;
  completed: number;
  noShows: number;
  cancelled: number;
  /** The same counts in each week of the report's `weeks`, in their order. */
  weekly: { visits: number[]; completed: number[]; noShows: number[]; cancelled: number[] };
}

export interface VisitSummary {
  visits: number;
  completed: number;
  noShows: number;
  cancelled: number;
  scheduled: number;
  /** Completed among the visits that were due (completed or no-show). */
  completionRate: number | null;
  noShowRate: number | null;
  visitedDeals: number;
  visitedDealsSigned: number;
  /** Share of the deals with a completed visit in the period that reached Signed. */
  visitedToSignedRate: number | null;
}

export interface TeamRow {
  userId: string;
  displayName: string;
  leads: number;
  visits: number;
  stageMoves: number;
  signings: number;
  overdueTasks: number;
}

const rate = (part: string, whole: string) =>
  `round(${part}::numeric / nullif(${whole}, 0), 4)::float8`;

/** Sources, site visits and the team: where leads come from and how the people work them. */
@Injectable()
export class ActivityReportsService {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private query<T>(sql: string, params: SqlParams): Promise<T[]> {
    return this.txHost.tx.query<T[]>(sql, params.values);
  }

  /**
   * Leads created in the period by source, how far they went, and how many signed (have a live
   * deal that entered Signed). A lead's firm is joined only to filter by its AI segment.
   */
  sources(period: ReportPeriod, filters: Omit<DealFilters, 'pipelineId'>): Promise<SourceRow[]> {
    const p = new SqlParams();
    const conditions = [
      `l.deleted_at IS NULL`,
      `l.created_at >= ${p.add(period.start)}`,
      `l.created_at < ${p.add(period.end)}`,
    ];
    if (filters.ownerId) conditions.push(`l.owner_id = ${p.add(filters.ownerId)}`);
    if (filters.source) conditions.push(`l.source = ${p.add(filters.source)}`);
    if (filters.aiSegment) conditions.push(`c.ai_segment = ${p.add(filters.aiSegment)}`);
    const firm = filters.aiSegment ? 'JOIN companies c ON c.id = l.company_id' : '';
    // The signed leads are counted by a semi-join, which the planner runs from either side: the
    // few leads of a promoter's month to their deals (idx_deals_lead), or the park's signings
    // to their leads.
    return this.query<SourceRow>(
      `WITH picked AS (
         SELECT l.id, l.source, l.status, l.converted_at FROM leads l ${firm} WHERE ${conditions.join(' AND ')}),
       counted AS (
         SELECT x.source, count(*)::int AS leads,
                count(*) FILTER (WHERE x.status IN ('qualified', 'converted'))::int AS qualified,
                count(*) FILTER (WHERE x.converted_at IS NOT NULL)::int AS converted,
                count(*) FILTER (WHERE x.status = 'disqualified')::int AS disqualified
           FROM picked x GROUP BY x.source),
       signed AS (
         SELECT x.source, count(*)::int AS signed FROM picked x
          WHERE x.id IN (
            SELECT d.lead_id FROM deals d JOIN deal_stage_history h ON h.deal_id = d.id
              JOIN stages s ON s.id = h.to_stage_id
             WHERE d.deleted_at IS NULL AND s.code = 'signed')
          GROUP BY x.source)
       SELECT src.source, coalesce(c.leads, 0) AS leads, coalesce(c.qualified, 0) AS qualified,
              coalesce(c.converted, 0) AS converted, coalesce(c.disqualified, 0) AS disqualified,
              ${rate('coalesce(c.converted, 0)', 'coalesce(c.leads, 0)')} AS "conversionRate",
              coalesce(sg.signed, 0) AS signed
         FROM unnest(${p.add([...LEAD_SOURCES], '::text[]')}) WITH ORDINALITY AS src(source, n)
         LEFT JOIN counted c ON c.source = src.source
         LEFT JOIN signed sg ON sg.source = src.source
        ${filters.source ? `WHERE src.source = ${p.add(filters.source)}` : ''}
        ORDER BY src.n`,
      p,
    );
  }

  /**
   * Visits that started in the period, by Beijing week, and by host and place with their weeks as
   * figures aligned with the weeks (not a row per week, host and place: a year of the park was
   * 9,000 rows, 1.3 MB of JSON). A visit with two hosts counts for each host.
   */
  async siteVisits(
    period: ReportPeriod,
    filters: DealFilters,
  ): Promise<{ weeks: VisitWeek[]; hosts: VisitHostRow[]; summary: VisitSummary }> {
    const p = new SqlParams();
    const deal = dealFilter(p, filters);
    const visits = `visits AS (
         SELECT v.* FROM site_visits v JOIN deals d ON d.id = v.deal_id ${deal.joins}
          WHERE ${deal.where} AND v.starts_at >= ${p.add(period.start)} AND v.starts_at < ${p.add(period.end)})`;
    const week = `to_char(date_trunc('week', v.starts_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')`;
    const outcomes = `count(*)::int AS visits,
              count(*) FILTER (WHERE v.status = 'completed')::int AS completed,
              count(*) FILTER (WHERE v.status = 'no_show')::int AS "noShows",
              count(*) FILTER (WHERE v.status = 'cancelled')::int AS cancelled`;
    const [{ weeks, hosts }] = await this.query<{ weeks: VisitWeek[]; hosts: VisitHostRow[] }>(
      `WITH ${visits},
       weeks AS MATERIALIZED (
         SELECT ${week} AS "weekStart", ${outcomes} FROM visits v GROUP BY 1),
       cells AS MATERIALIZED (
         SELECT ${week} AS week, h.user_id AS host_id, v.place_type, coalesce(v.place_label, '') AS place, ${outcomes}
           FROM visits v JOIN site_visit_hosts h ON h.visit_id = v.id GROUP BY 1, 2, 3, 4),
       hosts AS (
         SELECT k.host_id AS "hostId", u.display_name AS "hostName", k.place_type AS "placeType", k.place,
                sum(c.visits)::int AS visits, sum(c.completed)::int AS completed,
                sum(c."noShows")::int AS "noShows", sum(c.cancelled)::int AS cancelled,
                json_build_object(
                  'visits', array_agg(coalesce(c.visits, 0) ORDER BY w."weekStart"),
                  'completed', array_agg(coalesce(c.completed, 0) ORDER BY w."weekStart"),
                  'noShows', array_agg(coalesce(c."noShows", 0) ORDER BY w."weekStart"),
                  'cancelled', array_agg(coalesce(c.cancelled, 0) ORDER BY w."weekStart")) AS weekly
           FROM (SELECT DISTINCT host_id, place_type, place FROM cells) k
           JOIN users u ON u.id = k.host_id
          CROSS JOIN weeks w
           LEFT JOIN cells c ON c.host_id = k.host_id AND c.place_type = k.place_type AND c.place = k.place
                            AND c.week = w."weekStart"
          GROUP BY k.host_id, u.display_name, k.place_type, k.place)
       SELECT (SELECT coalesce(json_agg(w ORDER BY w."weekStart"), '[]') FROM weeks w) AS weeks,
              (SELECT coalesce(json_agg(x ORDER BY x."hostName", x."placeType", x.place, x."hostId"), '[]')
                 FROM hosts x) AS hosts`,
      p,
    );
    const [summary] = await this.query<VisitSummary>(
      `WITH ${visits},
       visited AS (SELECT DISTINCT deal_id FROM visits WHERE status = 'completed'),
       visited_signed AS (
         SELECT DISTINCT x.deal_id FROM visited x JOIN deal_stage_history h ON h.deal_id = x.deal_id
           JOIN stages s ON s.id = h.to_stage_id WHERE s.code = 'signed')
       SELECT count(*)::int AS visits,
              count(*) FILTER (WHERE status = 'completed')::int AS completed,
              count(*) FILTER (WHERE status = 'no_show')::int AS "noShows",
              count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
              count(*) FILTER (WHERE status = 'scheduled')::int AS scheduled,
              ${rate(`count(*) FILTER (WHERE status = 'completed')`, `count(*) FILTER (WHERE status IN ('completed', 'no_show'))`)} AS "completionRate",
              ${rate(`count(*) FILTER (WHERE status = 'no_show')`, `count(*) FILTER (WHERE status IN ('completed', 'no_show'))`)} AS "noShowRate",
              (SELECT count(*) FROM visited)::int AS "visitedDeals",
              (SELECT count(*) FROM visited_signed)::int AS "visitedDealsSigned",
              ${rate('(SELECT count(*) FROM visited_signed)', '(SELECT count(*) FROM visited)')} AS "visitedToSignedRate"
         FROM visits`,
      p,
    );
    return { weeks, hosts, summary };
  }

  /** Per promoter (or the one asked for): leads, visits, stage moves, signings, overdue tasks. */
  team(
    period: ReportPeriod,
    filters: { pipelineId: string; ownerId?: string },
  ): Promise<TeamRow[]> {
    const p = new SqlParams();
    const [start, end] = [p.add(period.start), p.add(period.end)];
    const within = (column: string) => `${column} >= ${start} AND ${column} < ${end}`;
    const people = filters.ownerId
      ? `u.id = ${p.add(filters.ownerId)}`
      : `u.role = 'promoter' AND u.active AND u.deleted_at IS NULL`;
    const pipeline = p.add(filters.pipelineId);
    return this.query<TeamRow>(
      `WITH people AS (SELECT u.id, u.display_name FROM users u WHERE ${people}),
       leads_of AS (
         SELECT l.owner_id AS user_id, count(*)::int AS n FROM leads l
          WHERE l.owner_id IN (SELECT id FROM people) AND l.deleted_at IS NULL AND ${within('l.created_at')} GROUP BY 1),
       visits_of AS (
         SELECT h.user_id, count(*)::int AS n FROM site_visit_hosts h JOIN site_visits v ON v.id = h.visit_id
          WHERE h.user_id IN (SELECT id FROM people) AND v.status = 'completed' AND ${within('v.starts_at')} GROUP BY 1),
       moves_of AS (
         SELECT h.moved_by_id AS user_id, count(*)::int AS n FROM deal_stage_history h
          WHERE h.moved_by_id IN (SELECT id FROM people) AND h.to_stage_id = ANY (${pipelineStageIds(pipeline)})
            AND ${within('h.moved_at')} GROUP BY 1),
       signings_of AS (
         SELECT d.owner_id AS user_id, count(DISTINCT d.id)::int AS n FROM deals d
           JOIN deal_stage_history h ON h.deal_id = d.id JOIN stages s ON s.id = h.to_stage_id
          WHERE d.owner_id IN (SELECT id FROM people) AND d.deleted_at IS NULL AND s.code = 'signed' AND ${within('h.moved_at')} GROUP BY 1),
       overdue_of AS (
         SELECT t.assignee_id AS user_id, count(*)::int AS n FROM tasks t
          WHERE t.assignee_id IN (SELECT id FROM people) AND t.status = 'open' AND t.deleted_at IS NULL AND t.due_at < now() GROUP BY 1)
       SELECT u.id AS "userId", u.display_name AS "displayName", coalesce(l.n, 0) AS leads, coalesce(v.n, 0) AS visits,
              coalesce(m.n, 0) AS "stageMoves", coalesce(s.n, 0) AS signings, coalesce(o.n, 0) AS "overdueTasks"
         FROM people u LEFT JOIN leads_of l ON l.user_id = u.id LEFT JOIN visits_of v ON v.user_id = u.id
         LEFT JOIN moves_of m ON m.user_id = u.id LEFT JOIN signings_of s ON s.user_id = u.id
         LEFT JOIN overdue_of o ON o.user_id = u.id
        ORDER BY u.display_name`,
      p,
    );
  }
}
