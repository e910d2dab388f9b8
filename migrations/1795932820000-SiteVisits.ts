import { MigrationInterface, QueryRunner } from 'typeorm';

/** Site visits; exclusion constraints keep any place and any host from two overlapping active visits. */
export class SiteVisits1795932820000 implements MigrationInterface {
  name = 'SiteVisits1795932820000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE site_visits (id uuid NOT NULL DEFAULT gen_random_uuid(), deal_id uuid NOT NULL, starts_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, ends_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, place_type character varying(20) NOT NULL, place_id uuid, place_label character varying(200), visitors text array NOT NULL DEFAULT '{}', status character varying(20) NOT NULL DEFAULT 'scheduled', interest smallint, outcome_notes text, next_step text, cancel_reason text, created_by_id uuid, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_33b7e3823d02ff3218134f0a277" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_site_visits_starts_at ON site_visits  (starts_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_site_visits_deal ON site_visits  (deal_id, starts_at)`,
    );
    await queryRunner.query(
      `CREATE TABLE site_visit_hosts (visit_id uuid NOT NULL, user_id uuid NOT NULL, starts_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, ends_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, active boolean NOT NULL DEFAULT true, CONSTRAINT "PK_d9eef4fce81de132e0068bfc441" PRIMARY KEY (visit_id, user_id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_site_visit_hosts_user ON site_visit_hosts  (user_id)`,
    );
    await queryRunner.query(
      `ALTER TABLE site_visits ADD CONSTRAINT fk_site_visits_deal FOREIGN KEY (deal_id) REFERENCES deals(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE site_visit_hosts ADD CONSTRAINT fk_site_visit_hosts_visit FOREIGN KEY (visit_id) REFERENCES site_visits(id) ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE site_visit_hosts ADD CONSTRAINT fk_site_visit_hosts_user FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE site_visits ADD CONSTRAINT ck_site_visits_range CHECK (ends_at > starts_at)`,
    );
    await queryRunner.query(
      `ALTER TABLE site_visits ADD CONSTRAINT ex_site_visits_place EXCLUDE USING gist (
         place_type WITH =, (coalesce(place_id, '00000000-0000-0000-0000-000000000000'::uuid)) WITH =,
         tstzrange(starts_at, ends_at) WITH &&)
       WHERE (status IN ('scheduled', 'completed') AND place_type <> 'other')`,
    );
    await queryRunner.query(
      `ALTER TABLE site_visit_hosts ADD CONSTRAINT ex_site_visit_hosts_overlap EXCLUDE USING gist (
         user_id WITH =, tstzrange(starts_at, ends_at) WITH &&) WHERE (active)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE site_visit_hosts DROP CONSTRAINT ex_site_visit_hosts_overlap`,
    );
    await queryRunner.query(`ALTER TABLE site_visits DROP CONSTRAINT ex_site_visits_place`);
    await queryRunner.query(`ALTER TABLE site_visits DROP CONSTRAINT ck_site_visits_range`);
    await queryRunner.query(
      `ALTER TABLE site_visit_hosts DROP CONSTRAINT fk_site_visit_hosts_user`,
    );
    await queryRunner.query(
      `ALTER TABLE site_visit_hosts DROP CONSTRAINT fk_site_visit_hosts_visit`,
    );
    await queryRunner.query(`ALTER TABLE site_visits DROP CONSTRAINT fk_site_visits_deal`);
    await queryRunner.query(`DROP INDEX public.idx_site_visit_hosts_user`);
    await queryRunner.query(`DROP TABLE site_visit_hosts`);
    await queryRunner.query(`DROP INDEX public.idx_site_visits_deal`);
    await queryRunner.query(`DROP INDEX public.idx_site_visits_starts_at`);
    await queryRunner.query(`DROP TABLE site_visits`);
  }
}
