import { MigrationInterface, QueryRunner } from 'typeorm';

/** Global search finds deals by title: a trigram index serves its ILIKE '%…%'. */
export class GlobalSearch1795934880000 implements MigrationInterface {
  name = 'GlobalSearch1795934880000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX idx_deals_title_trgm ON deals USING gin (title gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_deals_title_trgm`);
  }
}
