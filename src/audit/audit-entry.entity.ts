import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type FieldChanges = Record<string, { before: unknown; after: unknown }>;

/** One change to one record; append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). */
@Entity('audit_log')
@Index('idx_audit_log_entity', ['entityType', 'entityId', 'createdAt', 'id'])
@Index('idx_audit_log_created_at', ['createdAt', 'id'])
@Index('idx_audit_log_actor', ['actorId', 'createdAt'])
export class AuditEntry {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 50 })
  entityType!: string;

  @Column({ type: 'uuid' })
  entityId!: string;

  @Column({ type: 'varchar', length: 50 })
  action!: string;

  @Column({ type: 'varchar', length: 20 })
  actorType!: 'user' | 'api_key' | 'system';

  @Column({ type: 'uuid', nullable: true })
  actorId!: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', default: {} })
  changes!: FieldChanges;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @CreateDateColumn({ type: 'timestamptz', precision: 3 })
  createdAt!: Date;
}
