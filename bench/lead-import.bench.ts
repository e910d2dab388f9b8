/**
 * Import of 100,000 leads from a GB18030 CSV through the API, against a plain COPY of the same
 * rows into a bare table: the ratio says what validation, matching and set-based writes cost.
 *   npm run bench            (embedded PostgreSQL in a temporary folder, or DATABASE_URL's server)
 */
import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import * as iconv from 'iconv-lite';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { randomUUID } from 'node:crypto';
import { creditCodeCheckCharacter } from '../src/companies/credit-code';
import { normaliseCompanyName } from '../src/companies/company-name';
import { startBenchApp } from './support/bench-app';
import { DEMO_PASSWORD } from '../src/demo/demo-data.service';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const DIGITS = '零一二三四五六七八九';

function csvRows(): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < ROWS; i++) {
    const body = `9111010${String(i).padStart(10, '0')}`;
    rows.push([
      `京西${[...String(i).padStart(6, '0')].map((d) => DIGITS[Number(d)]).join('')}号智能科技有限公司`,
      i % 3 === 0 ? body + creditCodeCheckCharacter(body) : '',
      ['中关村集团推荐', '华为生态', '活动', '主动咨询'][i % 4],
      ['大模型', '计算机视觉', '机器人', '数据服务'][i % 4],
      '北京',
      `联系人${i}`,
      '+86 10 8888 0000',
      `c${i}@example.cn`,
    ]);
  }
  return rows;
}

const p50 = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** GET /companies?q= against the SQL it runs (the trigram-indexed UNION), on the imported firms. */
async function timeSearch(base: string, token: string, client: Client) {
  const fragment = '三四五';
  const runs = 30;
  const pattern = `%${fragment}%`;
  const sql = `SELECT c.* FROM companies c WHERE c.deleted_at IS NULL AND c.id IN (
      SELECT id FROM companies WHERE name ILIKE $1 UNION SELECT id FROM companies WHERE name_en ILIKE $1
      UNION SELECT id FROM companies WHERE credit_code ILIKE $1
      UNION SELECT company_id FROM contacts WHERE name ILIKE $1 AND deleted_at IS NULL)
    ORDER BY c.updated_at DESC, c.id DESC LIMIT 51`;
  const api: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < runs; i++) {
    let started = process.hrtime.bigint();
    const response = await fetch(`${base}/companies?q=${encodeURIComponent(fragment)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    await response.json();
    api.push(Number(process.hrtime.bigint() - started) / 1e6);
    started = process.hrtime.bigint();
    await client.query(sql, [pattern]);
    raw.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const [{ n }] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM companies`))
    .rows;
  return { fragment, runs, companies: n, apiP50: p50(api), sqlP50: p50(raw) };
}

const SOURCE_CODES: Record<string, string> = {
  中关村集团推荐: 'zgc_referral',
  华为生态: 'huawei_ecosystem',
  活动: 'event',
  主动咨询: 'inbound',
};
const SEGMENT_CODES: Record<string, string> = {
  大模型: 'foundation_models',
  计算机视觉: 'computer_vision',
  机器人: 'robotics',
  数据服务: 'data_services',
};

/**
 * The floor under any import that keeps these rows: COPY of the same rows, already mapped, into the
 * CRM's own companies, leads and contacts, with their indexes and triggers; rolled back (and the
 * tables vacuumed) so that the import then starts from the same state.
 */
async function copyIntoCrmTables(client: Client, rows: string[][], ownerId: string) {
  const copy = (sql: string, lines: string[]) =>
    pipeline(Readable.from([`${lines.join('\n')}\n`]), client.query(copyFrom(sql)));
  const firms = rows.map((r) => ({ id: randomUUID(), row: r }));
  const tsv = (values: (string | null)[]) => values.map((v) => v ?? '\\N').join('\t');
  await client.query('BEGIN');
  const started = process.hrtime.bigint();
  await copy(
    'COPY companies (id, name, normalized_name, credit_code, ai_segment, hq_city, owner_id, created_by_id) FROM STDIN',
    firms.map(({ id, row }) =>
      tsv([
        id,
        row[0],
        normaliseCompanyName(row[0]),
        row[1] || null,
        SEGMENT_CODES[row[3]],
        row[4],
        ownerId,
        ownerId,
      ]),
    ),
  );
  await copy(
    'COPY leads (company_id, source, owner_id, owner_assigned_at, created_by_id) FROM STDIN',
    firms.map(({ id, row }) =>
      tsv([id, SOURCE_CODES[row[2]], ownerId, new Date().toISOString(), ownerId]),
    ),
  );
  await copy(
    'COPY contacts (company_id, name, phone, email, is_primary) FROM STDIN',
    firms.map(({ id, row }) => tsv([id, row[5], row[6], row[7], 't'])),
  );
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  await client.query('ROLLBACK');
  await client.query('VACUUM ANALYZE companies, leads, contacts');
  return ms;
}

async function main(): Promise<void> {
  const { origin, databaseUrl: url, stop } = await startBenchApp();
  const base = `${origin}/api/v1`;
  try {
    const rows = csvRows();
    const header = '企业名称,统一社会信用代码,来源,AI领域,城市,联系人,电话,邮箱';
    const text = [header, ...rows.map((r) => r.join(','))].join('\r\n');
    const csv = iconv.encode(text, 'gb18030');
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'promoter1@demo.park', password: DEMO_PASSWORD }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const me = (await (
      await fetch(`${base}/auth/me`, { headers: { authorization: `Bearer ${accessToken}` } })
    ).json()) as { id: string };
    const floorClient = new Client({ connectionString: url });
    await floorClient.connect();
    const crmCopyMs = await copyIntoCrmTables(floorClient, rows, me.id);
    await floorClient.end();

    const dryStarted = process.hrtime.bigint();
    const dry = await fetch(`${base}/leads/import?dryRun=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'text/csv' },
      body: csv,
    });
    await dry.json();
    const dryMs = Number(process.hrtime.bigint() - dryStarted) / 1e6;

    const started = process.hrtime.bigint();
    const response = await fetch(`${base}/leads/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const report = (await response.json()) as {
      created: { count: number };
      rejected: { count: number };
    };
    const apiMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (response.status !== 200 || report.created.count !== ROWS)
      throw new Error(`import failed: ${response.status} ${JSON.stringify(report).slice(0, 300)}`);

    const client = new Client({ connectionString: url });
    await client.connect();
    const search = await timeSearch(base, accessToken, client);
    await client.query(
      `CREATE UNLOGGED TABLE bench_copy (name text, credit_code text, source text, segment text, city text, contact text, phone text, email text)`,
    );
    const copyStarted = process.hrtime.bigint();
    await pipeline(
      Readable.from([`${rows.map((r) => r.join('\t')).join('\n')}\n`]),
      client.query(copyFrom('COPY bench_copy FROM STDIN')),
    );
    const copyMs = Number(process.hrtime.bigint() - copyStarted) / 1e6;
    await client.query('DROP TABLE bench_copy');
    await client.end();

    const table = [
      '| benchmark | rows | time (ms) | rows/s | ratio to COPY |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| POST /leads/import (GB18030 CSV, new firms, contacts) | ${ROWS} | ${apiMs.toFixed(0)} | ${Math.round((ROWS / apiMs) * 1000)} | ${(apiMs / copyMs).toFixed(1)}× |`,
      `| the same with ?dryRun=true (parse, check, match; no writes) | ${ROWS} | ${dryMs.toFixed(0)} | ${Math.round((ROWS / dryMs) * 1000)} | ${(dryMs / copyMs).toFixed(1)}× |`,
      `| plain COPY of the same rows into a bare table | ${ROWS} | ${copyMs.toFixed(0)} | ${Math.round((ROWS / copyMs) * 1000)} | 1.0× |`,
      `| COPY of the same rows, mapped, into companies, leads and contacts (their indexes and triggers) | ${ROWS} | ${crmCopyMs.toFixed(0)} | ${Math.round((ROWS / crmCopyMs) * 1000)} | ${(crmCopyMs / copyMs).toFixed(1)}× |`,
      '',
      `The import against the COPY into the CRM's own tables: ${(apiMs / crmCopyMs).toFixed(1)}×.`,
      '',
      `Company search by a Chinese name fragment over ${search.companies} companies (q=${search.fragment}, ${search.runs} runs, sequential):`,
      '',
      '| endpoint | API p50 (ms) | raw SQL p50 (ms) | ratio |',
      '| --- | ---: | ---: | ---: |',
      `| GET /companies?q=… | ${search.apiP50.toFixed(1)} | ${search.sqlP50.toFixed(1)} | ${(search.apiP50 / search.sqlP50).toFixed(1)}× |`,
      '',
      `Peak RSS of the process: ${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB (app and generator together).`,
    ].join('\n');
    console.log(table);
    mkdirSync(join(__dirname, 'results'), { recursive: true });
    writeFileSync(
      join(__dirname, 'results', 'lead-import.md'),
      `# Lead import\n\n${new Date().toISOString()}\n\n${table}\n`,
    );
  } finally {
    await stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
