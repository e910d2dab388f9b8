import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import type { ReportPeriod } from './report-period';
import { beijingMidnight, beijingToday } from '../common/time/beijing';

/** The park's card-hours in one month of the period. */
export interface ComputeUsageMonth {
  month: string;
  cardHours: string;
  /** Accounts with usage that month. */
  accounts: number;
}

export interface ComputeTenantRow {
  companyId: string;
  companyName: string;
  accountStatus: string;
  /** Card-hours granted by subsidies, and how much of them is used (allocated − remaining). */
  subsidyAllocated: string;
  subsidyConsumed: string;
  subsidyRemaining: string;
  /** All card-hours used in the period, subsidised or not. */
  usedInPeriod: string;
  /** Card-hours used in each month of the report's `months`, in their order ('0.00' for none). */
  monthly: string[];
}

export interface Overview {
  openDeals: number;
  weightedPipelineInvestment: string;
  signedThisYear: number;
  tenants: number;
  visitsThisMonth: number;
  overdueTasks: number;
  activeComputeAccounts: number;
  cardHoursThisMonth: string;
}

/** Compute usage and the dashboard's headline figures. */
@Injectable()
export class ParkReportsService {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  /**
   * The park's usage per month, and per tenant: its subsidy and its usage per month, as figures
   * aligned with the months (one row per tenant, not per tenant and month: 2,000 accounts over a
   * year were 24,000 rows, 4.5 MB of JSON).
   */
  async computeUsage(
    period: ReportPeriod,
  ): Promise<{ months: ComputeUsageMonth[]; tenants: ComputeTenantRow[] }> {
    const params = [period.from, period.to];
    // The usage of the period by day (idx_compute_usage_day), summed per account and month once.
    const [{ months, tenants }] = await this.txHost.tx.query<
      { months: ComputeUsageMonth[]; tenants: ComputeTenantRow[] }[]
    >(
      `WITH monthly AS MATERIALIZED (
         SELECT account_id, to_char(day, 'YYYY-MM') AS month, sum(card_hours) AS hours FROM compute_usage
          WHERE day >= $1::date AND day < $2::date GROUP BY 1, 2),
       months AS MATERIALIZED (
         SELECT month, sum(hours)::numeric(16,2)::text AS "cardHours", count(*)::int AS accounts
           FROM monthly GROUP BY month),
       per_account AS (
         SELECT a.id AS account_id, sum(mine.hours) AS used,
                array_agg(coalesce(mine.hours, 0)::numeric(16,2)::text ORDER BY m.month) AS monthly
           FROM compute_accounts a CROSS JOIN months m
           LEFT JOIN monthly mine ON mine.account_id = a.id AND mine.month = m.month
          GROUP BY a.id),
       tenants AS (
         SELECT a.company_id AS "companyId", (SELECT c.name FROM companies c WHERE c.id = a.company_id) AS "companyName",
                a.status AS "accountStatus",
                coalesce(l.allocated, 0)::numeric(16,2)::text AS "subsidyAllocated",
                coalesce(l.allocated - l.remaining, 0)::numeric(16,2)::text AS "subsidyConsumed",
                coalesce(l.remaining, 0)::numeric(16,2)::text AS "subsidyRemaining",
                coalesce(u.used, 0)::numeric(16,2)::text AS "usedInPeriod",
                coalesce(u.monthly, '{}') AS monthly
           FROM compute_accounts a
           LEFT JOIN LATERAL (
             SELECT sum(amount) AS allocated, sum(coalesce(remaining, amount)) AS remaining FROM compute_allocations
              WHERE account_id = a.id AND unit = 'card_hour' AND kind = 'subsidy_voucher'
                AND status IN ('active', 'exhausted', 'expired')) l ON true
           LEFT JOIN per_account u ON u.account_id = a.id)
       SELECT (SELECT coalesce(json_agg(m ORDER BY m.month), '[]') FROM months m) AS months,
              (SELECT coalesce(json_agg(t ORDER BY t."companyName", t."companyId"), '[]') FROM tenants t) AS tenants`,
      params,
    );
    return { months, tenants };
  }

  /** The handful of figures the dashboard opens with, for the whole park, in one statement. */
  async overview(pipelineId: string, now = new Date()): Promise<Overview> {
    const today = beijingToday(now);
    const yearStart = beijingMidnight(`${today.slice(0, 4)}-01-01`);
    const monthStart = beijingMidnight(`${today.slice(0, 7)}-01`);
    const [row] = await this.txHost.tx.query<Overview[]>(
      `SELECT
         (SELECT count(*) FROM deals d JOIN stages s ON s.id = d.stage_id
           WHERE d.deleted_at IS NULL AND d.pipeline_id = $1 AND s.kind = 'open')::int AS "openDeals",
         (SELECT coalesce(sum(d.expected_investment * s.probability / 100.0), 0) FROM deals d JOIN stages s ON s.id = d.stage_id
           WHERE d.deleted_at IS NULL AND d.pipeline_id = $1 AND s.kind = 'open')::numeric(18,2)::text AS "weightedPipelineInvestment",
         (SELECT count(DISTINCT d.company_id) FROM deals d JOIN deal_stage_history h ON h.deal_id = d.id JOIN stages s ON s.id = h.to_stage_id
           WHERE d.deleted_at IS NULL AND s.code = 'signed' AND h.moved_at >= $2)::int AS "signedThisYear",
         (SELECT count(*) FROM companies WHERE deleted_at IS NULL AND status = 'tenant')::int AS tenants,
         (SELECT count(*) FROM site_visits WHERE status = 'completed' AND starts_at >= $3)::int AS "visitsThisMonth",
         (SELECT count(*) FROM tasks WHERE status = 'open' AND deleted_at IS NULL AND due_at < now())::int AS "overdueTasks",
         (SELECT count(*) FROM compute_accounts WHERE status = 'active')::int AS "activeComputeAccounts",
         (SELECT coalesce(sum(card_hours), 0) FROM compute_usage WHERE day >= $4::date)::numeric(16,2)::text AS "cardHoursThisMonth"`,
      [pipelineId, yearStart, monthStart, `${today.slice(0, 7)}-01`],
    );
    return row;
  }
}
