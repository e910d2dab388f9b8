import { MigrationInterface, QueryRunner } from 'typeorm';

/** Leads with owner, status and pool bookkeeping, and ownership conflicts (撞单) awaiting a manager. */
export class Leads1795930860000 implements MigrationInterface {
  name = 'Leads1795930860000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE leads (id uuid NOT NULL DEFAULT gen_random_uuid(), company_id uuid NOT NULL, source character varying(30) NOT NULL, source_detail character varying(200), owner_id uuid, status character varying(20) NOT NULL DEFAULT 'new', disqualify_reason text, notes text, on_hold boolean NOT NULL DEFAULT false, last_activity_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), owner_assigned_at TIMESTAMP(3) WITH TIME ZONE, pooled_at TIMESTAMP(3) WITH TIME ZONE, previous_owner_id uuid, created_by_id uuid, converted_at TIMESTAMP(3) WITH TIME ZONE, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), deleted_at TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_cd102ed7a9a4ca7d4d8bfeba406" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_leads_pool ON leads  (updated_at, id) WHERE owner_id IS NULL AND deleted_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX idx_leads_created_at ON leads  (created_at, id)`);
    await queryRunner.query(`CREATE INDEX idx_leads_updated_at ON leads  (updated_at, id)`);
    await queryRunner.query(
      `CREATE INDEX idx_leads_owner_status ON leads  (owner_id, status, updated_at)`,
    );
    await queryRunner.query(`CREATE INDEX idx_leads_company ON leads  (company_id)`);
    await queryRunner.query(
      `CREATE TABLE lead_conflicts (id uuid NOT NULL DEFAULT gen_random_uuid(), lead_id uuid NOT NULL, existing_lead_id uuid NOT NULL, match character varying(20) NOT NULL, similarity real, status character varying(20) NOT NULL DEFAULT 'open', resolution character varying(20), resolution_note text, resolved_by_id uuid, resolved_at TIMESTAMP(3) WITH TIME ZONE, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_cd924468c3bfd9315b91d5dc161" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_lead_conflicts_open_lead ON lead_conflicts  (lead_id) WHERE status = 'open'`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_lead_conflicts_open ON lead_conflicts  (status, created_at, id)`,
    );
    await queryRunner.query(
      `ALTER TABLE leads ADD CONSTRAINT fk_leads_company FOREIGN KEY (company_id) REFERENCES companies(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE leads ADD CONSTRAINT fk_leads_owner FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE lead_conflicts ADD CONSTRAINT fk_lead_conflicts_lead FOREIGN KEY (lead_id) REFERENCES leads(id) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE lead_conflicts ADD CONSTRAINT fk_lead_conflicts_existing_lead FOREIGN KEY (existing_lead_id) REFERENCES leads(id) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE lead_conflicts DROP CONSTRAINT fk_lead_conflicts_existing_lead`,
    );
    await queryRunner.query(`ALTER TABLE lead_conflicts DROP CONSTRAINT fk_lead_conflicts_lead`);
    await queryRunner.query(`ALTER TABLE leads DROP CONSTRAINT fk_leads_owner`);
    await queryRunner.query(`ALTER TABLE leads DROP CONSTRAINT fk_leads_company`);
    await queryRunner.query(`DROP INDEX public.idx_lead_conflicts_open`);
    await queryRunner.query(`DROP INDEX public.uq_lead_conflicts_open_lead`);
    await queryRunner.query(`DROP TABLE lead_conflicts`);
    await queryRunner.query(`DROP INDEX public.idx_leads_company`);
    await queryRunner.query(`DROP INDEX public.idx_leads_owner_status`);
    await queryRunner.query(`DROP INDEX public.idx_leads_updated_at`);
    await queryRunner.query(`DROP INDEX public.idx_leads_created_at`);
    await queryRunner.query(`DROP INDEX public.idx_leads_pool`);
    await queryRunner.query(`DROP TABLE leads`);
  }
}
