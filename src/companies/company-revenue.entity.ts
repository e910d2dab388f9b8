import {
  Column,
  JoinColumn,
  ManyToOne,
  type Relation,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { Company } from './company.entity';

/** A company's revenue in one year, in yuan; the AI share feeds the park's AI-revenue target. */
@Entity('company_revenues')
@Index('uq_company_revenues_year', ['companyId', 'year'], { unique: true })
export class CompanyRevenue {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) companyId!: string;
  @ManyToOne(() => Company, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_company_revenues_company' })
  company?: Relation<Company>;
  @Column({ type: 'smallint' }) year!: number;
  @Column({ type: 'numeric', precision: 20, scale: 2 }) revenue!: string;
  @Column({ type: 'numeric', precision: 20, scale: 2, nullable: true }) aiRevenue!: string | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) source!: string | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
