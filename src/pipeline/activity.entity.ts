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
import { Company } from '../companies/company.entity';
import { Deal } from './deal.entity';

export const ACTIVITY_TYPES = ['call', 'meeting', 'note', 'email', 'wechat'] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

/** A call, meeting or note on a company (and perhaps one of its deals). */
@Entity('activities')
@Index('idx_activities_company', ['companyId', 'occurredAt', 'id'])
@Index('idx_activities_deal', ['dealId', 'occurredAt', 'id'])
@Index('idx_activities_author', ['authorId', 'occurredAt'])
@Index('idx_activities_occurred_at', ['occurredAt', 'id'])
export class Activity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 20 }) type!: ActivityType;
  @Column({ type: 'varchar', length: 200 }) subject!: string;
  @Column({ type: 'text', nullable: true }) body!: string | null;
  @Column({ type: 'timestamptz', precision: 3 }) occurredAt!: Date;
  @Column({ type: 'uuid' }) companyId!: string;
  @ManyToOne(() => Company, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'company_id', foreignKeyConstraintName: 'fk_activities_company' })
  company?: Relation<Company>;
  @Column({ type: 'uuid', nullable: true }) dealId!: string | null;
  @ManyToOne(() => Deal, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'deal_id', foreignKeyConstraintName: 'fk_activities_deal' })
  deal?: Relation<Deal>;
  @Column({ type: 'uuid' }) authorId!: string;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
  @DeleteDateColumn({ type: 'timestamptz', precision: 3, nullable: true }) deletedAt!: Date | null;
}
