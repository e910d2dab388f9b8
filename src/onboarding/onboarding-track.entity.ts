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
import { Deal } from '../pipeline/deal.entity';

/** The onboarding of one signed deal; completed when every required task is done. */
@Entity('onboarding_tracks')
@Index('uq_onboarding_tracks_deal', ['dealId'], { unique: true })
@Index('idx_onboarding_tracks_company', ['companyId'])
@Index('idx_onboarding_tracks_created_at', ['createdAt', 'id'])
export class OnboardingTrack {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) dealId!: string;
  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_onboarding_tracks_deal' })
  deal?: Relation<Deal>;
  @Column({ type: 'uuid' }) companyId!: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_onboarding_tracks_company' })
  company?: Relation<Company>;
  @Column({ type: 'uuid', nullable: true }) templateId!: string | null;
  @Column({ type: 'varchar', length: 20, default: 'open' }) status!: 'open' | 'completed';
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) completedAt!: Date | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
