import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createHash } from 'node:crypto';
import type { Environment } from '../../config/environment';
import { JobsService } from '../../jobs/jobs.service';

export const REPORT_CACHE_PRUNE_QUEUE = 'report-cache-prune';
/** Changes are kept well past the longest TTL, so that a live entry never outlives its evidence. */
const CHANGES_KEPT = '2 days';
/**
 * Raised whenever a report's answer changes shape, so that results kept by an earlier version of
 * the app (a deployment ago, or by an instance not yet upgraded) are never served to this one.
 */
const ANSWER_SHAPES = 3;
/** A kept result's version: its computation time in microseconds. */
const STAMP = `(extract(epoch FROM c.computed_at) * 1000000)::bigint::text`;

/** The results' JSON kept in memory as well, up to this size in all (the most recently used). */
const BODIES_MAX_BYTES = 32 * 1024 * 1024;
/** Results read within this time are computed again in the background when outdated. */
const WATCHED_FOR_MS = 60 * 60 * 1000;
const WATCHED_MAX = 500;
/**
 * When a kept result stopped being current: its TTL's end, or the first committed change its
 * snapshot did not see (`$ttl`: the TTL in seconds). The changes are found by the primary key
 * (table, xid); OFFSET 0 keeps the planner from walking every change kept in `changed_at` order
 * for the minimum instead, which read all of them whenever the result was still current.
 */
const outdatedSince = (ttl: string) => `least(c.computed_at + make_interval(secs => ${ttl}),
  (SELECT min(r.changed_at) FROM (
     SELECT r.changed_at FROM report_changes r
      WHERE r.table_name = ANY (c.tables) AND r.xid >= pg_snapshot_xmin(c.snapshot)
        AND NOT pg_visible_in_snapshot(r.xid, c.snapshot)
     OFFSET 0) r))`;

/** A report's JSON (UTF-8), when it was computed, and whether data have changed since. */
export interface ReportAnswer {
  json: Buffer;
  computedAt: Date;
  outdated: boolean;
}

/**
 * Report results kept in PostgreSQL (shared by every instance) and served while nothing they read
 * has changed. A result is stored with the snapshot it was computed from and the tables its
 * transaction read (`pg_stat_xact_user_tables`); every write to those tables records its
 * transaction in `report_changes` (statement triggers, see the ReportCache migration); a result
 * is served only if no change that its snapshot did not see has committed since, and within
 * REPORT_CACHE_TTL_SECONDS (the reports that count against `now()`, such as tasks overdue, move
 * with the clock). One computation per key at a time: the others wait for it and read its result.
 * Reports may be served outdated for REPORT_STALE_SECONDS while one call computes them again in
 * the background, so that a write does not make the next readers wait for the computation. The
 * results read within the last hour that nobody has read since a change are computed again in the
 * background before they have been outdated for REPORT_STALE_SECONDS, so that their next reader,
 * however late, does not wait either (see `refreshOutdated`).
 */
@Injectable()
export class ReportCacheService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(ReportCacheService.name);
  private readonly refreshing = new Map<string, Promise<void>>();
  /**
   * Results already read, by key and the time they were computed (in µs): the database checks
   * that one is still valid without sending it again, and concurrent callers share one buffer.
   */
  private readonly bodies = new Map<string, { stamp: string; json: Buffer }>();
  private bodiesBytes = 0;
  /** Results read lately (in reading order): how to compute them again, and when last read. */
  private readonly watched = new Map<string, { compute: () => Promise<unknown>; readAt: number }>();
  private sweepTimer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;

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
    const staleSeconds = this.config.get('REPORT_STALE_SECONDS', { infer: true });
    if (staleSeconds > 0 && this.config.get('REPORT_CACHE_TTL_SECONDS', { infer: true }) > 0) {
      this.sweepTimer = setInterval(
        () => {
          this.sweeping ??= this.refreshOutdated()
            .then(
              () => undefined,
              (error: unknown) =>
                this.logger.error(
                  'Refreshing outdated reports failed',
                  error instanceof Error ? error.stack : error,
                ),
            )
            .finally(() => (this.sweeping = undefined));
        },
        (staleSeconds * 1000) / 3,
      );
      this.sweepTimer.unref();
    }
  }

  /**
   * `compute`'s result for `report` and `input` (its period, filters…: everything it depends on
   * besides the data) as JSON text, from the cache while still valid, sent as is without parsing
   * and serialising again. An outdated result, one that misses changes for no longer than
   * `staleSeconds` (REPORT_STALE_SECONDS unless given; 0: never outdated), is returned at once
   * while it is computed again in the background.
   */
  async rememberJson(
    report: string,
    input: unknown,
    compute: () => Promise<unknown>,
    options: { staleSeconds?: number } = {},
  ): Promise<ReportAnswer> {
    const ttl = this.config.get('REPORT_CACHE_TTL_SECONDS', { infer: true });
    // Inside a caller's transaction, its own uncommitted writes would be invisible to the check.
    if (ttl === 0 || this.txHost.isTransactionActive())
      return {
        json: Buffer.from(JSON.stringify(await compute())),
        computedAt: new Date(),
        outdated: false,
      };
    const staleSeconds: number =
      options.staleSeconds ?? this.config.get('REPORT_STALE_SECONDS', { infer: true });
    const key = `${report}:${createHash('sha256')
      .update(JSON.stringify([ANSWER_SHAPES, input]))
      .digest('base64url')}`;
    if (staleSeconds > 0) this.watch(key, compute);
    const cached = await this.read(key, ttl, staleSeconds);
    if (cached && !cached.outdated) return cached;
    if (cached) {
      this.refreshInBackground(key, ttl, compute);
      return cached;
    }
    return (await this.computeAndStore(key, ttl, compute, 'wait'))!;
  }

  /**
   * Computes and keeps the result under an advisory lock on the key: one computation at a time,
   * the others waiting for it (`wait`) and reading its result, or giving up (`skip`).
   */
  private computeAndStore(
    key: string,
    ttl: number,
    compute: () => Promise<unknown>,
    lock: 'wait' | 'skip',
  ): Promise<ReportAnswer | undefined> {
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      if (lock === 'wait')
        await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [key]);
      else {
        const [{ locked }] = await tx.query<{ locked: boolean }[]>(
          'SELECT pg_try_advisory_xact_lock(hashtextextended($1, 0)) AS locked',
          [key],
        );
        if (!locked) return undefined;
        // Nobody waits for a refresh: it takes one core, not parallel workers on every core,
        // and leaves the others to the calls it keeps answering meanwhile.
        await tx.query('SET LOCAL max_parallel_workers_per_gather = 0');
      }
      const computedMeanwhile = await this.read(key, ttl, 0);
      if (computedMeanwhile) return computedMeanwhile;
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
      const [stored] = await tx.query<{ computed_at: Date; stamp: string }[]>(
        `WITH read AS (
           SELECT coalesce(array_agg(relname::text ORDER BY relname), '{}') AS tables
             FROM pg_stat_xact_user_tables
            WHERE schemaname = 'public' AND relname NOT IN ('report_cache', 'report_changes')
              AND seq_scan + coalesce(idx_scan, 0) > coalesce(($4::json ->> relname::text)::bigint, 0))
         INSERT INTO report_cache AS c (key, tables, snapshot, body, computed_at)
         SELECT $1, read.tables, $2::pg_snapshot, $3::json, now() FROM read
          WHERE NOT EXISTS (
            SELECT 1 FROM unnest(read.tables) AS t(name)
             WHERE NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
                                JOIN pg_namespace n ON n.oid = c.relnamespace
                               WHERE n.nspname = 'public' AND c.relname = t.name AND g.tgname = 'report_change'))
         ON CONFLICT (key) DO UPDATE
           SET tables = EXCLUDED.tables, snapshot = EXCLUDED.snapshot, body = EXCLUDED.body,
               computed_at = EXCLUDED.computed_at
         RETURNING c.computed_at, ${STAMP} AS stamp`,
        [key, snapshot, body, scans],
      );
      const json = Buffer.from(body);
      if (stored) this.keep(key, stored.stamp, json);
      return { json, computedAt: stored?.computed_at ?? new Date(), outdated: false };
    });
  }

  /** One refresh per key at a time in this process; across instances, the advisory lock. */
  private refreshInBackground(key: string, ttl: number, compute: () => Promise<unknown>): void {
    if (this.refreshing.has(key)) return;
    const refresh = this.computeAndStore(key, ttl, compute, 'skip')
      .then(() => undefined)
      .catch((error: unknown) =>
        this.logger.error(`Refreshing ${key} failed`, error instanceof Error ? error.stack : error),
      )
      .finally(() => this.refreshing.delete(key));
    this.refreshing.set(key, refresh);
  }

  private watch(key: string, compute: () => Promise<unknown>): void {
    this.watched.delete(key);
    this.watched.set(key, { compute, readAt: Date.now() });
    if (this.watched.size > WATCHED_MAX) this.watched.delete(this.watched.keys().next().value!);
  }

  /**
   * Computes again, one after the other, the kept results read within the last hour that have
   * been outdated for a third of REPORT_STALE_SECONDS: called every third of it, it computes each
   * before it is too old to be served, yet not after every change (changes in quick succession
   * make one computation, and a result someone reads is computed again by that reader first).
   */
  async refreshOutdated(): Promise<number> {
    const since = Date.now() - WATCHED_FOR_MS;
    for (const [key, entry] of this.watched) {
      if (entry.readAt >= since) break;
      this.watched.delete(key);
    }
    if (this.watched.size === 0) return 0;
    const ttl = this.config.get('REPORT_CACHE_TTL_SECONDS', { infer: true });
    const staleSeconds = this.config.get('REPORT_STALE_SECONDS', { infer: true });
    const outdated = await this.txHost.tx.query<{ key: string }[]>(
      `SELECT c.key FROM report_cache c
        WHERE c.key = ANY ($1) AND ${outdatedSince('$2')} <= now() - make_interval(secs => $3)`,
      [[...this.watched.keys()], ttl, staleSeconds / 3],
    );
    let refreshed = 0;
    for (const { key } of outdated) {
      const entry = this.watched.get(key);
      if (!entry || this.refreshing.has(key)) continue;
      this.refreshInBackground(key, ttl, entry.compute);
      await this.refreshing.get(key);
      refreshed++;
    }
    return refreshed;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.sweeping;
    await Promise.allSettled(this.refreshing.values());
  }

  /**
   * The kept result, if it is valid, or outdated for `staleSeconds` at most: since the first
   * change that its snapshot did not see, or since its TTL ran out.
   */
  private async read(
    key: string,
    ttlSeconds: number,
    staleSeconds: number,
  ): Promise<ReportAnswer | undefined> {
    const known = this.bodies.get(key);
    const [row] = await this.txHost.tx.query<
      { body: string | null; stamp: string; computed_at: Date; outdated: boolean }[]
    >(
      `SELECT CASE WHEN e.stamp IS DISTINCT FROM $4 THEN c.body::text END AS body, e.stamp,
              c.computed_at, e.outdated_since <= now() AS outdated
         FROM report_cache c
        CROSS JOIN LATERAL (SELECT ${STAMP} AS stamp, ${outdatedSince('$2')} AS outdated_since) e
        WHERE c.key = $1 AND e.outdated_since > now() - make_interval(secs => $3)`,
      [key, ttlSeconds, staleSeconds, known?.stamp ?? null],
    );
    if (!row) return undefined;
    const json = row.body === null && known ? known.json : Buffer.from(row.body ?? '');
    this.keep(key, row.stamp, json);
    return { json, computedAt: row.computed_at, outdated: row.outdated };
  }

  private keep(key: string, stamp: string, json: Buffer): void {
    const previous = this.bodies.get(key);
    if (previous) {
      this.bodies.delete(key);
      this.bodiesBytes -= previous.json.length;
    }
    if (json.length > BODIES_MAX_BYTES / 4) return;
    this.bodies.set(key, { stamp, json });
    this.bodiesBytes += json.length;
    for (const [oldest, entry] of this.bodies) {
      if (this.bodiesBytes <= BODIES_MAX_BYTES) break;
      this.bodies.delete(oldest);
      this.bodiesBytes -= entry.json.length;
    }
  }

  /** Drops expired results and the changes no live result can need. */
  async prune(): Promise<{ results: number; changes: number }> {
    const kept: number =
      this.config.get('REPORT_CACHE_TTL_SECONDS', { infer: true }) +
      this.config.get('REPORT_STALE_SECONDS', { infer: true });
    const [, results] = await this.txHost.tx.query<[unknown, number]>(
      'DELETE FROM report_cache WHERE computed_at <= now() - make_interval(secs => $1)',
      [kept],
    );
    const [, changes] = await this.txHost.tx.query<[unknown, number]>(
      `DELETE FROM report_changes WHERE changed_at < now() - interval '${CHANGES_KEPT}'`,
    );
    return { results, changes };
  }
}
