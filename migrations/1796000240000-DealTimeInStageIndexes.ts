import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deals list sorted by time in stage (the admin's "days in stage" column) without a stage
 * filter: the whole park's deals, and one owner's. Without them, the sort read every deal (1.7 s
 * at scale 10 under load).
 */
export class DealTimeInStageIndexes1796000240000 implements MigrationInterface {
  name = 'DealTimeInStageIndexes1796000240000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "idx_deals_stage_entered_at" ON "deals" ("stage_entered_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_deals_owner_stage_entered_at" ON "deals" ("owner_id", "stage_entered_at", "id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_deals_owner_stage_entered_at"');
    await queryRunner.query('DROP INDEX "public"."idx_deals_stage_entered_at"');
  }
}
