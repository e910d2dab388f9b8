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
import { Lead } from './lead.entity';

export const CONFLICT_MATCHES = ['credit_code', 'name', 'similar_name'] as const;
export type ConflictMatch = (typeof CONFLICT_MATCHES)[number];
export const CONFLICT_RESOLUTIONS = ['keep_existing', 'transfer', 'merge'] as const;
export type ConflictResolution = (typeof CONFLICT_RESOLUTIONS)[number];

/** 撞单: a new lead for a firm another promoter already works, held until a manager decides. */
@Entity('lead_conflicts')
@Index('idx_lead_conflicts_open', ['status', 'createdAt', 'id'])
@Index('uq_lead_conflicts_open_lead', ['leadId'], { unique: true, where: "status = 'open'" })
export class LeadConflict {
  @PrimaryGeneratedColumn('uuid') id!: string;
  /** The new lead, on hold. */
  @Column({ type: 'uuid' }) leadId!: string;
  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'fk_lead_conflicts_lead' })
  lead?: Relation<Lead>;
  /** The lead already worked by another promoter. */
  @Column({ type: 'uuid' }) existingLeadId!: string;
  @ManyToOne(() => Lead, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'existing_lead_id',
    foreignKeyConstraintName: 'fk_lead_conflicts_existing_lead',
  })
  existingLead?: Relation<Lead>;
  @Column({ type: 'varchar', length: 20 }) match!: ConflictMatch;
  @Column({ type: 'real', nullable: true }) similarity!: number | null;
  @Column({ type: 'varchar', length: 20, default: 'open' }) status!: 'open' | 'resolved';
  @Column({ type: 'varchar', length: 20, nullable: true }) resolution!: ConflictResolution | null;
  @Column({ type: 'text', nullable: true }) resolutionNote!: string | null;
  @Column({ type: 'uuid', nullable: true }) resolvedById!: string | null;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) resolvedAt!: Date | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
