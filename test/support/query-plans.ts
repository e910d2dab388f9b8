import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { Pool } from 'pg';
import type { OpenApiDocument } from './openapi-routes';
import type { Statement } from './statement-recorder';

/**
 * The app's OpenAPI document, built synchronously (src/openapi-export.cli.ts in a child process:
 * Nest in preview mode, no database), so that a spec can make one test per endpoint when Jest
 * collects it, before any app is started.
 */
export function openApiDocumentSync(): OpenApiDocument {
  const output = execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join('src', 'openapi-export.cli.ts')],
    {
      cwd: join(__dirname, '..', '..'),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    },
  );
  return JSON.parse(output) as OpenApiDocument;
}

/** A statement that reads (and can be explained), not BEGIN, SET, INSERT, … */
export const isRead = (sql: string) => /^\s*\(?\s*(SELECT|WITH)\b/i.test(sql);

/** Exact row counts of the public tables (the migrations' bookkeeping left out). */
export async function tableRowCounts(db: Pool): Promise<Map<string, number>> {
  const { rows: tables } = await db.query<{ name: string }>(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  const { rows } = await db.query<{ name: string; n: number }>(
    tables
      .map((t) => `SELECT '${t.name}' AS name, count(*)::int AS n FROM "${t.name}"`)
      .join(' UNION ALL '),
  );
  return new Map(rows.map((row) => [row.name, row.n]));
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

/** Every node of a plan tree (init plans and sub plans are children too). */
function* nodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* nodes(child);
}

/** A scan of a table in a plan: `Seq Scan`, `Index Scan`, `Bitmap Heap Scan`, … */
export interface TableScan {
  table: string;
  node: string;
}

/** The table scans of the statement's plan (EXPLAIN with its parameters, nothing executed). */
export async function tableScans(db: Pool, statement: Statement): Promise<TableScan[]> {
  const { rows } = await db.query<{ 'QUERY PLAN': { Plan: PlanNode }[] }>(
    `EXPLAIN (FORMAT JSON) ${statement.sql}`,
    statement.params,
  );
  return [...nodes(rows[0]['QUERY PLAN'][0].Plan)]
    .filter((node) => node['Relation Name'])
    .map((node) => ({ table: node['Relation Name']!, node: node['Node Type'] }));
}

/**
 * A statement's SQL on one line, cut to `length` characters, for a failure message; TypeORM's
 * long select lists (`"t"."id" AS "t_id", …`) shortened to `…`, so that the message reaches the
 * FROM and WHERE.
 */
export const shortSql = (sql: string, length = 300) => {
  const line = sql
    .replace(/\s+/g, ' ')
    .replace(/("\w+"\."\w+" AS "\w+"(, )?){2,}/g, '…')
    .trim();
  return line.length > length ? `${line.slice(0, length)}…` : line;
};
