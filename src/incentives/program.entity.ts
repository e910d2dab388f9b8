import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Fund } from './fund.entity';

export const PROGRAM_KINDS = [
  'compute_subsidy',
  'rent_subsidy',
  'talent_subsidy',
  'fund_investment',
] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

/**
 * A support program with its budget (yuan). Approved and disbursed totals are kept on the row and
 * bounded by CHECK constraints, so concurrent approvals can never overspend it.
 */
@Entity('programs')
@Check('ck_programs_approved', `approved_total <= budget`)
@Check('ck_programs_disbursed', `disbursed_total <= approved_total`)
export class Program {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) fundId!: string;
  @ManyToOne(() => Fund, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'fund_id', foreignKeyConstraintName: 'fk_programs_fund' })
  fund?: Relation<Fund>;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) nameEn!: string | null;
  @Column({ type: 'varchar', length: 30 }) kind!: ProgramKind;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) budget!: string;
  @Column({ type: 'numeric', precision: 16, scale: 2, default: 0 }) approvedTotal!: string;
  @Column({ type: 'numeric', precision: 16, scale: 2, default: 0 }) disbursedTotal!: string;
  /** For compute subsidies: card-hours granted per yuan of subsidy. */
  @Column({ type: 'numeric', precision: 10, scale: 4, nullable: true }) cardHoursPerYuan!:
    string | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
