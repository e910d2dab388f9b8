import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The park's targets as data, seeded with the committee's published goals: 100 AI enterprises
 * signed in 2023; more than 4 listed AI companies and 40 billion yuan of AI revenue by 2030.
 */
export class Targets1795935000000 implements MigrationInterface {
  name = 'Targets1795935000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "targets" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(100) NOT NULL, "name_en" character varying(100), "metric" character varying(40) NOT NULL, "comparison" character varying(20) NOT NULL DEFAULT \'at_least\', "value" numeric(18,2) NOT NULL, "period_start" date NOT NULL, "period_end" date NOT NULL, "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_87084f49e9de9dd6a3e83906584" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_targets_period" ON "targets"  ("period_start", "period_end") ',
    );
    await queryRunner.query(
      `INSERT INTO targets (name, name_en, metric, comparison, value, period_start, period_end) VALUES
        ('2023年签约人工智能企业 100 家', 'AI enterprises signed in 2023: 100', 'enterprises_signed', 'at_least', 100, '2023-01-01', '2024-01-01'),
        ('到2030年人工智能上市企业超过 4 家', 'More than 4 listed AI companies by 2030', 'listed_companies', 'more_than', 4, '2023-01-01', '2031-01-01'),
        ('2030年人工智能产业营收 400 亿元', 'AI revenue of 40 billion yuan in 2030', 'ai_revenue', 'at_least', 40000000000, '2030-01-01', '2031-01-01')`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "public"."idx_targets_period"');
    await queryRunner.query('DROP TABLE "targets"');
  }
}
