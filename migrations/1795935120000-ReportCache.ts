import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report results kept in the database and served until the data they read changes: every write
 * to a table that reports read notes its transaction in report_changes (a statement trigger), and
 * a cached result is valid while no change it did not see has committed since its snapshot.
 */
export const REPORT_TABLES = [
  'activities',
  'applications',
  'buildings',
  'companies',
  'company_revenues',
  'compute_accounts',
  'compute_allocations',
  'compute_usage',
  'contacts',
  'deal_stage_history',
  'deals',
  'funds',
  'lead_conflicts',
  'leads',
  'leases',
  'onboarding_tasks',
  'onboarding_templates',
  'onboarding_tracks',
  'pipelines',
  'programs',
  'reservations',
  'site_visit_hosts',
  'site_visits',
  'stages',
  'targets',
  'tasks',
  'units',
  'users',
];

export class ReportCache1795935120000 implements MigrationInterface {
  name = 'ReportCache1795935120000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE report_changes (
        table_name text NOT NULL,
        xid xid8 NOT NULL,
        changed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (table_name, xid))`);
    await queryRunner.query(
      'CREATE INDEX idx_report_changes_changed_at ON report_changes (changed_at)',
    );
    await queryRunner.query(`
      CREATE TABLE report_cache (
        key text PRIMARY KEY,
        tables text[] NOT NULL,
        snapshot pg_snapshot NOT NULL,
        body json NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now())`);
    await queryRunner.query(`
      CREATE FUNCTION note_report_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_changes (table_name, xid) VALUES (TG_TABLE_NAME, pg_current_xact_id())
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    for (const table of REPORT_TABLES)
      await queryRunner.query(
        `CREATE TRIGGER report_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}"
           FOR EACH STATEMENT EXECUTE FUNCTION note_report_change()`,
      );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of REPORT_TABLES)
      await queryRunner.query(`DROP TRIGGER report_change ON "${table}"`);
    await queryRunner.query('DROP FUNCTION note_report_change()');
    await queryRunner.query('DROP TABLE report_cache');
    await queryRunner.query('DROP TABLE report_changes');
  }
}
