import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The link to the Ascend AI Computing Center: accounts and their allocations, daily usage, the
 * outbox of calls owed to the center, the webhooks it delivered (to recognise redeliveries) and the
 * nightly reconciliations.
 */
export class ComputeCenter1795934940000 implements MigrationInterface {
  name = 'ComputeCenter1795934940000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "compute_accounts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "company_id" uuid NOT NULL, "external_id" character varying(64), "status" character varying(20) NOT NULL DEFAULT \'pending\', "status_reason" text, "remote_version" integer NOT NULL DEFAULT \'0\', "region" character varying(60) NOT NULL, "onboarding_task_id" uuid, "activated_at" TIMESTAMP(3) WITH TIME ZONE, "last_synced_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7193c4dbd42aa2ae5296770b37a" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_compute_accounts_company" ON "compute_accounts"  ("company_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_compute_accounts_external" ON "compute_accounts"  ("external_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_compute_accounts_updated_at" ON "compute_accounts"  ("updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "compute_allocations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "application_id" uuid, "external_id" character varying(64), "kind" character varying(30) NOT NULL, "unit" character varying(20) NOT NULL, "amount" numeric(16,2) NOT NULL, "remaining" numeric(16,2), "resource_types" text array NOT NULL, "valid_from" date NOT NULL, "valid_until" date NOT NULL, "on_exhaustion" character varying(20) NOT NULL, "program_ref" character varying(100) NOT NULL, "status" character varying(20) NOT NULL DEFAULT \'waiting\', "remote_version" integer NOT NULL DEFAULT \'0\', "threshold_reached_at" TIMESTAMP(3) WITH TIME ZONE, "version" integer NOT NULL DEFAULT \'1\', "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_393fb2442ae9c3e6098d7b608f2" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_compute_allocations_application" ON "compute_allocations"  ("application_id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_compute_allocations_external" ON "compute_allocations"  ("external_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_compute_allocations_account" ON "compute_allocations"  ("account_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "compute_reconciliations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "started_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL, "finished_at" TIMESTAMP(3) WITH TIME ZONE, "accounts_checked" integer NOT NULL DEFAULT \'0\', "drift" jsonb NOT NULL DEFAULT \'[]\', "error" text, CONSTRAINT "PK_20b58437e1f0e35ec73b43bcf5d" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_compute_reconciliations_started" ON "compute_reconciliations"  ("started_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "compute_intents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "account_id" uuid NOT NULL, "allocation_id" uuid, "kind" character varying(20) NOT NULL, "payload" jsonb NOT NULL, "status" character varying(20) NOT NULL DEFAULT \'queued\', "attempts" integer NOT NULL DEFAULT \'0\', "last_error" text, "response" jsonb, "sent_at" TIMESTAMP(3) WITH TIME ZONE, "created_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_557b7c63a63761723b2e3ffd781" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_compute_intents_allocate" ON "compute_intents"  ("allocation_id") WHERE kind = \'allocate\'',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "uq_compute_intents_provision" ON "compute_intents"  ("account_id") WHERE kind = \'provision\'',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_compute_intents_account" ON "compute_intents"  ("account_id", "created_at") ',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_compute_intents_status" ON "compute_intents"  ("status", "created_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "compute_usage" ("account_id" uuid NOT NULL, "day" date NOT NULL, "resource_type" character varying(60) NOT NULL, "allocation_ref" character varying(64) NOT NULL, "card_hours" numeric(16,2) NOT NULL, "final" boolean NOT NULL DEFAULT false, "remote_version" integer NOT NULL DEFAULT \'0\', "updated_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_85f742f36a1e3c51c2fac34edce" PRIMARY KEY ("account_id", "day", "resource_type", "allocation_ref"))',
    );
    await queryRunner.query(
      'CREATE TABLE "compute_webhook_events" ("webhook_id" character varying(100) NOT NULL, "type" character varying(60) NOT NULL, "account_external_id" character varying(64), "remote_version" integer, "outcome" character varying(20) NOT NULL, "payload" jsonb NOT NULL, "received_at" TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_87f91eef2542df82da63d82ef23" PRIMARY KEY ("webhook_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "idx_compute_webhook_events_received" ON "compute_webhook_events"  ("received_at") ',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_accounts" ADD CONSTRAINT "fk_compute_accounts_company" FOREIGN KEY ("company_id") REFERENCES "companies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_allocations" ADD CONSTRAINT "fk_compute_allocations_account" FOREIGN KEY ("account_id") REFERENCES "compute_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_allocations" ADD CONSTRAINT "fk_compute_allocations_application" FOREIGN KEY ("application_id") REFERENCES "applications"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_intents" ADD CONSTRAINT "fk_compute_intents_account" FOREIGN KEY ("account_id") REFERENCES "compute_accounts"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_intents" ADD CONSTRAINT "fk_compute_intents_allocation" FOREIGN KEY ("allocation_id") REFERENCES "compute_allocations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_usage" ADD CONSTRAINT "fk_compute_usage_account" FOREIGN KEY ("account_id") REFERENCES "compute_accounts"("id") ON DELETE CASCADE ON UPDATE NO ACTION',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'ALTER TABLE "compute_usage" DROP CONSTRAINT "fk_compute_usage_account"',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_intents" DROP CONSTRAINT "fk_compute_intents_allocation"',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_intents" DROP CONSTRAINT "fk_compute_intents_account"',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_allocations" DROP CONSTRAINT "fk_compute_allocations_application"',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_allocations" DROP CONSTRAINT "fk_compute_allocations_account"',
    );
    await queryRunner.query(
      'ALTER TABLE "compute_accounts" DROP CONSTRAINT "fk_compute_accounts_company"',
    );
    await queryRunner.query('DROP INDEX "public"."idx_compute_webhook_events_received"');
    await queryRunner.query('DROP TABLE "compute_webhook_events"');
    await queryRunner.query('DROP TABLE "compute_usage"');
    await queryRunner.query('DROP INDEX "public"."idx_compute_intents_status"');
    await queryRunner.query('DROP INDEX "public"."idx_compute_intents_account"');
    await queryRunner.query('DROP INDEX "public"."uq_compute_intents_provision"');
    await queryRunner.query('DROP INDEX "public"."uq_compute_intents_allocate"');
    await queryRunner.query('DROP TABLE "compute_intents"');
    await queryRunner.query('DROP INDEX "public"."idx_compute_reconciliations_started"');
    await queryRunner.query('DROP TABLE "compute_reconciliations"');
    await queryRunner.query('DROP INDEX "public"."idx_compute_allocations_account"');
    await queryRunner.query('DROP INDEX "public"."uq_compute_allocations_external"');
    await queryRunner.query('DROP INDEX "public"."uq_compute_allocations_application"');
    await queryRunner.query('DROP TABLE "compute_allocations"');
    await queryRunner.query('DROP INDEX "public"."idx_compute_accounts_updated_at"');
    await queryRunner.query('DROP INDEX "public"."uq_compute_accounts_external"');
    await queryRunner.query('DROP INDEX "public"."uq_compute_accounts_company"');
    await queryRunner.query('DROP TABLE "compute_accounts"');
  }
}
