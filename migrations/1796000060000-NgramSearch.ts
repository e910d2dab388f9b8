import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Substring search on names and titles from GIN indexes of their characters and character pairs.
 * pg_trgm cannot narrow `ILIKE '%星河%'`: a term of one or two characters has no trigram of its
 * own, so every company (and deal) was read. crm_ngrams(text) is the lower-cased text's single
 * characters and 2-character substrings; crm_ngram_query(term) is the term's 2-character
 * substrings (its character when it has one). Every substring match of the term holds all of them,
 * so `crm_ngrams(col) @> crm_ngram_query(term)` is a necessary condition of `col ILIKE '%term%'`
 * that the indexes answer, and the ILIKE rechecks it (src/common/sql/like.ts). Both lower-case as
 * ILIKE does; GIN removes a row's duplicate keys itself.
 */
export class NgramSearch1796000060000 implements MigrationInterface {
  name = 'NgramSearch1796000060000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE FUNCTION crm_ngrams(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
         SELECT c || ARRAY(SELECT c[i] || c[i + 1] FROM generate_series(1, cardinality(c) - 1) i)
           FROM string_to_array(lower($1), NULL) c
       $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION crm_ngram_query(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
         SELECT CASE WHEN cardinality(c) < 2 THEN c
                     ELSE ARRAY(SELECT DISTINCT c[i] || c[i + 1] FROM generate_series(1, cardinality(c) - 1) i)
                END
           FROM string_to_array(lower($1), NULL) c
       $$`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_companies_name_ngram ON companies USING gin (crm_ngrams(name))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_companies_name_en_ngram ON companies USING gin (crm_ngrams(name_en))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_companies_credit_code_ngram ON companies USING gin (crm_ngrams(credit_code))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_contacts_name_ngram ON contacts USING gin (crm_ngrams(name))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_deals_title_ngram ON deals USING gin (crm_ngrams(title))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_deals_title_ngram`);
    await queryRunner.query(`DROP INDEX idx_contacts_name_ngram`);
    await queryRunner.query(`DROP INDEX idx_companies_credit_code_ngram`);
    await queryRunner.query(`DROP INDEX idx_companies_name_en_ngram`);
    await queryRunner.query(`DROP INDEX idx_companies_name_ngram`);
    await queryRunner.query(`DROP FUNCTION crm_ngram_query(text)`);
    await queryRunner.query(`DROP FUNCTION crm_ngrams(text)`);
  }
}
