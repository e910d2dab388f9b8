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
import { OnboardingTrack } from './onboarding-track.entity';

export const ONBOARDING_TASK_STATUSES = ['todo', 'in_progress', 'done', 'skipped'] as const;
export type OnboardingTaskStatus = (typeof ONBOARDING_TASK_STATUSES)[number];

@Entity('onboarding_tasks')
@Index('idx_onboarding_tasks_track', ['trackId', 'position'])
export class OnboardingTask {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ type: 'uuid' }) trackId!: string;
  @ManyToOne(() => OnboardingTrack, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'track_id', foreignKeyConstraintName: 'fk_onboarding_tasks_track' })
  track?: Relation<OnboardingTrack>;
  @Column({ type: 'smallint' }) position!: number;
  @Column({ type: 'varchar', length: 40 }) code!: string;
  @Column({ type: 'varchar', length: 100 }) name!: string;
  @Column({ type: 'varchar', length: 100 }) nameEn!: string;
  @Column({ type: 'boolean', default: true }) required!: boolean;
  @Column({ type: 'uuid', nullable: true }) assigneeId!: string | null;
  @Column({ type: 'date', nullable: true }) dueDate!: string | null;
  @Column({ type: 'varchar', length: 20, default: 'todo' }) status!: OnboardingTaskStatus;
  @Column({ type: 'timestamptz', precision: 3, nullable: true }) doneAt!: Date | null;
  @VersionColumn({ default: 1 }) version!: number;
  @CreateDateColumn({ type: 'timestamptz', precision: 3 }) createdAt!: Date;
  @UpdateDateColumn({ type: 'timestamptz', precision: 3 }) updatedAt!: Date;
}
