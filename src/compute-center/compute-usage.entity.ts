import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  type Relation,
} from 'typeorm';
import { ComputeAccount } from './compute-account.entity';

/**
 * Card-hours used per account, day, resource type and allocation, as the compute center reports
 * them (a day's figure is cumulative: a later report replaces it). `remoteVersion` orders reports.
 */
@Entity('compute_usage')
@Index('idx_compute_usage_day', ['day'])
export class ComputeUsage {
  @PrimaryColumn({ type: 'uuid' }) accountId!: string;
  @ManyToOne(() => ComputeAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_compute_usage_account' })
  account?: Relation<ComputeAccount>;
  @PrimaryColumn({ type: 'date' }) day!: string;
  @PrimaryColumn({ type: 'varchar', length: 60 }) resourceType!: string;
  /** The center's allocation id, or '' for usage outside any allocation. */
  @PrimaryColumn({ type: 'varchar', length: 64 }) allocationRef!: string;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) cardHours!: string;
  @Column({ type: 'boolean', default: false }) final!: boolean;
  @Column({ type: 'integer', default: 0 }) remoteVersion!: number;
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' }) updatedAt!: Date;
}
