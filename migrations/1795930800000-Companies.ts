import { MigrationInterface, QueryRunner } from 'typeorm';

/** Companies (unique credit code, normalised name, trigram search), their contacts (one primary) and yearly revenues. */
export class Companies1795930800000 implements MigrationInterface {
  name = 'Companies1795930800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE companies (id uuid NOT NULL DEFAULT gen_random_uuid(), name character varying(200) NOT NULL, name_en character varying(200), normalized_name character varying(200) NOT NULL, credit_code character varying(18), ai_segment character varying(30) NOT NULL DEFAULT 'other', funding_stage character varying(20), headcount integer, registered_capital numeric(18,2), hq_city character varying(100), website character varying(300), tags text array NOT NULL DEFAULT '{}', status character varying(20) NOT NULL DEFAULT 'prospect', listing_status character varying(20) NOT NULL DEFAULT 'unlisted', listing_exchange character varying(50), ticker character varying(20), ai_safety_status character varying(20) NOT NULL DEFAULT 'not_assessed', owner_id uuid, created_by_id uuid, merged_into_id uuid, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), deleted_at TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_d4bc3e82a314fa9e29f652c2c22" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_companies_owner ON companies  (owner_id, updated_at)`,
    );
    await queryRunner.query(`CREATE INDEX idx_companies_created_at ON companies  (created_at, id)`);
    await queryRunner.query(`CREATE INDEX idx_companies_updated_at ON companies  (updated_at, id)`);
    await queryRunner.query(`CREATE INDEX idx_companies_name ON companies  (name, id)`);
    await queryRunner.query(
      `CREATE INDEX idx_companies_normalized_name ON companies  (normalized_name)`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_companies_credit_code ON companies  (credit_code) WHERE credit_code IS NOT NULL AND deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE TABLE company_revenues (id uuid NOT NULL DEFAULT gen_random_uuid(), company_id uuid NOT NULL, year smallint NOT NULL, revenue numeric(20,2) NOT NULL, ai_revenue numeric(20,2), source character varying(200), version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_8ace50ad4894a4c24e76dc804f4" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_company_revenues_year ON company_revenues  (company_id, year)`,
    );
    await queryRunner.query(
      `CREATE TABLE contacts (id uuid NOT NULL DEFAULT gen_random_uuid(), company_id uuid NOT NULL, name character varying(100) NOT NULL, title character varying(100), phone character varying(40), email character varying(254), wechat character varying(100), is_primary boolean NOT NULL DEFAULT false, notes text, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), deleted_at TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_contacts_primary ON contacts  (company_id) WHERE is_primary AND deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_contacts_company ON contacts  (company_id, created_at)`,
    );
    await queryRunner.query(
      `ALTER TABLE companies ADD CONSTRAINT fk_companies_owner FOREIGN KEY (owner_id) REFERENCES users(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE company_revenues ADD CONSTRAINT fk_company_revenues_company FOREIGN KEY (company_id) REFERENCES companies(id) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE contacts ADD CONSTRAINT fk_contacts_company FOREIGN KEY (company_id) REFERENCES companies(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_companies_name_trgm ON companies USING gin (name gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_companies_name_en_trgm ON companies USING gin (name_en gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_companies_normalized_name_trgm ON companies USING gin (normalized_name gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_companies_credit_code_trgm ON companies USING gin (credit_code gin_trgm_ops)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_contacts_name_trgm ON contacts USING gin (name gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX idx_contacts_name_trgm`);
    await queryRunner.query(`DROP INDEX idx_companies_credit_code_trgm`);
    await queryRunner.query(`DROP INDEX idx_companies_normalized_name_trgm`);
    await queryRunner.query(`DROP INDEX idx_companies_name_en_trgm`);
    await queryRunner.query(`DROP INDEX idx_companies_name_trgm`);
    await queryRunner.query(`ALTER TABLE contacts DROP CONSTRAINT fk_contacts_company`);
    await queryRunner.query(
      `ALTER TABLE company_revenues DROP CONSTRAINT fk_company_revenues_company`,
    );
    await queryRunner.query(`ALTER TABLE companies DROP CONSTRAINT fk_companies_owner`);
    await queryRunner.query(`DROP INDEX public.idx_contacts_company`);
    await queryRunner.query(`DROP INDEX public.uq_contacts_primary`);
    await queryRunner.query(`DROP TABLE contacts`);
    await queryRunner.query(`DROP INDEX public.uq_company_revenues_year`);
    await queryRunner.query(`DROP TABLE company_revenues`);
    await queryRunner.query(`DROP INDEX public.uq_companies_credit_code`);
    await queryRunner.query(`DROP INDEX public.idx_companies_normalized_name`);
    await queryRunner.query(`DROP INDEX public.idx_companies_name`);
    await queryRunner.query(`DROP INDEX public.idx_companies_updated_at`);
    await queryRunner.query(`DROP INDEX public.idx_companies_created_at`);
    await queryRunner.query(`DROP INDEX public.idx_companies_owner`);
    await queryRunner.query(`DROP TABLE companies`);
  }
}
