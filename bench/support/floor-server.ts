/**
 * The floor under any HTTP API on this machine: node:http and a pg Pool, no framework, no auth, no
 * validation, no ORM. A request for an endpoint's path (and query) replays the statements that the
 * app sent for it on one pooled connection, as the SQL side of bench/run does, and answers the last
 * statement's rows as JSON.
 * bench/run drives it like the app, so that what the app keeps of the SQL's throughput can be read
 * against what nothing but HTTP keeps of it.
 *
 *   FLOOR_ROUTES='{"/api/v1/deals/…":[{"sql":"…","params":[…]}]}' DATABASE_URL=… PORT=… node -r ts-node/register/transpile-only bench/support/floor-server.ts
 */
import { createServer } from 'node:http';
import 'reflect-metadata';
import { Pool } from 'pg';
import { Environment } from '../../src/config/environment';
import type { Statement } from '../../test/support/statement-recorder';

const routes = new Map(
  Object.entries(JSON.parse(process.env.FLOOR_ROUTES ?? '{}') as Record<string, Statement[]>),
);
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  // The app's pool size, so that both keep as many statements in flight.
  max: Number(process.env.DATABASE_POOL_SIZE ?? new Environment().DATABASE_POOL_SIZE),
});

async function replay(statements: Statement[]): Promise<string> {
  const client = await pool.connect();
  try {
    let rows: unknown[] = [];
    for (const { sql, params } of statements) rows = (await client.query(sql, params)).rows;
    return JSON.stringify(rows);
  } finally {
    client.release();
  }
}

const server = createServer((request, response) => {
  const statements = routes.get(request.url ?? '');
  if (request.url !== '/health' && !statements) {
    response.writeHead(404).end();
    return;
  }
  const answer = statements ? replay(statements) : Promise.resolve('{"status":"ok"}');
  answer.then(
    (body) => {
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      response.end(body);
    },
    (error: Error) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(error.message);
    },
  );
});

server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => void pool.end().then(() => process.exit(0))));
