import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import type { Environment } from '../../config/environment';
import { JobsService } from '../../jobs/jobs.service';

export const REPORT_CACHE_PRUNE_QUEUE = 'report-cache-prune';
/** Changes are kept well past the longest TTL, so that a live entry never outlives its evidence. */
const CHANGES_KEPT = '2 days';

/**
 * Report results kept in PostgreSQL (shared by every instance) and served while nothing they read
 * has changed. A result is stored with the snapshot it was computed from and the tables its
 * transaction read (`pg_stat_xact_user_tables`); every write to those tables records its
 * transaction in `report_changes` (statement triggers, see the ReportCache migration); a result
 * is served only if no change that its snapshot did not see has committed since, and within
 * REPORT_CACHE_TTL_SECONDS (the reports that count against `now()`, such as tasks overdue, move
 * with the clock). One computation per key at a time: the others wait for it and read its result.
 */
@Injectable()
export class ReportCacheService implements OnModuleInit {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly config: ConfigService<Environment, true>,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.define({
      queue: REPORT_CACHE_PRUNE_QUEUE,
      cron: '*/30 * * * *',
      handler: async () => void (await this.prune()),
    });
  }

  /**
   * `compute`'s result for `report` and `input` (its period, filters…: everything it depends on
   * besides the data), from the cache when still valid. What it returns goes through JSON.
   */
  async remember<T>(report: string, input: unknown, compute: () => Promise<T>): Promise<T> {
    return JSON.parse(await this.rememberJson(report, input, compute)) as T;
  }

  /** The same, as the result's JSON text (sent as is, without parsing and serialising again). */
  async rememberJson(
    report: string,
    input: unknown,
    compute: () => Promise<unknown>,
  ): Promise<string> {
    const ttl = this.config.get('REPORT_CACHE_TTL_SECONDS', { infer: true });
    // Inside a caller's transaction, its own uncommitted writes would be invisible to the check.
    if (ttl === 0 || this.txHost.isTransactionActive()) return JSON.stringify(await compute());
    const key = `${report}:${createHash('sha256').update(JSON.stringify(input)).digest('base64url')}`;
    const cached = await this.read(key, ttl);
    if (cached) return cached.body;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
      const computedMeanwhile = await this.read(key, ttl);
      if (computedMeanwhile) return computedMeanwhile.body;
      // The backend's scan counters also hold earlier transactions' scans not yet flushed to the
      // shared statistics: the tables read are those whose counters grow while computing.
      const [{ snapshot, scans }] = await tx.query<{ snapshot: string; scans: string }[]>(
        `SELECT pg_current_snapshot()::text AS snapshot,
                (SELECT coalesce(json_object_agg(relname, seq_scan + coalesce(idx_scan, 0)), '{}')
                   FROM pg_stat_xact_user_tables WHERE schemaname = 'public')::text AS scans`,
      );
      const body = JSON.stringify(await compute());
      // Kept only if every table read is watched by the change trigger; a table added later
      // without it makes the report uncached rather than stale.
      await tx.query(
        `WITH read AS (
           SELECT coalesce(array_agg(relname::text ORDER BY relname), '{}') AS tables
             FROM pg_stat_xact_user_tables
            WHERE schemaname = 'public' AND relname NOT IN ('report_cache', 'report_changes')
              AND seq_scan + coalesce(idx_scan, 0) > coalesce(($4::json ->> relname::text)::bigint, 0))
         INSERT INTO report_cache (key, tables, snapshot, body, computed_at)
         SELECT $1, read.tables, $2::pg_snapshot, $3::json, now() FROM read
          WHERE NOT EXISTS (
            SELECT 1 FROM unnest(read.tables) AS t(name)
             WHERE NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
                                JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE n.nspname = 'public' AND c.relname = t.name AND g.tgname = 'report_change'))
         ON CONFLICT (key) DO UPDATE
           SET tables = EXCLUDED.tables, snapshot = EXCLUDED.snapshot, body = EXCLUDED.body,
               computed_at = EXCLUDED.computed_at`,
        [key, snapshot, body, scans],
      );
      return body;
    });
  }

  private async read(key: string, ttlSeconds: number): Promise<{ body: string } | undefined> {
    const [row] = await this.txHost.tx.query<{ body: string }[]>(
      `SELECT c.body::text AS body FROM report_cache c
        WHERE c.key = $1 AND c.computed_at > now() - make_interval(secs => $2)
          AND NOT EXISTS (
            SELECT 1 FROM report_changes r
             WHERE r.table_name = ANY (c.tables) AND r.xid >= pg_snapshot_xmin(c.snapshot)
               AND NOT pg_visible_in_snapshot(r.xid, c.snapshot))`,
      [key, ttlSeconds],
    );
    return row;
  }

  /** Drops expired results and the changes no live result can need. */
  async prune(): Promise<{ results: number; changes: number }> {
    const ttl = this.config.get('REPORT_CACHE_TTL_SECONDS', { infer: true });
    const [, results] = await this.txHost.tx.query<[unknown, number]>(
      'DELETE FROM report_cache WHERE computed_at <= now() - make_interval(secs => $1)',
      [ttl],
    );
    const [, changes] = await this.txHost.tx.query<[unknown, number]>(
      `DELETE FROM report_changes WHERE changed_at < now() - interval '${CHANGES_KEPT}'`,
    );
    return { results, changes };
  }
}
