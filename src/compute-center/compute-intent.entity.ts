import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { ComputeAccount } from './compute-account.entity';
import { ComputeAllocation } from './compute-allocation.entity';

export const INTENT_KINDS = ['provision', 'allocate', 'revoke', 'suspend', 'resume'] as const;
export type IntentKind = (typeof INTENT_KINDS)[number];
export const INTENT_STATUSES = ['queued', 'sent', 'dead'] as const;
export type IntentStatus = (typeof INTENT_STATUSES)[number];

/**
 * One call the CRM owes the compute center (the outbox), written in the transaction of the change
 * that causes it. Its id is the call's Idempotency-Key, the same on every attempt.
 */
@Entity('compute_intents')
@Index('idx_compute_intents_status', ['status', 'createdAt'])
@Index('idx_compute_intents_account', ['accountId', 'createdAt'])
@Index('uq_compute_intents_provision', ['accountId'], {
  unique: true,
  where: `kind = 'provision'`,
})
@Index('uq_compute_intents_allocate', ['allocationId'], {
  unique: true,
  where: `kind = 'allocate'`,
})
export class ComputeIntent {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) accountId!: string;
  @ManyToOne(() => ComputeAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_compute_intents_account' })
  account?: Relation<ComputeAccount>;
  @Column({ type: 'uuid', nullable: true }) allocationId!: string | null;
  @ManyToOne(() => ComputeAllocation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'allocation_id', foreignKeyConstraintName: 'fk_compute_intents_allocation' })
  allocation?: Relation<ComputeAllocation>;
  @Column({ type: 'varchar', length: 20 }) kind!: IntentKind;
  @Column({ type: 'jsonb' }) payload!: Record<string, unknown>;
  @Column({ type: 'varchar', length: 20, default: 'queued' }) status!: IntentStatus;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  @Column({ type: 'jsonb', nullable: true }) response!: Record<string, unknown> | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) sentAt!: Date | null;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
