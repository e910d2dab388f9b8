import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export interface DriftItem {
  accountId: string;
  companyId: string;
  field: string;
  allocationId?: string;
  crm: string;
  center: string;
}

/** One run of the nightly comparison of accounts and allocations on both sides. */
@Entity('compute_reconciliations')
@Index('idx_compute_reconciliations_started', ['startedAt'])
export class ComputeReconciliation {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'timestamptz', precision: 3 }) startedAt!: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) finishedAt!: Date | null;
  @Column({ type: 'integer', default: 0 }) accountsChecked!: number;
  @Column({ type: 'jsonb', default: () => `'[]'` }) drift!: DriftItem[];
  @Column({ type: 'text', nullable: true }) error!: string | null;
}
