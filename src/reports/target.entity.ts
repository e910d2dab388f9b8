import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const TARGET_METRICS = [
  'enterprises_signed',
  'tenants',
  'listed_companies',
  'ai_revenue',
  'compute_accounts_active',
  'card_hours_used',
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

export const TARGET_COMPARISONS = ['at_least', 'more_than'] as const;
export type TargetComparison = (typeof TARGET_COMPARISONS)[number];

/**
 * One of the park's goals as data: a metric to reach over a period of Beijing days
 * [periodStart, periodEnd), e.g. 100 AI enterprises signed in 2023.
 */
@Entity('targets')
@Index('idx_targets_period', ['periodStart', 'periodEnd'])
export class Target {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 100, nullable: true }) nameEn!: string | null;
  @Column({ type: 'varchar', length: 40 }) metric!: TargetMetric;
  @Column({ type: 'varchar', length: 20, default: 'at_least' }) comparison!: TargetComparison;
  @Column({ type: 'numeric', precision: 18, scale: 2 }) value!: string;
  @Column({ type: 'date' }) periodStart!: string;
  @Column({ type: 'date' }) periodEnd!: string;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
