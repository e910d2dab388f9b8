import { MigrationInterface, QueryRunner } from 'typeorm';

/** Pipelines and their stages (with entry gates as data), the default pipeline of DESIGN.md, deals, and the immutable stage history. */
export class Pipeline1795932700000 implements MigrationInterface {
  name = 'Pipeline1795932700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE pipelines (id uuid NOT NULL DEFAULT gen_random_uuid(), name character varying(100) NOT NULL, name_en character varying(100), is_default boolean NOT NULL DEFAULT false, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e38ea171cdfad107c1f3db2c036" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_pipelines_default ON pipelines  (is_default) WHERE is_default`,
    );
    await queryRunner.query(
      `CREATE TABLE stages (id uuid NOT NULL DEFAULT gen_random_uuid(), pipeline_id uuid NOT NULL, code character varying(40), name character varying(100) NOT NULL, name_en character varying(100) NOT NULL, position integer NOT NULL, probability smallint NOT NULL, sla_days integer, kind character varying(10) NOT NULL DEFAULT 'open', gates text array NOT NULL DEFAULT '{}', retired_at TIMESTAMP(3) WITH TIME ZONE, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_16efa0f8f5386328944769b9e6d" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_stages_code ON stages  (pipeline_id, code) WHERE code IS NOT NULL`,
    );
    await queryRunner.query(`CREATE INDEX idx_stages_pipeline ON stages  (pipeline_id, position)`);
    await queryRunner.query(
      `CREATE TABLE deals (id uuid NOT NULL DEFAULT gen_random_uuid(), title character varying(200) NOT NULL, company_id uuid NOT NULL, lead_id uuid, pipeline_id uuid NOT NULL, stage_id uuid NOT NULL, owner_id uuid NOT NULL, expected_area numeric(12,2), expected_compute_card_hours integer, expected_investment numeric(18,2), expected_annual_revenue numeric(18,2), target_move_in_date date, lost_reason text, stage_entered_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), closed_at TIMESTAMP(3) WITH TIME ZONE, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), deleted_at TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_8c66f03b250f613ff8615940b4b" PRIMARY KEY (id))`,
    );
    await queryRunner.query(`CREATE INDEX idx_deals_created_at ON deals  (created_at, id)`);
    await queryRunner.query(`CREATE INDEX idx_deals_updated_at ON deals  (updated_at, id)`);
    await queryRunner.query(`CREATE INDEX idx_deals_pipeline ON deals  (pipeline_id, stage_id)`);
    await queryRunner.query(`CREATE INDEX idx_deals_company ON deals  (company_id)`);
    await queryRunner.query(`CREATE INDEX idx_deals_owner ON deals  (owner_id, updated_at, id)`);
    await queryRunner.query(`CREATE INDEX idx_deals_stage ON deals  (stage_id, updated_at, id)`);
    await queryRunner.query(
      `CREATE TABLE deal_stage_history (id uuid NOT NULL DEFAULT gen_random_uuid(), deal_id uuid NOT NULL, from_stage_id uuid, to_stage_id uuid NOT NULL, moved_by_id uuid, moved_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_92a1807e6b5c2694b06a430f77d" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_deal_stage_history_to ON deal_stage_history  (to_stage_id, moved_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_deal_stage_history_deal ON deal_stage_history  (deal_id, moved_at, id)`,
    );
    await queryRunner.query(
      `ALTER TABLE stages ADD CONSTRAINT fk_stages_pipeline FOREIGN KEY (pipeline_id) REFERENCES pipelines(id) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE deals ADD CONSTRAINT fk_deals_company FOREIGN KEY (company_id) REFERENCES companies(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE deals ADD CONSTRAINT fk_deals_lead FOREIGN KEY (lead_id) REFERENCES leads(id) ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE deals ADD CONSTRAINT fk_deals_pipeline FOREIGN KEY (pipeline_id) REFERENCES pipelines(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE deals ADD CONSTRAINT fk_deals_stage FOREIGN KEY (stage_id) REFERENCES stages(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE deals ADD CONSTRAINT fk_deals_owner FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE deal_stage_history ADD CONSTRAINT fk_deal_stage_history_deal FOREIGN KEY (deal_id) REFERENCES deals(id) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE deal_stage_history ADD CONSTRAINT fk_deal_stage_history_from FOREIGN KEY (from_stage_id) REFERENCES stages(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE deal_stage_history ADD CONSTRAINT fk_deal_stage_history_to FOREIGN KEY (to_stage_id) REFERENCES stages(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO pipelines (id, name, name_en, is_default) VALUES ('00000000-0000-4000-8000-000000000001', '招商主流程', 'Recruitment', true)`,
    );
    await queryRunner.query(
      `INSERT INTO stages (pipeline_id, code, name, name_en, position, probability, sla_days, kind, gates) VALUES
         ('00000000-0000-4000-8000-000000000001', 'first_contact', '初步接洽', 'First contact', 1, 10, 14, 'open', '{}'),
         ('00000000-0000-4000-8000-000000000001', 'needs_confirmed', '需求确认', 'Needs confirmed', 2, 20, 21, 'open', '{}'),
         ('00000000-0000-4000-8000-000000000001', 'site_visit', '实地考察', 'Site visit', 3, 40, 21, 'open', '{}'),
         ('00000000-0000-4000-8000-000000000001', 'negotiation', '商务洽谈', 'Negotiation', 4, 60, 30, 'open', '{completed_site_visit}'),
         ('00000000-0000-4000-8000-000000000001', 'signed', '签约', 'Signed', 5, 90, 14, 'open', '{agreed_terms}'),
         ('00000000-0000-4000-8000-000000000001', 'onboarding', '入驻办理', 'Onboarding', 6, 95, 60, 'open', '{}'),
         ('00000000-0000-4000-8000-000000000001', 'tenant', '已入驻', 'Tenant', 7, 100, NULL, 'won', '{}'),
         ('00000000-0000-4000-8000-000000000001', 'lost', '未落地', 'Lost', 8, 0, NULL, 'lost', '{lost_reason}')`,
    );
    await queryRunner.query(`
      CREATE FUNCTION deal_stage_history_is_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'deal_stage_history is immutable: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER deal_stage_history_immutable BEFORE UPDATE OR DELETE ON deal_stage_history FOR EACH ROW EXECUTE FUNCTION deal_stage_history_is_immutable()`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER deal_stage_history_immutable ON deal_stage_history`);
    await queryRunner.query(`DROP FUNCTION deal_stage_history_is_immutable()`);
    await queryRunner.query(
      `ALTER TABLE deal_stage_history DROP CONSTRAINT fk_deal_stage_history_to`,
    );
    await queryRunner.query(
      `ALTER TABLE deal_stage_history DROP CONSTRAINT fk_deal_stage_history_from`,
    );
    await queryRunner.query(
      `ALTER TABLE deal_stage_history DROP CONSTRAINT fk_deal_stage_history_deal`,
    );
    await queryRunner.query(`ALTER TABLE deals DROP CONSTRAINT fk_deals_owner`);
    await queryRunner.query(`ALTER TABLE deals DROP CONSTRAINT fk_deals_stage`);
    await queryRunner.query(`ALTER TABLE deals DROP CONSTRAINT fk_deals_pipeline`);
    await queryRunner.query(`ALTER TABLE deals DROP CONSTRAINT fk_deals_lead`);
    await queryRunner.query(`ALTER TABLE deals DROP CONSTRAINT fk_deals_company`);
    await queryRunner.query(`ALTER TABLE stages DROP CONSTRAINT fk_stages_pipeline`);
    await queryRunner.query(`DROP INDEX public.idx_deal_stage_history_deal`);
    await queryRunner.query(`DROP INDEX public.idx_deal_stage_history_to`);
    await queryRunner.query(`DROP TABLE deal_stage_history`);
    await queryRunner.query(`DROP INDEX public.idx_deals_stage`);
    await queryRunner.query(`DROP INDEX public.idx_deals_owner`);
    await queryRunner.query(`DROP INDEX public.idx_deals_company`);
    await queryRunner.query(`DROP INDEX public.idx_deals_pipeline`);
    await queryRunner.query(`DROP INDEX public.idx_deals_updated_at`);
    await queryRunner.query(`DROP INDEX public.idx_deals_created_at`);
    await queryRunner.query(`DROP TABLE deals`);
    await queryRunner.query(`DROP INDEX public.idx_stages_pipeline`);
    await queryRunner.query(`DROP INDEX public.uq_stages_code`);
    await queryRunner.query(`DROP TABLE stages`);
    await queryRunner.query(`DROP INDEX public.uq_pipelines_default`);
    await queryRunner.query(`DROP TABLE pipelines`);
  }
}
