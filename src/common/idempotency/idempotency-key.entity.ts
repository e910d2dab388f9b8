import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A creating request's key and first response, so that a retry replays it instead of creating again. */
@Entity('idempotency_keys')
@Index('idx_idempotency_keys_created_at', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn({ type: 'text' })
  principal!: string;

  @PrimaryColumn({ type: 'text' })
  route!: string;

  @PrimaryColumn({ type: 'varchar', length: 255 })
  key!: string;

  @Column({ type: 'char', length: 64 })
  requestHash!: string;

  @Column({ type: 'smallint', nullable: true })
  responseStatus!: number | null;

  @Column({ type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
