import type { EntityManager } from 'typeorm';
import { Company } from './company.entity';
import { normaliseCompanyName } from './company-name';

/** Trigram similarity of normalised names from which two firms are taken to be possibly the same. */
export const SIMILAR_NAME_THRESHOLD = 0.6;

export type MatchKind = 'credit_code' | 'name' | 'similar_name';

export interface CompanyMatch {
  company: Company;
  match: MatchKind;
  similarity: number;
}

/**
 * Existing companies that may be the firm described: the same credit code, the same normalised
 * name, or a near name (trigram similarity), strongest first. One query, using the indexes.
 */
export async function findCompanyMatches(
  manager: EntityManager,
  candidate: { name?: string; creditCode?: string | null },
  limit = 5,
): Promise<CompanyMatch[]> {
  const normalized = candidate.name ? normaliseCompanyName(candidate.name) : null;
  if (!normalized && !candidate.creditCode) return [];
  const rows = await manager.query<{ id: string; match: MatchKind; similarity: number }[]>(
    `SELECT id,
            CASE WHEN $1::text IS NOT NULL AND credit_code = $1 THEN 'credit_code'
                 WHEN normalized_name = $2 THEN 'name' ELSE 'similar_name' END AS match,
            CASE WHEN $2::text IS NULL THEN 0 ELSE similarity(normalized_name, $2) END AS similarity
       FROM companies
      WHERE deleted_at IS NULL
        AND (($1::text IS NOT NULL AND credit_code = $1)
          OR ($2::text IS NOT NULL AND normalized_name = $2)
          OR ($2::text IS NOT NULL AND normalized_name % $2 AND similarity(normalized_name, $2) >= $3))
      ORDER BY (credit_code = $1) IS TRUE DESC, (normalized_name = $2) DESC, similarity DESC, id
      LIMIT $4`,
    [candidate.creditCode ?? null, normalized, SIMILAR_NAME_THRESHOLD, limit],
  );
  if (rows.length === 0) return [];
  const companies = await manager
    .getRepository(Company)
    .findBy(rows.map((row) => ({ id: row.id })));
  const byId = new Map(companies.map((company) => [company.id, company]));
  return rows.map((row) => ({
    company: byId.get(row.id)!,
    match: row.match,
    similarity: Number(row.similarity),
  }));
}
