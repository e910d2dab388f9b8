import { MigrationInterface, QueryRunner } from 'typeorm';

/** The park fund, its support programs with CHECK-bounded budgets, and companies’ applications. */
export class SupportMeasures1795934820000 implements MigrationInterface {
  name = 'SupportMeasures1795934820000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE funds (id uuid NOT NULL DEFAULT gen_random_uuid(), name character varying(100) NOT NULL, total numeric(16,2) NOT NULL, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d785f4bb8f680f3febd40718f68" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE TABLE programs (id uuid NOT NULL DEFAULT gen_random_uuid(), fund_id uuid NOT NULL, name character varying(100) NOT NULL, name_en character varying(100), kind character varying(30) NOT NULL, budget numeric(16,2) NOT NULL, approved_total numeric(16,2) NOT NULL DEFAULT '0', disbursed_total numeric(16,2) NOT NULL DEFAULT '0', card_hours_per_yuan numeric(10,4), version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT ck_programs_disbursed CHECK (disbursed_total <= approved_total), CONSTRAINT ck_programs_approved CHECK (approved_total <= budget), CONSTRAINT "PK_d43c664bcaafc0e8a06dfd34e05" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE TABLE applications (id uuid NOT NULL DEFAULT gen_random_uuid(), program_id uuid NOT NULL, company_id uuid NOT NULL, status character varying(20) NOT NULL DEFAULT 'draft', requested_amount numeric(16,2) NOT NULL, approved_amount numeric(16,2), disbursed_amount numeric(16,2), approved_card_hours numeric(16,2), purpose text, decision_reason text, reviewer_id uuid, created_by_id uuid, submitted_at TIMESTAMP(3) WITH TIME ZONE, decided_at TIMESTAMP(3) WITH TIME ZONE, disbursed_at TIMESTAMP(3) WITH TIME ZONE, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_938c0a27255637bde919591888f" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_applications_updated_at ON applications  (updated_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_applications_company ON applications  (company_id, status)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_applications_program ON applications  (program_id, status)`,
    );
    await queryRunner.query(
      `ALTER TABLE programs ADD CONSTRAINT fk_programs_fund FOREIGN KEY (fund_id) REFERENCES funds(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE applications ADD CONSTRAINT fk_applications_program FOREIGN KEY (program_id) REFERENCES programs(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE applications ADD CONSTRAINT fk_applications_company FOREIGN KEY (company_id) REFERENCES companies(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `INSERT INTO funds (id, name, total) VALUES ('00000000-0000-4000-8000-000000000002', '门头沟人工智能产业基金 Park AI fund', 1000000000.00)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE applications DROP CONSTRAINT fk_applications_company`);
    await queryRunner.query(`ALTER TABLE applications DROP CONSTRAINT fk_applications_program`);
    await queryRunner.query(`ALTER TABLE programs DROP CONSTRAINT fk_programs_fund`);
    await queryRunner.query(`DROP INDEX public.idx_applications_program`);
    await queryRunner.query(`DROP INDEX public.idx_applications_company`);
    await queryRunner.query(`DROP INDEX public.idx_applications_updated_at`);
    await queryRunner.query(`DROP TABLE applications`);
    await queryRunner.query(`DROP TABLE programs`);
    await queryRunner.query(`DROP TABLE funds`);
  }
}
