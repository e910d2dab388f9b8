import { MigrationInterface, QueryRunner } from 'typeorm';

/** Activities (calls, meetings, notes), follow-up tasks, and the SLA breaches already alerted. */
export class ActivitiesAndTasks1795932760000 implements MigrationInterface {
  name = 'ActivitiesAndTasks1795932760000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE sla_alerts (kind character varying(20) NOT NULL, entity_id uuid NOT NULL, breach_of TIMESTAMP(3) WITH TIME ZONE NOT NULL, created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a3ede2f7027812aad23078cb545" PRIMARY KEY (kind, entity_id, breach_of))`,
    );
    await queryRunner.query(
      `CREATE TABLE activities (id uuid NOT NULL DEFAULT gen_random_uuid(), type character varying(20) NOT NULL, subject character varying(200) NOT NULL, body text, occurred_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, company_id uuid NOT NULL, deal_id uuid, author_id uuid NOT NULL, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), deleted_at TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_7f4004429f731ffb9c88eb486a8" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_activities_author ON activities  (author_id, occurred_at)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_activities_deal ON activities  (deal_id, occurred_at, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_activities_company ON activities  (company_id, occurred_at, id)`,
    );
    await queryRunner.query(
      `CREATE TABLE tasks (id uuid NOT NULL DEFAULT gen_random_uuid(), title character varying(200) NOT NULL, notes text, due_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, assignee_id uuid NOT NULL, company_id uuid, deal_id uuid, status character varying(20) NOT NULL DEFAULT 'open', completed_at TIMESTAMP(3) WITH TIME ZONE, created_by_id uuid, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), deleted_at TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_8d12ff38fcc62aaba2cab748772" PRIMARY KEY (id))`,
    );
    await queryRunner.query(`CREATE INDEX idx_tasks_company ON tasks  (company_id)`);
    await queryRunner.query(`CREATE INDEX idx_tasks_deal ON tasks  (deal_id)`);
    await queryRunner.query(
      `CREATE INDEX idx_tasks_due ON tasks  (due_at, id) WHERE status = 'open' AND deleted_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_tasks_assignee ON tasks  (assignee_id, status, due_at)`,
    );
    await queryRunner.query(
      `ALTER TABLE activities ADD CONSTRAINT fk_activities_company FOREIGN KEY (company_id) REFERENCES companies(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE activities ADD CONSTRAINT fk_activities_deal FOREIGN KEY (deal_id) REFERENCES deals(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE tasks ADD CONSTRAINT fk_tasks_assignee FOREIGN KEY (assignee_id) REFERENCES users(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE tasks ADD CONSTRAINT fk_tasks_company FOREIGN KEY (company_id) REFERENCES companies(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE tasks ADD CONSTRAINT fk_tasks_deal FOREIGN KEY (deal_id) REFERENCES deals(id) ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE tasks DROP CONSTRAINT fk_tasks_deal`);
    await queryRunner.query(`ALTER TABLE tasks DROP CONSTRAINT fk_tasks_company`);
    await queryRunner.query(`ALTER TABLE tasks DROP CONSTRAINT fk_tasks_assignee`);
    await queryRunner.query(`ALTER TABLE activities DROP CONSTRAINT fk_activities_deal`);
    await queryRunner.query(`ALTER TABLE activities DROP CONSTRAINT fk_activities_company`);
    await queryRunner.query(`DROP INDEX public.idx_tasks_assignee`);
    await queryRunner.query(`DROP INDEX public.idx_tasks_due`);
    await queryRunner.query(`DROP INDEX public.idx_tasks_deal`);
    await queryRunner.query(`DROP INDEX public.idx_tasks_company`);
    await queryRunner.query(`DROP TABLE tasks`);
    await queryRunner.query(`DROP INDEX public.idx_activities_company`);
    await queryRunner.query(`DROP INDEX public.idx_activities_deal`);
    await queryRunner.query(`DROP INDEX public.idx_activities_author`);
    await queryRunner.query(`DROP TABLE activities`);
    await queryRunner.query(`DROP TABLE sla_alerts`);
  }
}
