import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { containsText, escapeLike } from '../common/sql/like';
import type {
  CompanyHitDto,
  ContactHitDto,
  DealHitDto,
  LeadHitDto,
  SearchResultDto,
} from './search.dto';

export type SearchKind = keyof SearchResultDto;

/*
 * One bounded query per kind, its matches read from indexes on names and titles (containsText; a
 * deal by its title or by its company's name). Exact names come first, then names that start with
 * the text, then by trigram similarity: every match is ranked, so a text that most names hold costs
 * as many rows. $1 is the text's pattern, $2 the text.
 */
function queries(text: string): Record<SearchKind, string> {
  const contains = (columns: string[], alternatives: string[] = []) =>
    containsText(text, columns, { term: '$2', pattern: '$1' }, { reads: 'all', alternatives });
  return {
    companies: `
      SELECT c.id, c.name, c.name_en AS "nameEn", c.credit_code AS "creditCode", c.status
        FROM companies c
       WHERE c.deleted_at IS NULL AND ${contains(['c.name', 'c.name_en', 'c.credit_code'])}
       ORDER BY c.name = $2 DESC, starts_with(c.name, $2) DESC, similarity(c.name, $2) DESC, c.name, c.id
       LIMIT $3`,
    // The companies whose name matches, read once for both ORs of containsText.
    deals: `
      WITH matched AS (
        SELECT ARRAY(SELECT id FROM companies WHERE ${contains(['name'])} AND deleted_at IS NULL) AS ids)
      SELECT d.id, d.title, d.company_id AS "companyId", c.name AS "companyName",
             s.name AS "stageName", s.name_en AS "stageNameEn"
        FROM deals d JOIN companies c ON c.id = d.company_id JOIN stages s ON s.id = d.stage_id
       WHERE d.deleted_at IS NULL
         AND ${contains(['d.title'], ['d.company_id = ANY ((SELECT ids FROM matched)::uuid[])'])}
       ORDER BY greatest(similarity(d.title, $2), similarity(c.name, $2)) DESC, d.updated_at DESC, d.id
       LIMIT $3`,
    // Each matching company ranked once, not for each of its leads; the companies in rank order, so
    // that their leads are read only until the best are known.
    leads: `
      SELECT l.id, l.company_id AS "companyId", c.name AS "companyName", l.status
        FROM (SELECT id, name, name = $2 AS exact, similarity(name, $2) AS similarity
                FROM companies
               WHERE ${contains(['name', 'credit_code'])} AND deleted_at IS NULL
               ORDER BY exact DESC, similarity DESC) c
        JOIN leads l ON l.company_id = c.id
       WHERE l.deleted_at IS NULL
       ORDER BY c.exact DESC, c.similarity DESC, l.last_activity_at DESC, l.id
       LIMIT $3`,
    contacts: `
      SELECT p.id, p.name, p.title, p.company_id AS "companyId", c.name AS "companyName"
        FROM contacts p JOIN companies c ON c.id = p.company_id
       WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL AND ${contains(['p.name'])}
       ORDER BY p.name = $2 DESC, similarity(p.name, $2) DESC, p.name, p.id
       LIMIT $3`,
  };
}

@Injectable()
export class SearchService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The best `limit` hits of each kind in `kinds`; the other kinds answer empty. */
  async search(
    text: string,
    limit: number,
    kinds: ReadonlySet<SearchKind>,
  ): Promise<SearchResultDto> {
    const parameters = [escapeLike(text), text, limit];
    const sql = queries(text);
    const run = async <T>(kind: SearchKind): Promise<T[]> =>
      kinds.has(kind) ? this.dataSource.query<T[]>(sql[kind], parameters) : [];
    const [companies, deals, leads, contacts] = await Promise.all([
      run<CompanyHitDto>('companies'),
      run<DealHitDto>('deals'),
      run<LeadHitDto>('leads'),
      run<ContactHitDto>('contacts'),
    ]);
    return { companies, deals, leads, contacts };
  }
}
