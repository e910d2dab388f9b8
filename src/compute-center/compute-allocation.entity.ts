import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Application } from '../incentives/application.entity';
import { ComputeAccount } from './compute-account.entity';

export const ALLOCATION_KINDS = ['subsidy_voucher', 'card_hour_package'] as const;
export const ALLOCATION_UNITS = ['card_hour', 'CNY'] as const;
export const ON_EXHAUSTION = ['notify', 'block_new_jobs', 'suspend'] as const;
/** `waiting`: for the account to be active; `requested`: in the outbox; then the center's states. */
export const ALLOCATION_STATUSES = [
  'waiting',
  'requested',
  'active',
  'exhausted',
  'expired',
  'revoked',
  'failed',
] as const;
export type AllocationStatus = (typeof ALLOCATION_STATUSES)[number];

/** A quota on a compute account: card-hours granted by an approved compute subsidy. */
@Entity('compute_allocations')
@Index('idx_compute_allocations_account', ['accountId', 'createdAt'])
export class ComputeAllocation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) accountId!: string;
  @ManyToOne(() => ComputeAccount, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_compute_allocations_account' })
  account?: Relation<ComputeAccount>;
  /** One allocation per approved application, however often the approval is retried. */
  @Index('uq_compute_allocations_application', { unique: true })
  @Column({ type: 'uuid', nullable: true })
  applicationId!: string | null;
  @ManyToOne(() => Application, { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'application_id',
    foreignKeyConstraintName: 'fk_compute_allocations_application',
  })
  application?: Relation<Application>;
  @Index('uq_compute_allocations_external', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  externalId!: string | null;
  @Column({ type: 'varchar', length: 30 }) kind!: (typeof ALLOCATION_KINDS)[number];
  @Column({ type: 'varchar', length: 20 }) unit!: (typeof ALLOCATION_UNITS)[number];
  @Column({ type: 'numeric', precision: 16, scale: 2 }) amount!: string;
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) remaining!: string | null;
  @Column({ type: 'text', array: true }) resourceTypes!: string[];
  @Column({ type: 'date' }) validFrom!: string;
  @Column({ type: 'date' }) validUntil!: string;
  @Column({ type: 'varchar', length: 20 }) onExhaustion!: (typeof ON_EXHAUSTION)[number];
  @Column({ type: 'varchar', length: 100 }) programRef!: string;
  @Column({ type: 'varchar', length: 20, default: 'waiting' }) status!: AllocationStatus;
  @Column({ type: 'integer', default: 0 }) remoteVersion!: number;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) thresholdReachedAt!: Date | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
