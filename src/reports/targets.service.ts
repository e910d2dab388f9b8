import { Transactional, TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import { updateVersioned, versionMismatch } from '../common/concurrency/versioned-update';
import { fieldError, notFound, ProblemException } from '../common/errors/problem.exception';
import { paginate, type ListSpec } from '../common/pagination/keyset';
import type { Page } from '../common/pagination/page';
import type { CreateTargetDto, ListTargetsQuery, UpdateTargetDto } from './dto/target.dto';
import { Target } from './target.entity';

export interface TargetProgress extends Target {
  actual: string;
  /** actual / value, 4 decimals. */
  progress: number;
  met: boolean;
  /** Share of the period elapsed (0 to 1). */
  elapsed: number;
  /** What was achieved per month so far, and what each remaining month needs to meet it. */
  runRatePerMonth: string;
  neededPerMonth: string | null;
  onTrack: boolean;
}

const MONTH_SECONDS = 30.4375 * 86_400;

/** Targets: the period ending soonest first unless asked otherwise (few rows, no index needed). */
const TARGET_LIST: ListSpec = {
  sortable: {
    periodEnd: { column: 't.periodEnd', property: 'periodEnd' },
    periodStart: { column: 't.periodStart', property: 'periodStart' },
    name: { column: 't.name', property: 'name' },
    metric: { column: 't.metric', property: 'metric' },
    createdAt: { column: 't.createdAt', property: 'createdAt' },
    updatedAt: { column: 't.updatedAt', property: 'updatedAt' },
  },
  defaultSort: 'periodEnd',
  idColumn: 't.id',
};

/**
 * The park's goals as data, and their progress computed from the records: each metric is one
 * SQL subquery over the target's period (Beijing days).
 */
@Injectable()
export class TargetsService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly audit: AuditService,
  ) {}

  private get targets() {
    return this.txHost.tx.getRepository(Target);
  }

  list(query: ListTargetsQuery = {}): Promise<Page<Target>> {
    const qb = this.targets.createQueryBuilder('t');
    if (query.metric) qb.andWhere('t.metric = :metric', { metric: query.metric });
    return paginate(qb, query, TARGET_LIST);
  }

  async get(id: string): Promise<Target> {
    const target = await this.targets.findOneBy({ id });
    if (!target) throw notFound('Target', id);
    return target;
  }

  @Transactional()
  async create(dto: CreateTargetDto): Promise<Target> {
    this.checkPeriod(dto.periodStart, dto.periodEnd);
    const saved = await this.targets.save(this.targets.create(dto));
    await this.audit.record({
      entityType: 'Target',
      entityId: saved.id,
      action: 'create',
      after: saved,
    });
    return this.get(saved.id);
  }

  @Transactional()
  async update(id: string, version: number, dto: UpdateTargetDto): Promise<Target> {
    const current = await this.get(id);
    this.checkPeriod(dto.periodStart ?? current.periodStart, dto.periodEnd ?? current.periodEnd);
    const { before, after } = await updateVersioned(this.txHost.tx, Target, 'Target', id, version, {
      ...dto,
    });
    await this.audit.record({
      entityType: 'Target',
      entityId: id,
      action: 'update',
      before,
      after,
    });
    return after;
  }

  @Transactional()
  async remove(id: string, version: number): Promise<void> {
    const current = await this.get(id);
    if (current.version !== version) throw versionMismatch('Target', id, current.version, version);
    // Only the version read: of concurrent deletes one removes the row, the others find it gone
    // (404) or changed (412) instead of each deleting "it" and writing an audit entry.
    const { affected } = await this.targets.delete({ id, version });
    if (affected !== 1) {
      const now = await this.get(id);
      throw versionMismatch('Target', id, now.version, version);
    }
    await this.audit.record({
      entityType: 'Target',
      entityId: id,
      action: 'delete',
      before: current,
    });
  }

  private checkPeriod(start: string, end: string) {
    if (end <= start)
      throw new ProblemException('VALIDATION_FAILED', 'periodEnd must be after periodStart', {
        errors: [fieldError('periodEnd', 'end_before_start', 'must be after periodStart')],
      });
  }

  /** Every target (or those overlapping a period) with its actual figure and the pace needed. */
  progress(overlapping?: { from: string; to: string }): Promise<TargetProgress[]> {
    const params: unknown[] = [MONTH_SECONDS];
    let where = '';
    if (overlapping) {
      params.push(overlapping.from, overlapping.to);
      where = `WHERE t.period_end > $2::date AND t.period_start < $3::date`;
    }
    return this.txHost.tx.query<TargetProgress[]>(
      `WITH bounded AS (
         SELECT t.*, (t.period_start::timestamp AT TIME ZONE 'Asia/Shanghai') AS starts,
                (t.period_end::timestamp AT TIME ZONE 'Asia/Shanghai') AS ends
           FROM targets t ${where}),
       measured AS MATERIALIZED (
         SELECT b.*, CASE b.metric
           WHEN 'enterprises_signed' THEN (
             SELECT count(DISTINCT d.company_id) FROM deals d JOIN deal_stage_history h ON h.deal_id = d.id
               JOIN stages s ON s.id = h.to_stage_id
              WHERE d.deleted_at IS NULL AND s.code = 'signed' AND h.moved_at >= b.starts AND h.moved_at < b.ends)
           WHEN 'tenants' THEN (
             SELECT count(DISTINCT d.company_id) FROM deals d JOIN deal_stage_history h ON h.deal_id = d.id
               JOIN stages s ON s.id = h.to_stage_id
              WHERE d.deleted_at IS NULL AND s.kind = 'won' AND h.moved_at >= b.starts AND h.moved_at < b.ends)
           WHEN 'listed_companies' THEN (
             SELECT count(*) FROM companies c WHERE c.deleted_at IS NULL AND c.listing_status = 'listed'
                AND c.status IN ('signed', 'tenant'))
           WHEN 'ai_revenue' THEN (
             SELECT coalesce(sum(r.ai_revenue), 0) FROM company_revenues r JOIN companies c ON c.id = r.company_id
              WHERE c.deleted_at IS NULL AND c.status IN ('signed', 'tenant')
                AND r.year >= extract(year FROM b.period_start) AND r.year < extract(year FROM b.period_end - 1) + 1)
           WHEN 'compute_accounts_active' THEN (SELECT count(*) FROM compute_accounts WHERE status = 'active')
           WHEN 'card_hours_used' THEN (
             SELECT coalesce(sum(u.card_hours), 0) FROM compute_usage u WHERE u.day >= b.period_start AND u.day < b.period_end)
         END::numeric AS actual,
         -- "More than 4" companies means at least 5.
         CASE WHEN b.comparison = 'more_than' THEN b.value + 1 ELSE b.value END AS threshold,
         least(greatest(extract(epoch FROM now() - b.starts) / extract(epoch FROM b.ends - b.starts), 0), 1) AS elapsed,
         greatest(extract(epoch FROM b.ends - greatest(now(), b.starts)) / $1, 0) AS months_left,
         greatest(extract(epoch FROM least(now(), b.ends) - b.starts) / $1, 0) AS months_gone
           FROM bounded b)
       SELECT id, name, name_en AS "nameEn", metric, comparison, value::text, to_char(period_start, 'YYYY-MM-DD') AS "periodStart",
              to_char(period_end, 'YYYY-MM-DD') AS "periodEnd", version, created_at AS "createdAt", updated_at AS "updatedAt",
              actual::numeric(18,2)::text AS actual,
              round(actual / nullif(value, 0), 4)::float8 AS progress,
              actual >= threshold AS met,
              round(elapsed::numeric, 4)::float8 AS elapsed,
              round(CASE WHEN months_gone > 0 THEN actual / months_gone::numeric ELSE 0 END, 2)::text AS "runRatePerMonth",
              CASE WHEN actual >= threshold THEN NULL
                   WHEN months_left > 0 THEN round((threshold - actual) / months_left::numeric, 2)::text END AS "neededPerMonth",
              (actual >= threshold OR (elapsed > 0 AND actual / elapsed::numeric >= threshold)) AS "onTrack"
         FROM measured ORDER BY period_start, name`,
      params,
    );
  }
}
