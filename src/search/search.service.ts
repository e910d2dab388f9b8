import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { escapeLike } from '../common/sql/like';
import type {
  CompanyHitDto,
  ContactHitDto,
  DealHitDto,
  LeadHitDto,
  SearchResultDto,
} from './search.dto';

export type SearchKind = keyof SearchResultDto;

/*
 * One bounded query per kind, each served by the trigram indexes on names and titles. Exact
 * names come first, then names that start with the text, then by trigram similarity.
 */
const QUERIES: Record<SearchKind, string> = {
  companies: `
    SELECT c.id, c.name, c.name_en AS "nameEn", c.credit_code AS "creditCode", c.status
      FROM companies c
     WHERE c.deleted_at IS NULL AND (c.name ILIKE $1 OR c.name_en ILIKE $1 OR c.credit_code ILIKE $1)
     ORDER BY c.name = $2 DESC, starts_with(c.name, $2) DESC, similarity(c.name, $2) DESC, c.name, c.id
     LIMIT $3`,
  deals: `
    SELECT d.id, d.title, d.company_id AS "companyId", c.name AS "companyName",
           s.name AS "stageName", s.name_en AS "stageNameEn"
      FROM deals d JOIN companies c ON c.id = d.company_id JOIN stages s ON s.id = d.stage_id
     WHERE d.deleted_at IS NULL
       AND (d.title ILIKE $1 OR d.company_id IN (SELECT id FROM companies WHERE name ILIKE $1 AND deleted_at IS NULL))
     ORDER BY greatest(similarity(d.title, $2), similarity(c.name, $2)) DESC, d.updated_at DESC, d.id
     LIMIT $3`,
  leads: `
    SELECT l.id, l.company_id AS "companyId", c.name AS "companyName", l.status
      FROM leads l JOIN companies c ON c.id = l.company_id
     WHERE l.deleted_at IS NULL
       AND l.company_id IN (SELECT id FROM companies WHERE (name ILIKE $1 OR credit_code ILIKE $1) AND deleted_at IS NULL)
     ORDER BY c.name = $2 DESC, similarity(c.name, $2) DESC, l.last_activity_at DESC, l.id
     LIMIT $3`,
  contacts: `
    SELECT p.id, p.name, p.title, p.company_id AS "companyId", c.name AS "companyName"
      FROM contacts p JOIN companies c ON c.id = p.company_id
     WHERE p.deleted_at IS NULL AND c.deleted_at IS NULL AND p.name ILIKE $1
     ORDER BY p.name = $2 DESC, similarity(p.name, $2) DESC, p.name, p.id
     LIMIT $3`,
};

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
    const run = async <T>(kind: SearchKind): Promise<T[]> =>
      kinds.has(kind) ? this.dataSource.query<T[]>(QUERIES[kind], parameters) : [];
    const [companies, deals, leads, contacts] = await Promise.all([
      run<CompanyHitDto>('companies'),
      run<DealHitDto>('deals'),
      run<LeadHitDto>('leads'),
      run<ContactHitDto>('contacts'),
    ]);
    return { companies, deals, leads, contacts };
  }
}
