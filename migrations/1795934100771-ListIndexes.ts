import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes for the list filters and sorts, the nightly pool scan and tag filters. */
export class ListIndexes1795934100771 implements MigrationInterface {
  name = 'ListIndexes1795934100771';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX idx_companies_segment ON companies  (ai_segment, updated_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_companies_status ON companies  (status, updated_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_leads_idle ON leads  (last_activity_at) WHERE owner_id IS NOT NULL AND deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_leads_last_activity ON leads  (last_activity_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_deals_pipeline_updated ON deals  (pipeline_id, updated_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_activities_occurred_at ON activities  (occurred_at, id)`,
    );
    await queryRunner.query(`CREATE INDEX idx_companies_tags ON companies USING gin (tags)`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_companies_tags`);
    await queryRunner.query(`DROP INDEX public.idx_activities_occurred_at`);
    await queryRunner.query(`DROP INDEX public.idx_deals_pipeline_updated`);
    await queryRunner.query(`DROP INDEX public.idx_leads_last_activity`);
    await queryRunner.query(`DROP INDEX public.idx_leads_idle`);
    await queryRunner.query(`DROP INDEX public.idx_companies_status`);
    await queryRunner.query(`DROP INDEX public.idx_companies_segment`);
  }
}
