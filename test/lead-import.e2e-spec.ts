import * as iconv from 'iconv-lite';
import { creditCodeCheckCharacter } from '../src/companies/credit-code';
import { newLead } from './support/factories';
import { parseCsv } from '../src/common/csv/csv';
import { startTestApp, TestApp } from './support/test-app';

const code = (n: number) => {
  const body = `9111010${String(n).padStart(10, '0')}`;
  return body + creditCodeCheckCharacter(body);
};
const DIGITS = '零一二三四五六七八九';
/** Distinct firm names that share no near-name likeness with each other's number. */
const firm = (n: number) =>
  `京西${[...String(n).padStart(5, '0')].map((d) => DIGITS[Number(d)]).join('')}号算力科技有限公司`;

describe('lead import and export', () => {
  let t: TestApp;
  let promoter1: string;
  let promoter2: string;
  const expected = {
    withContact: 0,
    created: [] as number[],
    inFile: new Map<number, number>(),
    existing: [] as number[],
    conflicts: [] as number[],
    rejected: new Map<number, string>(),
  };
  let csv: Buffer;
  let knownCompanies: { conflicting: string; mine: string; dormant: string };

  beforeAll(async () => {
    t = await startTestApp();
    promoter1 = await t.tokenFor('promoter1');
    promoter2 = await t.tokenFor('promoter2');
    // The database already knows three firms: one another promoter works, one the importer works, one nobody works.
    const conflicting = await newLead(t, promoter2, {
      name: '北京另有主人科技有限公司',
      creditCode: code(900001),
    });
    const mine = await newLead(t, promoter1, {
      name: '北京已是我的科技有限公司',
      creditCode: code(900002),
    });
    const dormant = await newLead(t, promoter2, { name: '北京无人跟进科技有限公司' });
    await t.request('PATCH', `/api/v1/leads/${dormant.id}`, {
      token: promoter2,
      headers: { 'if-match': '"1"' },
      body: { status: 'disqualified', disqualifyReason: '暂无需求' },
    });
    knownCompanies = {
      conflicting: conflicting.companyId,
      mine: mine.companyId,
      dormant: dormant.companyId,
    };

    const lines = ['企业名称,统一社会信用代码,来源,AI领域,城市,联系人,电话,邮箱,备注'];
    const add = (cells: string[]) => {
      lines.push(cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','));
      return lines.length; // the line number of the row just added
    };
    for (let i = 0; i < 10_000; i++) {
      let row: number;
      if (i % 20 === 19 && i > 100) {
        // a re-spelling of a firm earlier in the file
        const original = i - 50;
        row = add([
          firm(original).replace('北京', '').replace('有限公司', '（北京）有限公司'),
          '',
          '活动',
          '大模型',
          '北京',
          '',
          '',
          '',
          '',
        ]);
        expected.inFile.set(row, expected.created.includes(original + 2) ? original + 2 : -1);
      } else if (i % 100 === 7) {
        row = add(['', code(i), '华为生态', '', '', '', '', '', '缺名称']);
        expected.rejected.set(row, 'companyName');
      } else if (i % 100 === 8) {
        row = add([firm(i), '91350100M000100Y44', '华为生态', '', '', '', '', '', '']);
        expected.rejected.set(row, 'creditCode');
      } else if (i % 100 === 9) {
        row = add([firm(i), '', '朋友圈', '', '', '', '', '', '']);
        expected.rejected.set(row, 'source');
      } else if (i % 100 === 10) {
        row = add([firm(i), '', '主动咨询', '', '', '王五', '138 0000 0000', 'not-an-email', '']);
        expected.rejected.set(row, 'contactEmail');
      } else if (i === 500) {
        row = add(['另有主人科技（北京）有限公司', '', '中关村集团推荐', '', '', '', '', '', '']);
        expected.conflicts.push(row);
      } else if (i === 501) {
        row = add(['改了名字也没用有限公司', code(900002), '政府推荐', '', '', '', '', '', '']);
        expected.existing.push(row);
      } else if (i === 502) {
        row = add(['无人跟进科技有限公司', '', '陌生拜访', '', '', '', '', '', '']);
        expected.created.push(row);
      } else if (i === 503) {
        row = add([
          '=HYPERLINK("http://evil.example")科技有限公司',
          '',
          'inbound',
          '',
          '',
          '',
          '',
          '',
          '',
        ]);
        expected.created.push(row);
      } else {
        row = add([
          firm(i),
          i % 3 === 0 ? code(i) : '',
          i % 2 ? '中关村' : '华为',
          '计算机视觉',
          '北京',
          `联系人${i}`,
          '+86 10 8888 0000',
          `c${i}@example.cn`,
          `备注 ${i}`,
        ]);
        expected.created.push(row);
        expected.withContact++;
      }
    }
    // Re-spellings point at rows that were themselves created (or else are not duplicates at all).
    for (const [row, original] of [...expected.inFile]) {
      if (original === -1) {
        expected.inFile.delete(row);
        expected.created.push(row);
      }
    }
    expected.created.sort((a, b) => a - b);
    csv = iconv.encode(`${lines.join('\r\n')}\r\n`, 'gb18030');
  });
  afterAll(() => t.close());

  const counts = async () =>
    (
      await t.db.query(
        `SELECT (SELECT count(*) FROM companies)::int AS companies, (SELECT count(*) FROM leads)::int AS leads,
                (SELECT count(*) FROM contacts)::int AS contacts, (SELECT count(*) FROM lead_conflicts)::int AS conflicts`,
      )
    ).rows[0];

  const importCsv = (dryRun: boolean, body: Buffer = csv) =>
    t.request('POST', `/api/v1/leads/import${dryRun ? '?dryRun=true' : ''}`, {
      token: promoter1,
      rawBody: body,
      headers: { 'content-type': 'text/csv' },
    });

  const checkReport = (report: any) => {
    expect(report.total).toBe(10_000);
    expect(report.rejected.rows.map((r: any) => [r.row, r.errors[0].field])).toEqual(
      [...expected.rejected].sort((a, b) => a[0] - b[0]),
    );
    // Each error carries a stable code (the message is English) for clients to translate.
    const codeOf: Record<string, string> = {
      companyName: 'required',
      creditCode: 'credit_code_check',
      source: 'unknown_source',
      contactEmail: 'invalid_email',
    };
    for (const rejected of report.rejected.rows)
      expect(rejected.errors[0].code).toBe(codeOf[rejected.errors[0].field]);
    expect(
      report.rejected.rows.find((r: any) => r.errors[0].field === 'source').errors[0].params,
    ).toEqual({ value: '朋友圈' });
    expect(
      report.duplicates.rows
        .filter((r: any) => r.reason === 'in_file')
        .map((r: any) => [r.row, r.duplicateOfRow]),
    ).toEqual([...expected.inFile].sort((a, b) => a[0] - b[0]));
    expect(report.duplicates.rows.filter((r: any) => r.reason === 'existing')).toEqual([
      {
        row: expected.existing[0],
        reason: 'existing',
        companyId: knownCompanies.mine,
        leadId: expect.any(String),
      },
    ]);
    expect(report.conflicts.rows).toEqual([
      {
        row: expected.conflicts[0],
        companyId: knownCompanies.conflicting,
        leadId: expect.any(String),
        existingLeadId: expect.any(String),
        match: 'name',
      },
    ]);
    expect(report.created.rows.map((r: any) => r.row)).toEqual(expected.created);
    expect(
      report.created.count +
        report.duplicates.count +
        report.conflicts.count +
        report.rejected.count,
    ).toBe(10_000);
  };

  it('reports a dry run exactly, and writes nothing', async () => {
    const before = await counts();
    const started = Date.now();
    const dry = await importCsv(true);
    expect(dry.status).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    checkReport(dry.body);
    expect(
      dry.body.created.rows.find((r: any) => r.companyId === knownCompanies.dormant),
    ).toMatchObject({ newCompany: false });
    expect(await counts()).toEqual(before);
    console.log(`dry run of 10,000 GB18030 rows: ${Date.now() - started} ms`);
  });

  it('imports set-based: the same report, leads, companies, contacts and held conflicts written', async () => {
    const before = await counts();
    const started = Date.now();
    const result = await importCsv(false);
    const elapsed = Date.now() - started;
    expect(result.status).toBe(200);
    checkReport(result.body);
    const after = await counts();
    const created = result.body.created.rows.length;
    const newCompanies = result.body.created.rows.filter((r: any) => r.newCompany).length;
    expect(after.leads - before.leads).toBe(created + 1);
    expect(after.companies - before.companies).toBe(newCompanies);
    expect(newCompanies).toBe(created - 1);
    expect(after.conflicts - before.conflicts).toBe(1);
    expect(after.contacts - before.contacts).toBe(expected.withContact);
    const held = await t.db.query(`SELECT on_hold, owner_id FROM leads WHERE id = $1`, [
      result.body.conflicts.rows[0].leadId,
    ]);
    expect(held.rows[0].on_hold).toBe(true);
    const dormant = await t.db.query(`SELECT owner_id FROM companies WHERE id = $1`, [
      knownCompanies.dormant,
    ]);
    const me = (await t.request('GET', '/api/v1/auth/me', { token: promoter1 })).body;
    expect(dormant.rows[0].owner_id).toBe(me.id);
    console.log(`import of 10,000 GB18030 rows: ${elapsed} ms`);
  });

  it('imports the same file again as all duplicates (nothing new)', async () => {
    const before = await counts();
    const again = await importCsv(false);
    expect(again.body.created.count).toBe(0);
    expect(again.body.rejected.count).toBe(expected.rejected.size);
    expect((await counts()).leads).toBe(before.leads + again.body.conflicts.count);
  });

  it('keeps a dry run and a real import apart under one Idempotency-Key', async () => {
    const small = iconv.encode('企业名称,来源\r\n北京幂等测试科技有限公司,活动\r\n', 'gb18030');
    const send = (dryRun: boolean) =>
      t.request('POST', `/api/v1/leads/import${dryRun ? '?dryRun=true' : ''}`, {
        token: promoter1,
        rawBody: small,
        headers: { 'content-type': 'text/csv', 'idempotency-key': 'import-once-1' },
      });
    expect((await send(true)).body.dryRun).toBe(true);
    const real = await send(false);
    expect(real.body).toMatchObject({ dryRun: false, created: { count: 1 } });
    const retry = await send(false);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body.created.count).toBe(1);
  });

  it('refuses a file without a company column, or that is not text/csv', async () => {
    const noName = await importCsv(false, Buffer.from('来源,城市\r\n活动,北京\r\n'));
    expect(noName.status).toBe(400);
    expect(noName.body.detail).toMatch(/company-name column/);
    const asJson = await t.request('POST', '/api/v1/leads/import', {
      token: promoter1,
      body: { rows: [] },
    });
    expect(asJson.status).toBe(415);
    const viewer = await t.request('POST', '/api/v1/leads/import', {
      token: await t.tokenFor('viewer'),
      rawBody: csv,
      headers: { 'content-type': 'text/csv' },
    });
    expect(viewer.status).toBe(403);
  });

  it('exports leads as UTF-8 CSV with a BOM, formulas neutralised, that imports back', async () => {
    const response = await fetch(
      `${t.baseUrl}/api/v1/leads/export?ownerId=${(await t.request('GET', '/api/v1/auth/me', { token: promoter1 })).body.id}`,
      {
        headers: { authorization: `Bearer ${promoter1}` },
      },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="leads-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(bytes.toString('utf8'));
    expect(rows[0]).toEqual([
      '企业名称',
      '英文名称',
      '统一社会信用代码',
      '来源',
      '来源说明',
      '状态',
      '负责人',
      '备注',
      '创建时间',
      '线索ID',
    ]);
    expect(rows.length).toBeGreaterThan(9_000);
    const formula = rows.find((r) => r[0].includes('HYPERLINK'));
    expect(formula![0]).toBe(`'=HYPERLINK("http://evil.example")科技有限公司`);
    expect(rows.every((r) => !/^[=+\-@]/.test(r[0]))).toBe(true);

    const back = await importCsv(true, bytes);
    expect(back.status).toBe(200);
    expect(back.body.ignoredColumns).toEqual(['状态', '负责人', '创建时间', '线索ID']);
  });

  it('exports companies too', async () => {
    const response = await fetch(
      `${t.baseUrl}/api/v1/companies/export?q=${encodeURIComponent('HYPERLINK')}`,
      {
        headers: { authorization: `Bearer ${promoter2}` },
      },
    );
    const rows = parseCsv(Buffer.from(await response.arrayBuffer()).toString('utf8'));
    expect(rows).toHaveLength(2);
    expect(rows[1][0]).toBe(`'=HYPERLINK("http://evil.example")科技有限公司`);
  });
});
