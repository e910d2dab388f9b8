import {
  Column,
  JoinColumn,
  ManyToOne,
  type Relation,
  CreateDateColumn,
  DeleteDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { User } from '../auth/users/user.entity';
import { Company } from '../companies/company.entity';
import type { LeadSource, LeadStatus } from './lead.enums';

/** The first contact with a firm (线索), owned by one promoter or lying in the pool (公海). */
@Entity('leads')
@Index('idx_leads_company', ['companyId'])
@Index('idx_leads_owner_status', ['ownerId', 'status', 'updatedAt'])
@Index('idx_leads_updated_at', ['updatedAt', 'id'])
@Index('idx_leads_created_at', ['createdAt', 'id'])
@Index('idx_leads_last_activity', ['lastActivityAt', 'id'])
@Index('idx_leads_idle', ['lastActivityAt'], {
  where: 'owner_id IS NOT NULL AND deleted_at IS NULL',
})
@Index('idx_leads_pool', ['updatedAt', 'id'], { where: 'owner_id IS NULL AND deleted_at IS NULL' })
export class Lead {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) companyId!: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_leads_company' })
  company?: Relation<Company>;
  @Column({ type: 'varchar', length: 30 }) source!: LeadSource;
  @Column({ type: 'varchar', length: 200, nullable: true }) sourceDetail!: string | null;
  @Column({ type: 'uuid', nullable: true }) ownerId!: string | null;
  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_leads_owner' })
  owner?: Relation<User>;
  @Column({ type: 'varchar', length: 20, default: 'new' }) status!: LeadStatus;
  @Column({ type: 'text', nullable: true }) disqualifyReason!: string | null;
  @Column({ type: 'text', nullable: true }) notes!: string | null;
  /** While an ownership conflict about this lead is open, nobody works it. */
  @Column({ type: 'boolean', default: false }) onHold!: boolean;
  /** Last time the owner worked the lead; the pool job compares it with the protection period. */
  @Column({ type: 'timestamptz', precision: 3, default: () => 'now()' }) lastActivityAt!: Date;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) ownerAssignedAt!: Date | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) pooledAt!: Date | null;
  @Column({ type: 'uuid', nullable: true }) previousOwnerId!: string | null;
  @Column({ type: 'uuid', nullable: true }) createdById!: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) convertedAt!: Date | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz', precision: 3, nullable: true }) deletedAt!: Date | null;
}
