import type { DataSource } from 'typeorm';
import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';

/** One SQL statement as the app sent it. */
export interface Statement {
  sql: string;
  params: unknown[];
}

type QueryMethod = (
  this: PostgresQueryRunner,
  sql: string,
  params?: unknown[],
  ...rest: unknown[]
) => Promise<unknown>;

/**
 * Records the statements that the app's DataSource sends while a capture is on: every query,
 * from `txHost.tx.query` to repositories, goes through a PostgresQueryRunner.
 */
export function statementRecorder(dataSource: DataSource) {
  const prototype = PostgresQueryRunner.prototype as unknown as { query: QueryMethod };
  const original = prototype.query;
  let recording: Statement[] | undefined;
  prototype.query = function (sql, params, ...rest) {
    if (recording && this.dataSource === dataSource)
      recording.push({ sql, params: params ? [...params] : [] });
    return original.call(this, sql, params, ...rest);
  };
  return {
    async during(work: () => Promise<unknown>): Promise<Statement[]> {
      recording = [];
      try {
        await work();
        return recording;
      } finally {
        recording = undefined;
      }
    },
    restore: () => void (prototype.query = original),
  };
}

export type StatementRecorder = ReturnType<typeof statementRecorder>;
