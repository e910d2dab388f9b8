import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Exclusion,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { Company } from '../companies/company.entity';
import { Deal } from '../pipeline/deal.entity';
import { Unit } from './unit.entity';

/** A tenancy: a company in a unit for a period; no unit has two overlapping active leases. */
@Entity('leases')
@Index('idx_leases_company', ['companyId'])
@Index('idx_leases_deal', ['dealId'])
@Index('idx_leases_start_date', ['startDate', 'id'])
@Check('ck_leases_period', `end_date >= start_date`)
@Exclusion(
  'ex_leases_unit',
  `USING gist (unit_id WITH =, daterange(start_date, end_date, '[]') WITH &&) WHERE (status = 'active')`,
)
export class Lease {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) unitId!: string;
  @ManyToOne(() => Unit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_leases_unit' })
  unit?: Relation<Unit>;
  @Column({ type: 'uuid' }) companyId!: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_leases_company' })
  company?: Relation<Company>;
  @Column({ type: 'uuid', nullable: true }) dealId!: string | null;
  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_leases_deal' })
  deal?: Relation<Deal>;
  @Column({ type: 'date' }) startDate!: string;
  @Column({ type: 'date' }) endDate!: string;
  /** Yuan per month for the whole unit. */
  @Column({ type: 'numeric', precision: 14, scale: 2 }) monthlyRent!: string;
  @Column({ type: 'smallint', default: 0 }) rentFreeMonths!: number;
  @Column({ type: 'varchar', length: 20, default: 'active' }) status!: 'active' | 'terminated';
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
