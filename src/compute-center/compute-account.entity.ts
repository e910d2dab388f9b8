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
import { Company } from '../companies/company.entity';

export const COMPUTE_ACCOUNT_STATUSES = [
  'pending',
  'active',
  'suspended',
  'closed',
  'failed',
] as const;
export type ComputeAccountStatus = (typeof COMPUTE_ACCOUNT_STATUSES)[number];

/**
 * A tenant's account at the Ascend AI Computing Center, as the CRM knows it: `pending` until the
 * center activates it (by webhook), then `active`, `suspended` or `closed`; `failed` when
 * provisioning failed there. `remoteVersion` is the center's version of the account's status.
 */
@Entity('compute_accounts')
@Index('idx_compute_accounts_updated_at', ['updatedAt', 'id'])
export class ComputeAccount {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Index('uq_compute_accounts_company', { unique: true })
  @Column({ type: 'uuid' })
  companyId!: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_compute_accounts_company' })
  company?: Relation<Company>;
  @Index('uq_compute_accounts_external', { unique: true })
  @Column({ type: 'varchar', length: 64, nullable: true })
  externalId!: string | null;
  @Column({ type: 'varchar', length: 20, default: 'pending' }) status!: ComputeAccountStatus;
  @Column({ type: 'text', nullable: true }) statusReason!: string | null;
  @Column({ type: 'integer', default: 0 }) remoteVersion!: number;
  @Column({ type: 'varchar', length: 60 }) region!: string;
  /** The onboarding task that asked for this account; activation completes it. */
  @Column({ type: 'uuid', nullable: true }) onboardingTaskId!: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) activatedAt!: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) lastSyncedAt!: Date | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
