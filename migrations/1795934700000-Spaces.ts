import { MigrationInterface, QueryRunner } from 'typeorm';

/** Buildings and units, holds (reservations) and leases; exclusion constraints keep any unit from two overlapping active holds or leases. Entering Signed now needs a reserved unit. */
export class Spaces1795934700000 implements MigrationInterface {
  name = 'Spaces1795934700000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE buildings (id uuid NOT NULL DEFAULT gen_random_uuid(), name character varying(100) NOT NULL, name_en character varying(100), address character varying(200), floors smallint, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), deleted_at TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_bc65c1acce268c383e41a69003a" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE TABLE units (id uuid NOT NULL DEFAULT gen_random_uuid(), building_id uuid NOT NULL, code character varying(30) NOT NULL, floor smallint NOT NULL, area numeric(10,2) NOT NULL, type character varying(20) NOT NULL, list_rent numeric(10,2) NOT NULL, status character varying(20) NOT NULL DEFAULT 'available', version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5a8f2f064919b587d93936cb223" PRIMARY KEY (id))`,
    );
    await queryRunner.query(`CREATE INDEX idx_units_status ON units  (status, building_id)`);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_units_code ON units  (building_id, code)`);
    await queryRunner.query(
      `CREATE TABLE leases (id uuid NOT NULL DEFAULT gen_random_uuid(), unit_id uuid NOT NULL, company_id uuid NOT NULL, deal_id uuid, start_date date NOT NULL, end_date date NOT NULL, monthly_rent numeric(14,2) NOT NULL, rent_free_months smallint NOT NULL DEFAULT '0', status character varying(20) NOT NULL DEFAULT 'active', version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT ck_leases_period CHECK (end_date >= start_date), CONSTRAINT ex_leases_unit EXCLUDE USING gist (unit_id WITH =, daterange(start_date, end_date, '[]') WITH &&) WHERE (status = 'active'), CONSTRAINT "PK_2668e338ab2d27079170ea55ea2" PRIMARY KEY (id))`,
    );
    await queryRunner.query(`CREATE INDEX idx_leases_deal ON leases  (deal_id)`);
    await queryRunner.query(`CREATE INDEX idx_leases_company ON leases  (company_id)`);
    await queryRunner.query(
      `CREATE TABLE reservations (id uuid NOT NULL DEFAULT gen_random_uuid(), unit_id uuid NOT NULL, deal_id uuid NOT NULL, starts_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), expires_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, status character varying(20) NOT NULL DEFAULT 'active', created_by_id uuid, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT ex_reservations_unit EXCLUDE USING gist (unit_id WITH =, tstzrange(starts_at, expires_at) WITH &&) WHERE (status = 'active'), CONSTRAINT "PK_da95cef71b617ac35dc5bcda243" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_reservations_expiry ON reservations  (expires_at) WHERE status = 'active'`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_reservations_deal ON reservations  (deal_id, status)`,
    );
    await queryRunner.query(
      `ALTER TABLE units ADD CONSTRAINT fk_units_building FOREIGN KEY (building_id) REFERENCES buildings(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE leases ADD CONSTRAINT fk_leases_unit FOREIGN KEY (unit_id) REFERENCES units(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE leases ADD CONSTRAINT fk_leases_company FOREIGN KEY (company_id) REFERENCES companies(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE leases ADD CONSTRAINT fk_leases_deal FOREIGN KEY (deal_id) REFERENCES deals(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE reservations ADD CONSTRAINT fk_reservations_unit FOREIGN KEY (unit_id) REFERENCES units(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE reservations ADD CONSTRAINT fk_reservations_deal FOREIGN KEY (deal_id) REFERENCES deals(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `UPDATE stages SET gates = array_append(gates, 'reserved_unit') WHERE code = 'signed' AND NOT ('reserved_unit' = ANY(gates))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE stages SET gates = array_remove(gates, 'reserved_unit') WHERE code = 'signed'`,
    );
    await queryRunner.query(`ALTER TABLE reservations DROP CONSTRAINT fk_reservations_deal`);
    await queryRunner.query(`ALTER TABLE reservations DROP CONSTRAINT fk_reservations_unit`);
    await queryRunner.query(`ALTER TABLE leases DROP CONSTRAINT fk_leases_deal`);
    await queryRunner.query(`ALTER TABLE leases DROP CONSTRAINT fk_leases_company`);
    await queryRunner.query(`ALTER TABLE leases DROP CONSTRAINT fk_leases_unit`);
    await queryRunner.query(`ALTER TABLE units DROP CONSTRAINT fk_units_building`);
    await queryRunner.query(`DROP INDEX public.idx_reservations_deal`);
    await queryRunner.query(`DROP INDEX public.idx_reservations_expiry`);
    await queryRunner.query(`DROP TABLE reservations`);
    await queryRunner.query(`DROP INDEX public.idx_leases_company`);
    await queryRunner.query(`DROP INDEX public.idx_leases_deal`);
    await queryRunner.query(`DROP TABLE leases`);
    await queryRunner.query(`DROP INDEX public.uq_units_code`);
    await queryRunner.query(`DROP INDEX public.idx_units_status`);
    await queryRunner.query(`DROP TABLE units`);
    await queryRunner.query(`DROP TABLE buildings`);
  }
}
