import {
  Column,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { User } from '../auth/users/user.entity';
import { Company } from '../companies/company.entity';
import { Lead } from '../leads/lead.entity';
import { Pipeline } from './pipeline.entity';
import { Stage } from './stage.entity';

/** A recruitment project (招商项目): one firm moving through a pipeline towards tenancy. */
@Entity('deals')
@Index('idx_deals_stage', ['stageId', 'updatedAt', 'id'])
@Index('idx_deals_owner', ['ownerId', 'updatedAt', 'id'])
@Index('idx_deals_owner_stage', ['ownerId', 'stageId', 'updatedAt', 'id'])
@Index('idx_deals_owner_stage_entered', ['ownerId', 'stageId', 'stageEnteredAt', 'id'])
@Index('idx_deals_stage_entered', ['stageId', 'stageEnteredAt', 'id'])
@Index('idx_deals_stage_entered_at', ['stageEnteredAt', 'id'])
@Index('idx_deals_owner_stage_entered_at', ['ownerId', 'stageEnteredAt', 'id'])
@Index('idx_deals_company', ['companyId'])
@Index('idx_deals_lead', ['leadId'])
@Index('idx_deals_pipeline', ['pipelineId', 'stageId'])
@Index('idx_deals_pipeline_updated', ['pipelineId', 'updatedAt', 'id'])
@Index('idx_deals_updated_at', ['updatedAt', 'id'])
@Index('idx_deals_created_at', ['createdAt', 'id'])
@Index('idx_deals_title_trgm', { synchronize: false })
export class Deal {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 200 }) title!: string;
  @Column({ type: 'uuid' }) companyId!: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_deals_company' })
  company?: Relation<Company>;
  @Column({ type: 'uuid', nullable: true }) leadId!: string | null;
  @ManyToOne(() => Lead, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'fk_deals_lead' })
  lead?: Relation<Lead>;
  @Column({ type: 'uuid' }) pipelineId!: string;
  @ManyToOne(() => Pipeline, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pipeline_id', foreignKeyConstraintName: 'fk_deals_pipeline' })
  pipeline?: Relation<Pipeline>;
  @Column({ type: 'uuid' }) stageId!: string;
  @ManyToOne(() => Stage, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'stage_id', foreignKeyConstraintName: 'fk_deals_stage' })
  stage?: Relation<Stage>;
  @Column({ type: 'uuid' }) ownerId!: string;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_deals_owner' })
  owner?: Relation<User>;
  /** m² */
  @Column({ type: 'numeric', precision: 12, scale: 2, nullable: true }) expectedArea!:
    string | null;
  /** Card-hours per month at the computing center. */
  @Column({ type: 'integer', nullable: true }) expectedComputeCardHours!: number | null;
  /** Yuan. */
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true }) expectedInvestment!:
    string | null;
  /** Yuan per year. */
  @Column({ type: 'numeric', precision: 18, scale: 2, nullable: true }) expectedAnnualRevenue!:
    string | null;
  @Column({ type: 'date', nullable: true }) targetMoveInDate!: string | null;
  @Column({ type: 'text', nullable: true }) lostReason!: string | null;
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' }) stageEnteredAt!: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) closedAt!: Date | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz', precision: 3, nullable: true }) deletedAt!: Date | null;
}
