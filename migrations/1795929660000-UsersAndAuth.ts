import { MigrationInterface, QueryRunner } from 'typeorm';

/** Staff users, login sessions with rotating refresh tokens, login throttles and API keys. */
export class UsersAndAuth1795929660000 implements MigrationInterface {
  name = 'UsersAndAuth1795929660000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE api_keys (id uuid NOT NULL DEFAULT gen_random_uuid(), name character varying(100) NOT NULL, prefix character varying(16) NOT NULL, key_hash character(64) NOT NULL, role character varying(20) NOT NULL DEFAULT 'integration', created_by_id uuid, expires_at TIMESTAMP(3) WITH TIME ZONE, last_used_at TIMESTAMP(3) WITH TIME ZONE, revoked_at TIMESTAMP(3) WITH TIME ZONE, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY (id))`,
    );
    await queryRunner.query(`CREATE INDEX idx_api_keys_created_at ON api_keys  (created_at, id) `);
    await queryRunner.query(`CREATE UNIQUE INDEX uq_api_keys_hash ON api_keys  (key_hash) `);
    await queryRunner.query(
      `CREATE TABLE login_throttles (key character varying(400) NOT NULL, attempts integer NOT NULL, window_started_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, CONSTRAINT "PK_366650e3560115bd25315ca53d0" PRIMARY KEY (key))`,
    );
    await queryRunner.query(
      `CREATE TABLE auth_sessions (id uuid NOT NULL DEFAULT gen_random_uuid(), user_id uuid NOT NULL, ip_address character varying(64), user_agent character varying(300), created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), revoked_at TIMESTAMP(3) WITH TIME ZONE, revoked_reason character varying(40), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY (id))`,
    );
    await queryRunner.query(`CREATE INDEX idx_auth_sessions_user ON auth_sessions  (user_id) `);
    await queryRunner.query(
      `CREATE TABLE refresh_tokens (id uuid NOT NULL DEFAULT gen_random_uuid(), session_id uuid NOT NULL, token_hash character(64) NOT NULL, expires_at TIMESTAMP(3) WITH TIME ZONE NOT NULL, used_at TIMESTAMP(3) WITH TIME ZONE, created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7d8bee0204106019488c4c50ffa" PRIMARY KEY (id))`,
    );
    await queryRunner.query(
      `CREATE INDEX idx_refresh_tokens_session ON refresh_tokens  (session_id) `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_refresh_tokens_hash ON refresh_tokens  (token_hash) `,
    );
    await queryRunner.query(
      `CREATE TABLE users (id uuid NOT NULL DEFAULT gen_random_uuid(), email citext NOT NULL, display_name character varying(100) NOT NULL, role character varying(20) NOT NULL, active boolean NOT NULL DEFAULT true, password_hash text NOT NULL, last_login_at TIMESTAMP(3) WITH TIME ZONE, version integer NOT NULL DEFAULT '1', created_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), updated_at TIMESTAMP(3) WITH TIME ZONE NOT NULL DEFAULT now(), deleted_at TIMESTAMP(3) WITH TIME ZONE, CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY (id))`,
    );
    await queryRunner.query(`CREATE INDEX idx_users_created_at ON users  (created_at, id) `);
    await queryRunner.query(`CREATE INDEX idx_users_display_name ON users  (display_name, id) `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX uq_users_email ON users  (email) WHERE deleted_at IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX public.uq_users_email`);
    await queryRunner.query(`DROP INDEX public.idx_users_display_name`);
    await queryRunner.query(`DROP INDEX public.idx_users_created_at`);
    await queryRunner.query(`DROP TABLE users`);
    await queryRunner.query(`DROP INDEX public.uq_refresh_tokens_hash`);
    await queryRunner.query(`DROP INDEX public.idx_refresh_tokens_session`);
    await queryRunner.query(`DROP TABLE refresh_tokens`);
    await queryRunner.query(`DROP INDEX public.idx_auth_sessions_user`);
    await queryRunner.query(`DROP TABLE auth_sessions`);
    await queryRunner.query(`DROP TABLE login_throttles`);
    await queryRunner.query(`DROP INDEX public.uq_api_keys_hash`);
    await queryRunner.query(`DROP INDEX public.idx_api_keys_created_at`);
    await queryRunner.query(`DROP TABLE api_keys`);
  }
}
