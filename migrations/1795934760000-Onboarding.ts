import { MigrationInterface, QueryRunner } from 'typeorm';

/** Onboarding templates (the default one of the park), tracks opened for signed deals, and their tasks; Onboarding and Tenant are entered through the track. */
export class Onboarding1795934760000 implements MigrationInterface {
  name = 'Onboarding1795934760000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE onboarding_tracks (id uuid NOT NULL DEFAULT gen_random_uuid(), deal_id uuid NOT NULL, company_id uuid NOT NULL, template_id uuid, status character varying(20) NOT NULL DEFAULT 'open', completed_at TIMESTAMP(3) WITH TIME ZONE, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e2e32da31632e23fc2c721bd149" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_onboarding_tracks_company ON onboarding_tracks  (company_id)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_onboarding_tracks_deal ON onboarding_tracks  (deal_id)`,
    );
    await queryRunner.query(
      `CREATE TABLE onboarding_tasks (id uuid NOT NULL DEFAULT gen_random_uuid(), track_id uuid NOT NULL, position smallint NOT NULL, code character varying(40) NOT NULL, name character varying(100) NOT NULL, name_en character varying(100) NOT NULL, required boolean NOT NULL DEFAULT true, assignee_id uuid, due_date date, status character varying(20) NOT NULL DEFAULT 'todo', done_at TIMESTAMP(3) WITH TIME ZONE, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_04ddbad3ed27e955e9edd674447" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_onboarding_tasks_track ON onboarding_tasks  (track_id, position)`,
    );
    await queryRunner.query(
      `CREATE TABLE onboarding_templates (id uuid NOT NULL DEFAULT gen_random_uuid(), name character varying(100) NOT NULL, is_default boolean NOT NULL DEFAULT false, tasks jsonb NOT NULL, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_3d92c823abe29a6a0ad7ac25632" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_onboarding_templates_default ON onboarding_templates  (is_default) WHERE is_default`,
    );
    await queryRunner.query(
      `ALTER TABLE onboarding_tracks ADD CONSTRAINT fk_onboarding_tracks_deal FOREIGN KEY (deal_id) REFERENCES deals(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE onboarding_tracks ADD CONSTRAINT fk_onboarding_tracks_company FOREIGN KEY (company_id) REFERENCES companies(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE onboarding_tasks ADD CONSTRAINT fk_onboarding_tasks_track FOREIGN KEY (track_id) REFERENCES onboarding_tracks(id) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO onboarding_templates (name, is_default, tasks) VALUES ('标准入驻流程 Standard onboarding', true, $1::jsonb)`,
      [
        '[{"code": "business_registration", "name": "区内工商注册", "nameEn": "Business registration in the district", "required": true, "dueDays": 30}, {"code": "lease_signed", "name": "租赁合同签订", "nameEn": "Lease signed", "required": true, "dueDays": 30}, {"code": "fit_out", "name": "装修改造", "nameEn": "Fit-out", "required": false, "dueDays": 90}, {"code": "compute_account", "name": "算力账户开通", "nameEn": "Compute account provisioned", "required": true, "dueDays": 45}, {"code": "ai_safety_assessment", "name": "人工智能安全评估", "nameEn": "AI-safety assessment", "required": true, "dueDays": 60}, {"code": "move_in", "name": "正式入驻", "nameEn": "Move-in", "required": true, "dueDays": 120}]',
      ],
    );
    await queryRunner.query(
      `UPDATE stages SET gates = array_append(gates, 'onboarding_started') WHERE code = 'onboarding'`,
    );
    await queryRunner.query(
      `UPDATE stages SET gates = array_append(gates, 'onboarding_complete') WHERE code = 'tenant'`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE stages SET gates = array_remove(gates, 'onboarding_started') WHERE code = 'onboarding'`,
    );
    await queryRunner.query(
      `UPDATE stages SET gates = array_remove(gates, 'onboarding_complete') WHERE code = 'tenant'`,
    );
    await queryRunner.query(
      `ALTER TABLE onboarding_tasks DROP CONSTRAINT fk_onboarding_tasks_track`,
    );
    await queryRunner.query(
      `ALTER TABLE onboarding_tracks DROP CONSTRAINT fk_onboarding_tracks_company`,
    );
    await queryRunner.query(
      `ALTER TABLE onboarding_tracks DROP CONSTRAINT fk_onboarding_tracks_deal`,
    );
    await queryRunner.query(`DROP INDEX public.uq_onboarding_templates_default`);
    await queryRunner.query(`DROP TABLE onboarding_templates`);
    await queryRunner.query(`DROP INDEX public.idx_onboarding_tasks_track`);
    await queryRunner.query(`DROP TABLE onboarding_tasks`);
    await queryRunner.query(`DROP INDEX public.uq_onboarding_tracks_deal`);
    await queryRunner.query(`DROP INDEX public.idx_onboarding_tracks_company`);
    await queryRunner.query(`DROP TABLE onboarding_tracks`);
  }
}
