import { MigrationInterface, QueryRunner } from 'typeorm';

/** Per-user notifications. */
export class Notifications1795930920000 implements MigrationInterface {
  name = 'Notifications1795930920000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE notifications (id uuid NOT NULL DEFAULT gen_random_uuid(), user_id uuid NOT NULL, kind character varying(60) NOT NULL, title character varying(200) NOT NULL, entity_type character varying(50), entity_id uuid, data jsonb NOT NULL DEFAULT '{}', read_at TIMESTAMP(3) WITH TIME ZONE, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_notifications_user ON notifications  (user_id, created_at, id)`,
    );
    await queryRunner.query(
      `ALTER TABLE notifications ADD CONSTRAINT fk_notifications_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE notifications DROP CONSTRAINT fk_notifications_user`);
    await queryRunner.query(`DROP INDEX public.idx_notifications_user`);
    await queryRunner.query(`DROP TABLE notifications`);
  }
}
