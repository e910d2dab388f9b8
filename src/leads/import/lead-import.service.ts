import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../../audit/audit.service';
import type { Principal } from '../../auth/roles';
import { UsersService } from '../../auth/users/users.service';
import type { AiSegment } from '../../companies/company.enums';
import { CompaniesService } from '../../companies/companies.service';
import { SIMILAR_NAME_THRESHOLD } from '../../companies/company-matcher';
import { normaliseCompanyName } from '../../companies/company-name';
import { isPhoneNumber } from '../../companies/phone-number';
import {
  CREDIT_CODE_ERROR_CODES,
  CREDIT_CODE_MESSAGES,
  creditCodeProblem,
  normaliseCreditCode,
} from '../../companies/credit-code';
import { decodeCsv, parseCsvRecords } from '../../common/csv/csv';
import { ProblemException } from '../../common/errors/problem.exception';
import { NotificationsService } from '../../notifications/notifications.service';
import type { ConflictMatch } from '../lead-conflict.entity';
import type { LeadSource } from '../lead.enums';
import { FirmClaims } from '../firm-claims';
import { ImportField, mapHeader, parseSegment, parseSource } from './lead-csv-columns';
import type { ImportReport, ImportRowError } from './lead-import.report';

export const MAX_IMPORT_ROWS = 200_000;
/** The largest CSV the import reads (a 200,000-row file with contacts is about 30 MB). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const CHUNK = 5_000;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface ImportRow {
  row: number;
  name: string;
  normalizedName: string;
  nameEn: string | null;
  creditCode: string | null;
  source: LeadSource;
  sourceDetail: string | null;
  aiSegment: AiSegment;
  hqCity: string | null;
  notes: string | null;
  contact: {
    name: string;
    phone: string | null;
    email: string | null;
    wechat: string | null;
  } | null;
}

interface Match {
  companyId: string;
  match: ConflictMatch;
  similarity: number | null;
}

interface PlannedLead {
  row: ImportRow;
  leadId: string;
  companyId: string;
  newCompany: boolean;
  conflict: { existingLeadId: string; match: ConflictMatch; similarity: number | null } | null;
}

/**
 * Imports leads from a CSV, set-based: rows are checked in memory, matched against the database in
 * a few statements, and written with one INSERT per table and chunk, all in one transaction. A dry
 * run computes the same report and writes nothing.
 */
@Injectable()
export class LeadImportService {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly users: UsersService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    private readonly claims: FirmClaims,
  ) {}

  async import(principal: Principal, bytes: Buffer, dryRun: boolean): Promise<ImportReport> {
    const records = parseCsvRecords(decodeCsv(bytes));
    if (records.length < 2)
      throw new ProblemException('BAD_REQUEST', 'The file has no data rows under its header');
    const { columns, ignored } = mapHeader(records[0].cells);
    if (!columns.has('companyName')) {
      throw new ProblemException(
        'BAD_REQUEST',
        'The header has no company-name column (企业名称 / 公司名称 / company)',
      );
    }
    const data = records.slice(1).filter((record) => record.cells.some((cell) => cell !== ''));
    if (data.length > MAX_IMPORT_ROWS) {
      throw new ProblemException(
        'PAYLOAD_TOO_LARGE',
        `Import at most ${MAX_IMPORT_ROWS} rows at a time (this file has ${data.length})`,
      );
    }
    const report: ImportReport = {
      dryRun,
      total: data.length,
      created: { count: 0, rows: [] },
      duplicates: { count: 0, rows: [] },
      conflicts: { count: 0, rows: [] },
      rejected: { count: 0, rows: [] },
      ignoredColumns: ignored,
    };
    const valid: ImportRow[] = [];
    for (const record of data) {
      const cell = (field: ImportField) =>
        columns.has(field) ? (record.cells[columns.get(field)!] ?? '').trim() : '';
      const parsed = this.parseRow(record.line, cell);
      if ('errors' in parsed)
        report.rejected.rows.push({ row: record.line, errors: parsed.errors });
      else valid.push(parsed);
    }
    return this.txHost.withTransaction(async () => {
      // One import at a time: two imports of the same firms must see each other.
      await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtext('park-crm:lead-import'))`);
      const unique = this.dropInFileDuplicates(valid, report);
      const planned = await this.plan(principal, unique, report);
      if (!dryRun && planned.length > 0) await this.write(principal, planned, report);
      for (const part of [report.created, report.duplicates, report.conflicts, report.rejected]) {
        part.rows.sort((a, b) => a.row - b.row);
        part.count = part.rows.length;
      }
      return report;
    });
  }

  private parseRow(
    row: number,
    cell: (field: ImportField) => string,
  ): ImportRow | { errors: ImportRowError[] } {
    const errors: ImportRowError[] = [];
    const text = (field: ImportField, max: number) => {
      const value = cell(field);
      if (value.length > max)
        errors.push({
          field,
          code: 'too_long',
          params: { max },
          message: `is longer than ${max} characters`,
        });
      return value || null;
    };
    const name = cell('companyName');
    if (!name) errors.push({ field: 'companyName', code: 'required', message: 'is required' });
    else if (name.length > 200)
      errors.push({
        field: 'companyName',
        code: 'too_long',
        params: { max: 200 },
        message: 'is longer than 200 characters',
      });
    const creditCode = normaliseCreditCode(cell('creditCode')) || null;
    const codeProblem = creditCode ? creditCodeProblem(creditCode) : null;
    if (codeProblem)
      errors.push({
        field: 'creditCode',
        code: CREDIT_CODE_ERROR_CODES[codeProblem],
        message: CREDIT_CODE_MESSAGES[codeProblem],
      });
    const source = parseSource(cell('source'));
    if (!source)
      errors.push({
        field: 'source',
        code: 'unknown_source',
        params: { value: cell('source').slice(0, 30) },
        message: `"${cell('source').slice(0, 30)}" is not a known source`,
      });
    const aiSegment = parseSegment(cell('aiSegment'));
    if (!aiSegment)
      errors.push({
        field: 'aiSegment',
        code: 'unknown_ai_segment',
        params: { value: cell('aiSegment').slice(0, 30) },
        message: `"${cell('aiSegment').slice(0, 30)}" is not a known AI segment`,
      });
    const contactName = text('contactName', 100);
    const phone = text('contactPhone', 40);
    const email = text('contactEmail', 254);
    const wechat = text('contactWechat', 100);
    if (phone && !isPhoneNumber(phone))
      errors.push({
        field: 'contactPhone',
        code: 'invalid_phone',
        message: 'is not a phone number',
      });
    if (email && !EMAIL.test(email))
      errors.push({
        field: 'contactEmail',
        code: 'invalid_email',
        message: 'is not an e-mail address',
      });
    if (!contactName && (phone || email || wechat))
      errors.push({
        field: 'contactName',
        code: 'contact_name_required',
        message: 'is required with a phone, e-mail or WeChat',
      });
    const nameEn = text('nameEn', 200);
    const sourceDetail = text('sourceDetail', 200);
    const hqCity = text('hqCity', 100);
    const notes = text('notes', 5000);
    if (errors.length > 0) return { errors };
    return {
      row,
      name,
      normalizedName: normaliseCompanyName(name),
      nameEn,
      creditCode,
      source: source!,
      sourceDetail,
      aiSegment: aiSegment!,
      hqCity,
      notes,
      contact: contactName ? { name: contactName, phone, email, wechat } : null,
    };
  }

  /** The first row of each firm (by credit code or normalised name) stays; later ones are duplicates. */
  private dropInFileDuplicates(rows: ImportRow[], report: ImportReport): ImportRow[] {
    const firstRow = new Map<string, number>();
    const unique: ImportRow[] = [];
    for (const row of rows) {
      const keys = [`n:${row.normalizedName}`, ...(row.creditCode ? [`c:${row.creditCode}`] : [])];
      const seen = keys.map((key) => firstRow.get(key)).find((first) => first !== undefined);
      if (seen !== undefined) {
        report.duplicates.rows.push({ row: row.row, reason: 'in_file', duplicateOfRow: seen });
        continue;
      }
      keys.forEach((key) => firstRow.set(key, row.row));
      unique.push(row);
    }
    return unique;
  }

  private async plan(
    principal: Principal,
    rows: ImportRow[],
    report: ImportReport,
  ): Promise<PlannedLead[]> {
    const matches = await this.matchCompanies(rows);
    const activeLeads = await this.activeLeads([
      ...new Set([...matches.values()].map((m) => m.companyId)),
    ]);
    const rowOfCompany = new Map<string, number>();
    const planned: PlannedLead[] = [];
    for (const row of rows) {
      const match = matches.get(row.row);
      if (match && match.match !== 'similar_name') {
        const earlier = rowOfCompany.get(match.companyId);
        if (earlier !== undefined) {
          report.duplicates.rows.push({ row: row.row, reason: 'in_file', duplicateOfRow: earlier });
          continue;
        }
        rowOfCompany.set(match.companyId, row.row);
      }
      const active = match ? activeLeads.get(match.companyId) : undefined;
      if (active && active.ownerId === principal.id && match!.match !== 'similar_name') {
        report.duplicates.rows.push({
          row: row.row,
          reason: 'existing',
          companyId: match!.companyId,
          leadId: active.id,
        });
        continue;
      }
      const conflicting = active && active.ownerId !== principal.id ? active : undefined;
      const reuse = match && match.match !== 'similar_name';
      const lead: PlannedLead = {
        row,
        leadId: randomUUID(),
        companyId: reuse ? match.companyId : randomUUID(),
        newCompany: !reuse,
        conflict: conflicting
          ? { existingLeadId: conflicting.id, match: match!.match, similarity: match!.similarity }
          : null,
      };
      planned.push(lead);
      if (lead.conflict) {
        report.conflicts.rows.push({
          row: row.row,
          companyId: lead.companyId,
          leadId: lead.leadId,
          existingLeadId: lead.conflict.existingLeadId,
          match: lead.conflict.match,
        });
      } else {
        report.created.rows.push({
          row: row.row,
          companyId: lead.companyId,
          leadId: lead.leadId,
          newCompany: lead.newCompany,
        });
      }
    }
    return planned;
  }

  /** Each row's best existing company: same credit code, same normalised name, else a near name. */
  private async matchCompanies(rows: ImportRow[]): Promise<Map<number, Match>> {
    const matches = new Map<number, Match>();
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK);
      const exact = await this.txHost.tx.query<
        { row: number; company_id: string; match: ConflictMatch }[]
      >(
        // Two index lookups rather than one OR join, which PostgreSQL could only answer by scanning.
        `WITH i AS (SELECT * FROM unnest($1::int[], $2::text[], $3::text[]) AS i(row, normalized, credit))
         SELECT DISTINCT ON (row) row, company_id, match FROM (
           SELECT i.row, c.id AS company_id, 'credit_code' AS match, 0 AS rank, c.created_at
             FROM i JOIN companies c ON c.credit_code = i.credit AND c.deleted_at IS NULL
           UNION ALL
           SELECT i.row, c.id, 'name', 1, c.created_at
             FROM i JOIN companies c ON c.normalized_name = i.normalized AND c.deleted_at IS NULL) m
          ORDER BY row, rank, created_at`,
        [
          chunk.map((r) => r.row),
          chunk.map((r) => r.normalizedName),
          chunk.map((r) => r.creditCode),
        ],
      );
      for (const m of exact)
        matches.set(m.row, { companyId: m.company_id, match: m.match, similarity: null });
      const rest = chunk.filter((r) => !matches.has(r.row));
      if (rest.length === 0) continue;
      // For this statement only: the % operator prunes candidates at the threshold inside the trigram
      // index, and the index is used even on a small table (comparing CJK trigrams row by row costs more).
      await this.txHost.tx.query(
        `SELECT set_config('pg_trgm.similarity_threshold', $1, true), set_config('enable_seqscan', 'off', true)`,
        [String(SIMILAR_NAME_THRESHOLD)],
      );
      const near = await this.txHost.tx.query<
        { row: number; company_id: string; similarity: number }[]
      >(
        `SELECT i.row, best.id AS company_id, best.similarity
           FROM unnest($1::int[], $2::text[]) AS i(row, normalized)
           CROSS JOIN LATERAL (
             SELECT c.id, similarity(c.normalized_name, i.normalized) AS similarity FROM companies c
              WHERE c.deleted_at IS NULL AND c.normalized_name % i.normalized
              ORDER BY c.normalized_name <-> i.normalized LIMIT 1) best
          WHERE best.similarity >= $3`,
        [rest.map((r) => r.row), rest.map((r) => r.normalizedName), SIMILAR_NAME_THRESHOLD],
      );
      await this.txHost.tx.query(`SELECT set_config('enable_seqscan', 'on', true)`);
      for (const m of near)
        matches.set(m.row, {
          companyId: m.company_id,
          match: 'similar_name',
          similarity: Number(m.similarity),
        });
    }
    return matches;
  }

  /** The earliest active, owned lead of each company. */
  private async activeLeads(
    companyIds: string[],
  ): Promise<Map<string, { id: string; ownerId: string }>> {
    const leads = new Map<string, { id: string; ownerId: string }>();
    for (let i = 0; i < companyIds.length; i += CHUNK) {
      const rows = await this.txHost.tx.query<
        { company_id: string; id: string; owner_id: string }[]
      >(
        `SELECT DISTINCT ON (l.company_id) l.company_id, l.id, l.owner_id
          FROM leads l WHERE l.company_id = ANY($1::uuid[]) AND l.owner_id IS NOT NULL AND l.deleted_at IS NULL AND ${this.claims.sql}
          ORDER BY l.company_id, l.created_at`,
        [companyIds.slice(i, i + CHUNK)],
      );
      for (const row of rows) leads.set(row.company_id, { id: row.id, ownerId: row.owner_id });
    }
    return leads;
  }

  private async write(
    principal: Principal,
    planned: PlannedLead[],
    report: ImportReport,
  ): Promise<void> {
    const tx = this.txHost.tx;
    for (let i = 0; i < planned.length; i += CHUNK) {
      const chunk = planned.slice(i, i + CHUNK);
      const fresh = chunk.filter((p) => p.newCompany);
      if (fresh.length > 0) {
        await tx.query(
          `INSERT INTO companies (id, name, name_en, normalized_name, credit_code, ai_segment, hq_city, owner_id, created_by_id)
           SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::uuid[], $9::uuid[])`,
          [
            fresh.map((p) => p.companyId),
            fresh.map((p) => p.row.name),
            fresh.map((p) => p.row.nameEn),
            fresh.map((p) => p.row.normalizedName),
            fresh.map((p) => p.row.creditCode),
            fresh.map((p) => p.row.aiSegment),
            fresh.map((p) => p.row.hqCity),
            fresh.map((p) => (p.conflict ? null : principal.id)),
            fresh.map(() => principal.id),
          ],
        );
      }
      await tx.query(
        `INSERT INTO leads (id, company_id, source, source_detail, notes, owner_id, owner_assigned_at, created_by_id, on_hold)
         SELECT id, company_id, source, source_detail, notes, $6::uuid, now(), $6::uuid, on_hold
           FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $7::bool[])
             AS t(id, company_id, source, source_detail, notes, on_hold)`,
        [
          chunk.map((p) => p.leadId),
          chunk.map((p) => p.companyId),
          chunk.map((p) => p.row.source),
          chunk.map((p) => p.row.sourceDetail),
          chunk.map((p) => p.row.notes),
          principal.id,
          chunk.map((p) => p.conflict !== null),
        ],
      );
      const conflicts = chunk.filter((p) => p.conflict);
      if (conflicts.length > 0) {
        await tx.query(
          `INSERT INTO lead_conflicts (lead_id, existing_lead_id, match, similarity)
           SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::real[])`,
          [
            conflicts.map((p) => p.leadId),
            conflicts.map((p) => p.conflict!.existingLeadId),
            conflicts.map((p) => p.conflict!.match),
            conflicts.map((p) => p.conflict!.similarity),
          ],
        );
      }
      const withContact = chunk.filter((p) => p.row.contact);
      if (withContact.length > 0) {
        await tx.query(
          `INSERT INTO contacts (company_id, name, phone, email, wechat, is_primary)
           SELECT t.company_id, t.name, t.phone, t.email, t.wechat,
                  NOT EXISTS (SELECT 1 FROM contacts p WHERE p.company_id = t.company_id AND p.is_primary AND p.deleted_at IS NULL)
             FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(company_id, name, phone, email, wechat)`,
          [
            withContact.map((p) => p.companyId),
            withContact.map((p) => p.row.contact!.name),
            withContact.map((p) => p.row.contact!.phone),
            withContact.map((p) => p.row.contact!.email),
            withContact.map((p) => p.row.contact!.wechat),
          ],
        );
      }
      // Existing firms nobody else works (no conflict) now belong to the importer.
      await this.companies.takeOver(
        chunk.filter((p) => !p.newCompany && !p.conflict).map((p) => p.companyId),
        principal.id,
      );
    }
    if (report.conflicts.rows.length > 0) {
      const managers = await this.users.activeIdsWithRoles(['manager']);
      await this.notifications.notify(
        managers.map((userId) => ({
          userId,
          kind: 'lead.import_conflicts',
          title: `导入产生 ${report.conflicts.rows.length} 条撞单 / An import raised ${report.conflicts.rows.length} lead conflicts`,
          data: { conflicts: report.conflicts.rows.length },
        })),
      );
    }
    await this.audit.record({
      entityType: 'LeadImport',
      entityId: randomUUID(),
      action: 'import',
      after: {
        total: report.total,
        created: report.created.rows.length,
        duplicates: report.duplicates.rows.length,
        conflicts: report.conflicts.rows.length,
        rejected: report.rejected.rows.length,
      },
    });
  }
}
