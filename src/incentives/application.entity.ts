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
import { Program } from './program.entity';

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'approved',
  'rejected',
  'disbursed',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** A company's application to a program (政策兑现). */
@Entity('applications')
@Index('idx_applications_program', ['programId', 'status'])
@Index('idx_applications_company', ['companyId', 'status'])
@Index('idx_applications_updated_at', ['updatedAt', 'id'])
export class Application {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) programId!: string;
  @ManyToOne(() => Program, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_id', foreignKeyConstraintName: 'fk_applications_program' })
  program?: Relation<Program>;
  @Column({ type: 'uuid' }) companyId!: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_applications_company' })
  company?: Relation<Company>;
  @Column({ type: 'varchar', length: 20, default: 'draft' }) status!: ApplicationStatus;
  @Column({ type: 'numeric', precision: 16, scale: 2 }) requestedAmount!: string;
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) approvedAmount!:
    string | null;
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) disbursedAmount!:
    string | null;
  /** Compute subsidies: card-hours granted with the approval. */
  @Column({ type: 'numeric', precision: 16, scale: 2, nullable: true }) approvedCardHours!:
    string | null;
  @Column({ type: 'text', nullable: true }) purpose!: string | null;
  @Column({ type: 'text', nullable: true }) decisionReason!: string | null;
  @Column({ type: 'uuid', nullable: true }) reviewerId!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) submittedAt!: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) decidedAt!: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) disbursedAt!: Date | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
