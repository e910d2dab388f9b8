import { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions the schema relies on: trigram search, GiST exclusion over ranges, case-blind text. */
export class Extensions1795929600000 implements MigrationInterface {
  name = 'Extensions1795929600000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS citext`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP EXTENSION IF EXISTS citext`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS btree_gist`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
