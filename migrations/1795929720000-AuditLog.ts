import { MigrationInterface, QueryRunner } from 'typeorm';

/** The append-only audit log: a trigger refuses UPDATE, DELETE and TRUNCATE. */
export class AuditLog1795929720000 implements MigrationInterface {
  name = 'AuditLog1795929720000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE audit_log (id uuid NOT NULL DEFAULT gen_random_uuid(), entity_type character varying(50) NOT NULL, entity_id uuid NOT NULL, action character varying(50) NOT NULL, actor_type character varying(20) NOT NULL, actor_id uuid, request_id character varying(100), changes jsonb NOT NULL DEFAULT '{}', reason text, created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_audit_log_actor ON audit_log  (actor_id, created_at) `,
    );
    await queryRunner.query(
      `CREATE INDEX idx_audit_log_created_at ON audit_log  (created_at, id) `,
    );
    await queryRunner.query(
      `CREATE INDEX idx_audit_log_entity ON audit_log  (entity_type, entity_id, created_at, id) `,
    );
    await queryRunner.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_log_no_truncate ON audit_log`);
    await queryRunner.query(`DROP TRIGGER audit_log_append_only ON audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_is_append_only()`);
    await queryRunner.query(`DROP INDEX public.idx_audit_log_entity`);
    await queryRunner.query(`DROP INDEX public.idx_audit_log_created_at`);
    await queryRunner.query(`DROP INDEX public.idx_audit_log_actor`);
    await queryRunner.query(`DROP TABLE audit_log`);
  }
}
