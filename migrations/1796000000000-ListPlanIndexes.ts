import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tasks list's default order (due date, then id) from an index: the partial idx_tasks_due
 * holds only open tasks, so the whole list was read and sorted (test/query-plans.e2e-spec.ts).
 */
export class ListPlanIndexes1796000000000 implements MigrationInterface {
  name = 'ListPlanIndexes1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX "idx_tasks_due_at" ON "tasks" ("due_at", "id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_tasks_due_at"');
  }
}
