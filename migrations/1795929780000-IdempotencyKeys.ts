import { MigrationInterface, QueryRunner } from 'typeorm';

/** Idempotency keys of creating requests, with the first response to replay. */
export class IdempotencyKeys1795929780000 implements MigrationInterface {
  name = 'IdempotencyKeys1795929780000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE idempotency_keys (principal text NOT NULL, route text NOT NULL, key character varying(255) NOT NULL, request_hash character(64) NOT NULL, response_status smallint, response_body jsonb, created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_412163ca01fd94225493c2d8b83" PRIMARY KEY (principal, route, key))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_idempotency_keys_created_at ON idempotency_keys  (created_at) `,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX public.idx_idempotency_keys_created_at`);
    await queryRunner.query(`DROP TABLE idempotency_keys`);
  }
}
