import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Compute usage by day: a period's card-hours (the compute-usage report, the overview's month,
 * the card-hours targets) read from the days asked for rather than every account's whole usage.
 * The rows arrive a day at a time and an update does not change the day, so the index costs an
 * insert only.
 */
export class ReportIndexes1796000180000 implements MigrationInterface {
  name = 'ReportIndexes1796000180000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "idx_compute_usage_day" ON "compute_usage" ("day") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_compute_usage_day"');
  }
}
