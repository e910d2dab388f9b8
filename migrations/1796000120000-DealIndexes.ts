import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The deals list filtered by owner and stage (a promoter's column, a manager's view of one
 * promoter), in its default order and by time in stage; a stage's deals by time in stage; and a
 * lead's deals (the firm-claim check when a lead is created, and the foreign key's SET NULL).
 */
export class DealIndexes1796000120000 implements MigrationInterface {
  name = 'DealIndexes1796000120000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "idx_deals_owner_stage" ON "deals" ("owner_id", "stage_id", "updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_deals_owner_stage_entered" ON "deals" ("owner_id", "stage_id", "stage_entered_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_deals_stage_entered" ON "deals" ("stage_id", "stage_entered_at", "id") ',
    );
    await queryRunner.query('CREATE INDEX "idx_deals_lead" ON "deals" ("lead_id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_deals_lead"');
    await queryRunner.query('DROP INDEX "public"."idx_deals_stage_entered"');
    await queryRunner.query('DROP INDEX "public"."idx_deals_owner_stage_entered"');
    await queryRunner.query('DROP INDEX "public"."idx_deals_owner_stage"');
  }
}
