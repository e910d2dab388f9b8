import { MigrationInterface, QueryRunner } from 'typeorm';

/** Keyset indexes for the default sorts of the holds, leases and onboarding tracks lists. */
export class ListIndexes1795935060000 implements MigrationInterface {
  name = 'ListIndexes1795935060000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE INDEX "idx_reservations_expires_at" ON "reservations" ("expires_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_leases_start_date" ON "leases" ("start_date", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_onboarding_tracks_created_at" ON "onboarding_tracks" ("created_at", "id") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_onboarding_tracks_created_at"');
    await queryRunner.query('DROP INDEX "public"."idx_leases_start_date"');
    await queryRunner.query('DROP INDEX "public"."idx_reservations_expires_at"');
  }
}
